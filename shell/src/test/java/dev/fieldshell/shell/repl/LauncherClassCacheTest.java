package dev.fieldshell.shell.repl;

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
 * The launcher's class caches on JDK 25+ ({@code ./fieldshell}, a bash script), in a terminal:
 * the REPL starts on its AOT cache plus the GraalJS layer made for that cache; a layer made for an
 * older jar or an older REPL cache is never used (the JVM would refuse it and complain on every
 * start); the training run that makes the layer prints nothing on the user's terminal.
 *
 * <p>The real script runs against a stand-in {@code java} (the launcher's cached JDK choice points
 * at it) that logs its arguments, so the decisions are checked without a JVM's seconds of work.
 */
class LauncherClassCacheTest {

    @TempDir
    Path tmp;

    private Path checkout;
    private Path jar;
    private Path log;
    private Path cache;

    @BeforeEach
    void setUp() throws Exception {
        // a training run "dumps" the layer it is asked for and talks on both streams
        StandInCheckout co = StandInCheckout.create(tmp, """
                for a in "$@"; do
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo "layer" > "${a#*=}"; echo "TRAINING-NOISE"; echo "TRAINING-NOISE" >&2;; esac
                done
                echo "REPL-STARTED"
                sleep 2
                """);
        checkout = co.checkout();
        jar = co.jar();
        log = co.log();
        cache = co.cache();
    }

    private Tmux startRepl() throws Exception {
        return Tmux.start("env XDG_STATE_HOME=" + tmp.resolve("state") + " XDG_CACHE_HOME=" + tmp.resolve("cache")
                + " " + checkout.resolve("fieldshell"));
    }

    private static void age(Path file, int secondsAgo) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }

    /** Waits for the background training run the last start began to have finished. */
    private void awaitTraining() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean started = starts().stream().anyMatch(s -> s.contains("ArchiveClassesAtExit"));
            boolean running;
            try (var files = Files.list(cache)) {
                running = files.anyMatch(f -> f.getFileName().toString().matches(".*(\\.lock|\\.jsa\\.\\d+)$"));
            }
            if (started && !running) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no training run finished; java was started with: " + starts());
    }

    private List<String> starts() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void theReplStartsOnItsCacheAndTheGraalJsLayerMadeForIt() throws Exception {
        age(jar, 300);
        Path aot = cache.resolve("fieldshell-repl.aot");
        Path layer = cache.resolve("fieldshell-repl-js.jsa");
        Files.writeString(aot, "cache");
        age(aot, 200);
        Files.writeString(layer, "layer");
        age(layer, 100);
        try (Tmux t = startRepl()) {
            t.awaitText("REPL-STARTED");
            t.awaitExit();
        }
        assertThat(starts()).hasSize(1);
        assertThat(starts().get(0)).contains("-XX:SharedArchiveFile=" + aot + ":" + layer).doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void aLayerOlderThanTheJarOrTheReplCacheIsDroppedNeverUsed() throws Exception {
        Path aot = cache.resolve("fieldshell-repl.aot");
        Path layer = cache.resolve("fieldshell-repl-js.jsa");
        // the REPL's cache was assembled again after the layer was made (a new recording)
        age(jar, 300);
        Files.writeString(layer, "layer");
        age(layer, 200);
        Files.writeString(aot, "cache");
        age(aot, 100);
        try (Tmux t = startRepl()) {
            t.awaitText("REPL-STARTED");
            t.awaitExit();
        }
        assertThat(starts().get(0)).contains("-XX:AOTCache=" + aot).doesNotContain(layer.toString());
        awaitTraining(); // a layer for this cache, made in the background

        // a rebuilt jar: both the cache and any layer are older than it
        Files.writeString(layer, "layer");
        age(aot, 200);
        age(layer, 100);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        Files.deleteIfExists(log);
        try (Tmux t = startRepl()) {
            t.awaitText("REPL-STARTED");
            t.awaitExit();
        }
        assertThat(starts()).allSatisfy(s -> assertThat(s).doesNotContain(layer.toString()).doesNotContain("-XX:AOTCache=" + aot));
        assertThat(layer).doesNotExist();
        assertThat(aot).doesNotExist();
    }

    @Test
    void theTrainingRunMakesTheLayerInTheBackgroundAndPrintsNothingOnTheTerminal() throws Exception {
        age(jar, 300);
        Path aot = cache.resolve("fieldshell-repl.aot");
        Files.writeString(aot, "cache");
        age(aot, 200);
        String screen;
        try (Tmux t = startRepl()) {
            t.awaitText("REPL-STARTED");
            t.awaitExit();
            awaitTraining();
            screen = t.screen();
        }
        assertThat(cache.resolve("fieldshell-repl-js.jsa")).hasContent("layer");
        assertThat(starts()).anySatisfy(s -> assertThat(s)
                .contains("-XX:SharedArchiveFile=" + aot, "-XX:ArchiveClassesAtExit=", "-c :macro heapcheck --dry-run"));
        assertThat(starts()).anySatisfy(s -> assertThat(s).contains("-XX:AOTCache=" + aot).doesNotContain("ArchiveClassesAtExit"));
        assertThat(screen).contains("REPL-STARTED").doesNotContain("TRAINING-NOISE");
    }
}
