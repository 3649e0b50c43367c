package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.launcher.StandInCheckout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./fieldshell}, a bash script) on JDK 25+ gives {@code kb ingest} a class cache of its
 * own (recorded by the first import, mapped by the later ones) and the parallel GC, both for the run and for
 * assembling that cache: the REPL's cache lacks Lucene's indexing chain and the importers, and G1 costs
 * a two-core import more CPU (BENCHMARKS.md, "KB import", session 6). The real script runs against a stand-in
 * {@code java} that logs its arguments.
 */
class LauncherIngestModeTest {

    @TempDir
    Path tmp;

    private StandInCheckout co;
    private Path log;
    private Path cache;

    @BeforeEach
    void setUp() throws Exception {
        // an assembly run (-XX:AOTMode=create) writes the cache it is asked for
        co = StandInCheckout.create(tmp, """
                for a in "$@"; do
                  case "$a" in -XX:AOTCache=*) [[ " $* " == *" -XX:AOTMode=create "* ]] && echo "cache" > "${a#*=}";; esac
                done
                """);
        Files.setLastModifiedTime(co.jar(), FileTime.from(Instant.now().minusSeconds(300)));
        log = co.log();
        cache = co.cache();
    }

    private void ingest() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(co.checkout().resolve("fieldshell").toString(), "kb", "ingest", "--kb", "kb", "archive.txt")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", co.state().toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private List<String> starts() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void kbIngestRecordsAndThenMapsACacheOfItsOwnWithTheParallelGc() throws Exception {
        Path conf = cache.resolve("fieldshell-kb-ingest.aotconf");
        Path aot = cache.resolve("fieldshell-kb-ingest.aot");
        ingest();
        assertThat(starts()).singleElement().asString()
                .contains("-XX:+UseParallelGC", "-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf, "kb ingest --kb kb archive.txt");
        Files.writeString(conf, "recorded"); // what the JVM writes when the recording run exits

        ingest(); // assembles the cache in the background, with the same GC
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(aot) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(aot).exists();
        assertThat(starts()).anySatisfy(s -> assertThat(s).contains("-XX:+UseParallelGC", "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf));

        Files.deleteIfExists(log);
        ingest();
        assertThat(starts()).singleElement().asString()
                .contains("-XX:+UseParallelGC", "-XX:AOTCache=" + aot, "kb ingest").doesNotContain("AOTMode")
                .contains("-XX:MaxInlineSize=20", "-XX:FreqInlineSize=150", "-XX:InlineSmallCode=1000"); // the import's JIT settings
    }
}
