package dev.fieldshell.shell.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real terminal for REPL tests: a tmux server of our own (private socket), one pane, keys in, screen out. */
final class Tmux implements AutoCloseable {

    private final String socket;
    private final String session = "fs";

    private Tmux(String socket) {
        this.socket = socket;
    }

    /** Starts {@code command} (a shell command line) in a new 120x40 pane. */
    static Tmux start(String command) throws Exception {
        Tmux t = new Tmux("fieldshell-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        t.tmux("new-session", "-d", "-s", t.session, "-x", "120", "-y", "40", command);
        // Keep the pane after the program ends, so its last screen can still be read.
        t.tmux("set-option", "-t", t.session, "remain-on-exit", "on");
        return t;
    }

    /** Sends keys as tmux names them ({@code Enter}, {@code Tab}, {@code C-c}) or literal text with {@code -l}. */
    void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names). */
    void type(String text) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
    }

    /** The visible screen plus scroll-back. */
    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);
    }

    /** Waits until the screen satisfies {@code test}; returns it, or fails with the last screen. */
    String await(String what, Predicate<String> test) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen();
            if (test.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; screen was:\n" + s);
    }

    /**
     * Waits until the program in the pane has ended (the pane stays, see {@link #start}); returns its
     * exit status, or fails with the last screen.
     */
    int awaitExit() throws Exception {
        // tmux marks the pane dead when the terminal closes and learns the exit status when it reaps
        // the process; some tmux builds are late to reap (the process stays a zombie for a long
        // time). Either is an ended program: a zombie's status is in /proc/PID/stat (field 52).
        int[] ended = new int[1];
        String state = await("the program to end", s -> {
            try {
                String st = paneState();
                if (st.startsWith("1 ") && !st.equals("1  ")) {
                    String[] dead = st.split(" ", -1);
                    ended[0] = dead[2].isEmpty() ? Integer.parseInt(dead[1]) << 8 : Integer.parseInt(dead[2]);
                    return true;
                }
                java.util.OptionalInt zombie = zombieStatus();
                zombie.ifPresent(z -> ended[0] = z);
                return zombie.isPresent();
            } catch (Exception e) {
                return false;
            }
        });
        if ((ended[0] & 0x7f) != 0) {
            throw new AssertionError("the program was killed by signal " + (ended[0] & 0x7f) + "; screen was:\n" + state);
        }
        return (ended[0] >> 8) & 0xff;
    }

    /** The wait status of the pane's process once it has exited and not yet been reaped. */
    private java.util.OptionalInt zombieStatus() throws Exception {
        String pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip();
        Path stat = Path.of("/proc", pid, "stat");
        if (pid.isEmpty() || !Files.exists(stat)) {
            return java.util.OptionalInt.empty();
        }
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state); field 52 (exit_code) is f[49]
        return f[0].equals("Z") && f.length > 49 ? java.util.OptionalInt.of(Integer.parseInt(f[49].strip()))
                : java.util.OptionalInt.empty();
    }

    /** "pane_dead pane_dead_status pane_dead_signal": "0  " while the program runs, "1 STATUS " after. */
    private String paneState() throws Exception {
        return tmux("display-message", "-p", "-t", session, "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}")
                .replace("\n", "");
    }

    String awaitText(String text) throws Exception {
        return await("'" + text + "'", s -> s.contains(text));
    }

    /** Waits until {@code text} occurs {@code n} times on the screen. */
    String awaitCount(String text, int n) throws Exception {
        return await(n + " x '" + text + "'", s -> count(s, text) >= n);
    }

    static int count(String s, String text) {
        int c = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            c++;
        }
        return c;
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        // Wait for the program to be gone, not only the server: a program still saving its history
        // or store on the way out races the test's temporary directory being deleted.
        java.util.Optional<ProcessHandle> program = java.util.Optional.empty();
        try {
            String pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip();
            program = pid.isEmpty() ? program : ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            // No pane left.
        }
        try {
            tmux("kill-server");
        } catch (IOException e) {
            // Already gone.
        }
        if (program.isPresent()) {
            try {
                program.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // an exited program nobody reaps (see awaitExit) writes nothing more
            }
        }
    }
}
