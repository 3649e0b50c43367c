package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.SourceFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearnedSymbolsTest {

    static CrashReport raw(String version, long... pcs) {
        List<Frame> frames = java.util.Arrays.stream(pcs).mapToObj(a -> Frame.raw(a, 0)).toList();
        return new CrashReport(CrashKind.EXCEPTION, SourceFormat.BOOT_STATUS, "LoadProhibited", 1, Map.of(), frames, false,
                version, "", "", "", "", "", List.of(), Optional.empty(), "", 1);
    }

    static CrashReport decoded(Frame... frames) {
        return new CrashReport(CrashKind.OTHER, SourceFormat.DECODED, "", -1, Map.of(), List.of(frames), false,
                "", "", "", "", "", "", List.of(), Optional.empty(), "", 1);
    }

    @Test
    void aDecodedReplyTeachesNamesForTheBuildOfTheRawCrashItAnswers() {
        // A user posts a raw boot-status backtrace; a developer replies with the gdb/addr2line decode.
        CrashReport question = raw("3.3.005-615-gd132bfe0/ota_1/edge (build idf v3.3.4-851-gfa4f07fb3)", 0x4015d82aL, 0x4015e0b1L);
        CrashReport answer = decoded(Frame.named(0x4015d82aL, "mg_send"), Frame.named(0x4015e0b1L, "mg_mgr_poll"));
        LearnedSymbols learned = LearnedSymbols.learn(List.of(List.of(question, answer)));

        // Months later a raw backtrace of the same build (other partition) arrives, without an ELF.
        CrashReport later = raw("3.3.005-615-gd132bfe0/ota_0/main", 0x4015d82aL, 0x4015e0b1L, 0x40081234L);
        SymbolTable table = learned.forVersion(later.firmwareVersion()).orElseThrow();
        Symbolizer.Result r = Symbolizer.symbolize(later, table);

        assertThat(r.report().frames()).extracting(Frame::function).containsExactly("mg_send", "mg_mgr_poll", "");
        assertThat(r.named()).isEqualTo(2);
        assertThat(r.unnamed()).isEqualTo(1);
        assertThat(learned.forVersion("3.3.004-321-gbb821cfc/ota_0/main")).as("another build learns nothing").isEmpty();
    }

    @Test
    void decodedFramesWithoutAnyBuildInTheirGroupAreNotGuessed() {
        LearnedSymbols learned = LearnedSymbols.learn(List.of(List.of(decoded(Frame.named(0x4015d82aL, "mg_send")))));
        assertThat(learned.builds()).isEmpty();
    }

    @Test
    void buildKeyIgnoresPartitionTagAndBuildDetails() {
        assertThat(BuildKey.of("3.3.004-321-gbb821cfc-dirty/ota_0/main (build idf v3.3.4-851-gfa4f07fb3 Sep 30 2024 17:27:30)"))
                .isEqualTo("3.3.004-321-gbb821cfc-dirty");
        assertThat(BuildKey.of("")).isEmpty();
        assertThat(BuildKey.of("garbage words")).isEmpty();
    }
}
