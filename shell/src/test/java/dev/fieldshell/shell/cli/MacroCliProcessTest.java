package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldshell macro} and {@code fieldshell undo} as separate processes with their own XDG directories:
 * the simulator's /store persists between runs under the state directory, so undo in a second
 * process restores what the first one changed.
 */
class MacroCliProcessTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private Run fieldshell(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            // As the launcher does: GraalJS's Truffle still uses sun.misc.Unsafe.
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("XDG_STATE_HOME", tmp.resolve("state").toString());
        env.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        pb.directory(tmp.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Path store(String target) {
        return tmp.resolve("state/fieldshell/sim").resolve(target.replace(':', '_')).resolve("store/events");
    }

    private List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void applyThenUndoInSeparateRuns() throws Exception {
        Run apply = fieldshell("y\n", "macro", "heapcheck", "--after", "server.v2.stopped,server.v3.stopped", "--delay", "5000", "--target", "sim");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v3.stopped/90-checkheap",
                "Apply heapcheck to sim? [y/N]", "applied and verified\nsim: applied");
        assertThat(files(store("sim"))).containsExactly("server.v2.stopped/90-checkheap", "server.v3.stopped/90-checkheap", "usr.check.heap/00-checkheap");

        Run undo = fieldshell("", "undo", "sim", "--yes");
        assertThat(undo.exit()).as(undo.out() + undo.err()).isZero();
        assertThat(files(store("sim"))).isEmpty();
    }

}
