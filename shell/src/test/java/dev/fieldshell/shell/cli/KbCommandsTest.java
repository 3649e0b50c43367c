package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kb ingest/stats/show/search/rm commands against a real index in a temporary directory. */
class KbCommandsTest {
    @TempDir
    Path tmp;
    Path kb;
    Path archive;

    CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void archive() throws Exception {
        kb = tmp.resolve("kb");
        archive = tmp.resolve("2026-January.txt");
        Files.writeString(archive, """
                From dexter at expeedo.de  Sat Jan 17 09:18:31 2026
                From: dexter at expeedo.de (Michael Balzer)
                Date: Sat, 17 Jan 2026 10:18:31 +0100
                Subject: [Ovmsdev] Heap corruption alerts & heap tracing
                Message-ID: <one@expeedo.de>

                Crash example on a vtable indirection:

                0x4015d82a is in mg_send (/home/x/mongoose/mongoose.c:2776).

                From mark at webb-johnson.net  Sun Jan 18 09:00:00 2026
                From: mark at webb-johnson.net (Mark Webb-Johnson)
                Date: Sun, 18 Jan 2026 09:00:00 +0800
                Subject: Re: [Ovmsdev] Heap corruption alerts & heap tracing
                In-Reply-To: <one@expeedo.de>
                Message-ID: <two@webb-johnson.net>

                Agreed, we need the lock at API level.

                Am 17.01.26 um 10:18 schrieb Michael Balzer via OvmsDev:
                > 0x4015d82a is in mg_send (/home/x/mongoose/mongoose.c:2776).
                """);
    }

    @Test
    void ingestTwiceThenStatsShowSearchRm() throws Exception {
        CliRun first = run("kb", "ingest", "--kb", kb.toString(), archive.toString());
        assertThat(first.code()).isZero();
        assertThat(first.out()).startsWith("1 input(s): 2 added, 0 updated, 0 unchanged, 0 rejected");

        CliRun again = run("kb", "ingest", "--kb", kb.toString(), archive.toString());
        assertThat(again.out()).startsWith("1 input(s): 0 added, 0 updated, 2 unchanged, 0 rejected");

        CliRun stats = run("kb", "stats", "--kb", kb.toString(), "--json");
        JsonNode s = new ObjectMapper().readTree(stats.out());
        assertThat(s.path("byType").path("mail").asLong()).isEqualTo(2);
        assertThat(s.path("byType").path("note").asLong()).as("starter notes seeded on first use").isGreaterThanOrEqualTo(10);

        CliRun show = run("kb", "show", "--kb", kb.toString(), "<two@webb-johnson.net>", "--json");
        assertThat(show.code()).isZero();
        JsonNode d = new ObjectMapper().readTree(show.out());
        assertThat(d.path("id").asText()).isEqualTo("two@webb-johnson.net");
        assertThat(d.path("text").asText()).isEqualTo("Agreed, we need the lock at API level.");
        assertThat(d.path("quotedFrom").get(0).asText()).as("quoted crash linked to its origin").isEqualTo("one@expeedo.de");
        assertThat(d.path("crashes")).as("a quoted crash is not a new report").isEmpty();

        CliRun text = run("kb", "show", "--kb", kb.toString(), "one@expeedo.de");
        assertThat(text.out()).contains("one@expeedo.de  (mail)").contains("mg_send").contains("author:     Michael Balzer");

        CliRun search = run("kb", "search", "--kb", kb.toString(), "frames:mg_send AND type:mail");
        assertThat(search.code()).isZero();
        assertThat(search.out().lines()).hasSize(1).allMatch(l -> l.contains("one@expeedo.de"));

        CliRun bad = run("kb", "search", "--kb", kb.toString(), "title:(unclosed");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("fieldshell: invalid query").doesNotContain("at org.apache");

        CliRun rm = run("kb", "rm", "--kb", kb.toString(), "one@expeedo.de", "nope@x");
        assertThat(rm.code()).isEqualTo(1);
        assertThat(rm.out()).contains("removed one@expeedo.de");
        assertThat(rm.err()).contains("no document with id nope@x");
        assertThat(run("kb", "show", "--kb", kb.toString(), "one@expeedo.de").code()).isEqualTo(1);
    }

    /** A mistyped --kb must not scatter an index among the user's files. */
    @Test
    void aDirectoryOfOtherFilesIsNotMadeAKnowledgeBase() throws Exception {
        Path dumps = Files.createDirectories(tmp.resolve("dumps"));
        Files.writeString(dumps.resolve("window_90s.json"), "{}");
        for (String[] args : new String[][] {{"kb", "stats", "--kb", dumps.toString()}, {"kb", "ingest", "--kb", dumps.toString(), archive.toString()},
                {"kb", "search", "--kb", dumps.toString(), "mg_send"}}) {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isNotZero();
            assertThat(r.err().strip()).as(String.join(" ", args))
                    .isEqualTo("fieldshell: --kb " + dumps + " holds other files (window_90s.json) and no knowledge base; "
                            + "give a new or empty directory, or leave --kb out for the default");
        }
        try (var files = Files.list(dumps)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("window_90s.json");
        }
        // an index with something put beside it is still the index
        assertThat(run("kb", "ingest", "--kb", kb.toString(), archive.toString()).code()).isZero();
        Files.writeString(kb.resolve("NOTES.txt"), "mine");
        assertThat(run("kb", "stats", "--kb", kb.toString()).code()).isZero();
    }

    @Test
    void rejectedInputsAreListedWithOffsetAndExitOne() throws Exception {
        Path bin = tmp.resolve("blob.bin");
        Files.write(bin, new byte[] {0, 1, 2, 3, 0, 0, 7});
        CliRun r = run("kb", "ingest", "--kb", kb.toString(), archive.toString(), bin.toString(), tmp.resolve("missing.txt").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("3 input(s): 2 added, 0 updated, 0 unchanged, 2 rejected")
                .contains(bin + ": byte 0: binary data").contains("missing.txt: no such file");
        CliRun json = run("kb", "ingest", "--kb", kb.toString(), "--json", bin.toString());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("rejected").asLong()).isEqualTo(1);
        assertThat(j.path("problems").get(0).asText()).startsWith(bin + ": byte 0:");
    }
}
