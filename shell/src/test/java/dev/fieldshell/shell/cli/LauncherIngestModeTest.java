package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
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

    private Path checkout;
    private Path log;
    private Path cache;

    @BeforeEach
    void setUp() throws Exception {
        checkout = Files.createDirectories(tmp.resolve("checkout")).toRealPath();
        Path launcher = Path.of(System.getProperty("user.dir")).resolveSibling("fieldshell");
        if (!Files.exists(launcher)) {
            launcher = Path.of(System.getProperty("user.dir"), "fieldshell"); // run from the repository root
        }
        Files.copy(launcher, checkout.resolve("fieldshell"));
        Path jar = Files.createDirectories(checkout.resolve("shell/target")).resolve("fieldshell.jar");
        Files.writeString(jar, "not a jar: the stand-in java never opens it");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(300)));
        log = tmp.resolve("java.log");
        Path java = tmp.resolve("java");
        // Logs each start; an assembly run (-XX:AOTMode=create) writes the cache it is asked for.
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "$*" >> '%s'
                for a in "$@"; do
                  case "$a" in -XX:AOTCache=*) [[ " $* " == *" -XX:AOTMode=create "* ]] && echo "cache" > "${a#*=}";; esac
                done
                """.formatted(log));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = Files.createDirectories(tmp.resolve("state/fieldshell"));
        Files.writeString(state.resolve("java"), java + "\n");
        Files.writeString(state.resolve("java-major"), java + "\n25\n");
        cache = Files.createDirectories(state.resolve("class-cache").resolve(checkout.toString().replace('/', '_') + "-jdk25"));
    }

    private void ingest() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(checkout.resolve("fieldshell").toString(), "kb", "ingest", "--kb", "kb", "archive.txt")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
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
                .contains("-XX:+UseParallelGC", "-XX:AOTCache=" + aot, "kb ingest").doesNotContain("AOTMode");
    }
}
