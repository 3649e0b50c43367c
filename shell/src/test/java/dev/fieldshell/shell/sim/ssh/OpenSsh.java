package dev.fieldshell.shell.sim.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs OpenSSH's {@code ssh} and {@code scp} against a simulator, as an independent client would. */
final class OpenSsh {
    private final Path dir;
    private final int port;
    private String password;
    private Path identity;

    OpenSsh(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    OpenSsh password(String pw) {
        this.password = pw;
        return this;
    }

    OpenSsh identity(Path key) {
        this.identity = key;
        return this;
    }

    private List<String> options(String portFlag) throws IOException {
        List<String> o = new ArrayList<>(List.of(portFlag, String.valueOf(port),
                "-o", "HostKeyAlgorithms=+ssh-rsa", "-o", "PubkeyAcceptedAlgorithms=+ssh-rsa",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "NumberOfPasswordPrompts=1", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=20", "-F", "/dev/null"));
        if (identity != null) {
            o.addAll(List.of("-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey", "-o", "BatchMode=yes"));
        } else {
            o.addAll(List.of("-o", "PreferredAuthentications=password", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=/dev/null"));
        }
        return o;
    }

    private ProcessBuilder builder(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("SSH_AUTH_SOCK");
        if (password != null) {
            Path askpass = dir.resolve("askpass-" + Integer.toHexString(password.hashCode()) + ".sh");
            if (!Files.exists(askpass)) {
                Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + password.replace("'", "'\\''") + "'\n");
                Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            }
            pb.environment().put("SSH_ASKPASS", askpass.toString());
            pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
            pb.environment().put("DISPLAY", ":0");
        }
        return pb;
    }

    /** {@code ssh -T}: a shell channel without a pty, so the bytes arrive exactly as the server sent them. */
    Process shell(String user) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-T"));
        cmd.addAll(options("-p"));
        cmd.add(user + "@127.0.0.1");
        return builder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("ssh-stderr.txt").toFile())).start();
    }

    record Result(int exit, String out, String err) {}

    /** {@code ssh host command}: an exec channel. */
    Result exec(String user, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(options("-p"));
        cmd.add(user + "@127.0.0.1");
        cmd.add(command);
        return run(cmd);
    }

    /** {@code scp -O} (legacy protocol). */
    Result scp(String from, String to) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("scp", "-O", "-q"));
        cmd.addAll(options("-P"));
        cmd.add(from);
        cmd.add(to);
        return run(cmd);
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = builder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** Reads a shell's output and waits for expected text, with a generous timeout. */
    static final class Reader {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private int mark;

        Reader(Process p) {
            Thread.ofVirtual().start(() -> {
                byte[] b = new byte[4096];
                try {
                    InputStream in = p.getInputStream();
                    int n;
                    while ((n = in.read(b)) >= 0) {
                        synchronized (buf) {
                            buf.write(b, 0, n);
                            buf.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
        }

        String all() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
        }

        /** Waits for {@code text} after what earlier calls consumed; returns everything up to and including it. */
        String until(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (buf) {
                while (true) {
                    String s = buf.toString(StandardCharsets.ISO_8859_1).substring(mark);
                    int at = s.indexOf(text);
                    if (at >= 0) {
                        mark += at + text.length();
                        return s.substring(0, at + text.length());
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("waited for <" + text + ">, got <" + s + ">");
                    }
                    buf.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
    }

    static void send(Process p, String text) throws IOException {
        p.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().flush();
    }
}
