package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.SourceFormat;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session remembers the names it learned for a build, and forgets them when the KB changes: a
 * decoded reply ingested while the REPL is open names the next raw crash of that build.
 */
class SuggestSessionLearnedSymbolsTest {

    static final String BUILD = "3.3.005-615-gd132bfe0/ota_1/edge";

    static CrashReport raw(long... pcs) {
        List<Frame> frames = java.util.Arrays.stream(pcs).mapToObj(a -> Frame.raw(a, 0)).toList();
        return new CrashReport(CrashKind.EXCEPTION, SourceFormat.BOOT_STATUS, "LoadProhibited", 1, Map.of(), frames, false,
                BUILD, "", "", "", "", "", List.of(), Optional.empty(), "", 1);
    }

    static CrashReport decoded(Frame... frames) {
        return new CrashReport(CrashKind.OTHER, SourceFormat.DECODED, "", -1, Map.of(), List.of(frames), false,
                "", "", "", "", "", "", List.of(), Optional.empty(), "", 1);
    }

    static List<String> names(SuggestSession s, CrashReport c) throws Exception {
        return s.symbolize(c, SymbolSources.none(), new ArrayList<>()).frames().stream().map(Frame::function).toList();
    }

    @Test
    void namesLearnedForABuildFollowTheKbContent(@TempDir Path dir) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"))) {
            kb.upsert(Docs.mail("t/1", "t/1", "Crash in mongoose", "raw then decoded", raw(0x4015d82aL),
                    decoded(Frame.named(0x4015d82aL, "mg_send"))));
            kb.commit();
            SuggestSession session = new SuggestSession(kb, StandardAnalysis.get());

            assertThat(names(session, raw(0x4015d82aL, 0x4015e0b1L))).containsExactly("mg_send", "");
            assertThat(names(session, raw(0x4015d82aL, 0x4015e0b1L))).as("asked again, same answer").containsExactly("mg_send", "");

            kb.upsert(Docs.mail("t/2", "t/2", "Crash in mongoose poll", "raw then decoded", raw(0x4015e0b1L),
                    decoded(Frame.named(0x4015e0b1L, "mg_mgr_poll"))));
            kb.commit();

            assertThat(names(session, raw(0x4015d82aL, 0x4015e0b1L))).containsExactly("mg_send", "mg_mgr_poll");
        }
    }
}
