package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldshell kb suggest}, {@code kb symbols} and {@code kb eval} as a user runs them, over a
 * real Lucene KB on disk filled by {@code kb ingest}.
 */
class KbSuggestCommandTest {

    @TempDir
    Path dir;

    Path kb;
    Path store;

    static CliRun run(String stdin, String... args) {
        return CliRun.withInput(stdin, args);
    }

    static Path resource(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = KbSuggestCommandTest.class.getResourceAsStream("/kbsuggest/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @BeforeEach
    void ingestTheThread() throws Exception {
        kb = dir.resolve("kb");
        store = dir.resolve("symbols");
        CliRun r = run("", "kb", "ingest", "--kb", kb.toString(), resource(dir, "thread.mbox").toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void aRawBacktraceOfABuildWithDecodedReportsInTheKbIsNamedWithoutAnElfAndMatchedToTheThread() throws Exception {
        String crash = Files.readString(resource(dir, "later-crash.txt"));
        CliRun r = run(crash, "kb", "suggest", "--kb", kb.toString(), "--symbol-store", store.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: named 3 of 3 raw frames from KB decoded reports of 3.3.005-615-gd132bfe0")
                .contains("frames compared: mg_send, mg_mgr_poll, OvmsNetManager::MongooseTask")
                .contains("1. Crash after network change")
                .contains("matched frames: mg_send, mg_mgr_poll, OvmsNetManager::MongooseTask")
                .contains("diagnosis: This crash is caused by calling mg_send from a task other than the network manager's")
                .doesNotContain("SD card logging");
    }

    @Test
    void suggestsWhileAnIngestHoldsTheWriteLockAndLeavesTheLockToIt() throws Exception {
        // A KB that an import is writing to, never seeded with the starter notes: suggest must read
        // it without waiting for, taking or breaking the importer's write lock.
        Path busy = dir.resolve("busy");
        try (dev.fieldshell.kb.index.KnowledgeBase ingest = dev.fieldshell.kb.index.KnowledgeBase.open(busy)) {
            new dev.fieldshell.kb.source.Ingestor(ingest, dev.fieldshell.kb.source.ImportLimits.DEFAULT)
                    .ingest(java.util.List.of(resource(dir, "thread.mbox").toString()));
            ingest.commit();
            assertThat(Files.exists(busy.resolve("write.lock"))).isTrue();

            String crash = Files.readString(resource(dir, "later-crash.txt"));
            CliRun r = run(crash, "kb", "suggest", "--kb", busy.toString(), "--symbol-store", store.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("1. Crash after network change");
            assertThat(r.err()).isEmpty();

            assertThat(ingest.remove("crash-2@example.com")).isTrue();
            ingest.commit();
        }
    }

    @Test
    void jsonCarriesTheSameEvidence() throws Exception {
        Path crash = resource(dir, "later-crash.txt");
        CliRun r = run("", "kb", "suggest", "--json", "--kb", kb.toString(), "--symbol-store", store.toString(), crash.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode first = j.get("suggestions").get(0);
        assertThat(first.get("matched_frames").toString()).contains("mg_send", "mg_mgr_poll");
        assertThat(first.get("diagnosis").asText()).startsWith("This crash is caused by calling mg_send");
        assertThat(first.get("diagnosis_from").asText()).isEqualTo("crash-2@example.com");
        assertThat(first.get("documents").toString()).contains("crash-1@example.com", "crash-2@example.com");
        assertThat(j.get("nothing_close").asBoolean()).isFalse();
    }

    @Test
    void aCrashUnlikeAnythingInTheKbSaysSoInsteadOfPadding() {
        String crash = """
                Guru Meditation Error: Core  0 panic'ed (StoreProhibited). Exception was unhandled.
                0x400d1234: zq_render_widget at /src/ui.c:12
                0x400d2234: zq_layout_pass at /src/ui.c:40
                """;
        CliRun r = run(crash, "kb", "suggest", "--kb", kb.toString(), "--symbol-store", store.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("nothing in the KB is close to this crash").doesNotContain("1. ");
    }

    @Test
    void inputWithoutACrashIsOneClearLine() {
        CliRun r = run("hello, my module is slow\n", "kb", "suggest", "--kb", kb.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("fieldshell: no crash found in standard input").doesNotContain("\n");
    }

    @Test
    void anElfOfAnotherArchitectureOrTruncatedIsOneClearLine() throws Exception {
        Path crash = resource(dir, "later-crash.txt");
        CliRun r = run("", "kb", "suggest", "--kb", kb.toString(), "--elf", "/bin/ls", crash.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).contains("64-bit ELF").doesNotContain("\n").doesNotContain("Exception");

        Path cut = dir.resolve("cut.elf");
        byte[] elf = KbSuggestCommandTest.class.getResourceAsStream("/kbsuggest/fixture.elf").readAllBytes();
        Files.write(cut, java.util.Arrays.copyOf(elf, 3000));
        r = run("", "kb", "suggest", "--kb", kb.toString(), "--elf", cut.toString(), crash.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("fieldshell: " + cut + ": truncated ELF").doesNotContain("\n");
    }

    @Test
    void aSymbolsFileWithGarbageLinesIsOneClearLine() throws Exception {
        Path crash = resource(dir, "later-crash.txt");
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "garbage line\n%%%\n\u0001\u0002 binary junk\nmore garbage\n");
        CliRun r = run("", "kb", "suggest", "--kb", kb.toString(), "--symbols", junk.toString(), crash.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("fieldshell: " + junk + ": no symbols found (junk.txt:1: not an address/function line")
                .contains("(and 3 more such lines)").doesNotContain("\n").doesNotContain("Exception");

        Path mixed = dir.resolve("mixed.txt");
        Files.writeString(mixed, "0x4015d82a mg_send mongoose.c:2776\ngarbage one\ngarbage two\ngarbage three\n");
        r = run("", "kb", "suggest", "--kb", kb.toString(), "--symbols", mixed.toString(), crash.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().strip()).isEqualTo(
                "fieldshell: skipped mixed.txt:2: not an address/function line: garbage one (and 2 more such lines)");
    }

    @Test
    void aWrongElfGetsALoudWarning() throws Exception {
        Path elf = dir.resolve("fixture.elf");
        Files.write(elf, KbSuggestCommandTest.class.getResourceAsStream("/kbsuggest/fixture.elf").readAllBytes());
        String crash = Files.readString(resource(dir, "later-crash.txt")) + "\nELF file SHA256: 5e6a07d4d02b1a79\n";
        CliRun r = run(crash, "kb", "suggest", "--kb", kb.toString(), "--elf", elf.toString(), "--symbol-store", store.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("WARNING: wrong ELF? the crash is from firmware 3.3.005-615-gd132bfe0 but " + elf
                + " does not contain that version string");
    }

    @Test
    void symbolsAddListAndGarbageLines() throws Exception {
        Path map = dir.resolve("symbols.txt");
        Files.writeString(map, "0x4015d82a mg_send mongoose.c:2776\nnot a symbol line\n0x4015dd69: mg_mgr_poll at mongoose.c:3001\n");
        CliRun add = run("", "kb", "symbols", "add", "--store", store.toString(), "3.3.005-615-gd132bfe0/ota_0/edge", map.toString());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.err()).contains("fieldshell: skipped symbols.txt:2: not an address/function line: not a symbol line");
        assertThat(add.out()).contains("(text map, 2 symbols) for firmware 3.3.005-615-gd132bfe0");

        CliRun list = run("", "kb", "symbols", "list", "--store", store.toString());
        assertThat(list.out()).contains("3.3.005-615-gd132bfe0\ttext map\t2 symbols");

        CliRun bad = run("", "kb", "symbols", "add", "--store", store.toString(), "3.3.005", "/bin/ls");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).contains("64-bit ELF").doesNotContain("\n");
    }
}
