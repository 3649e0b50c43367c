package dev.fieldshell.shell.link;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenSSH's own sshd on a loopback port with a temporary config and host key: an independent server for tests. */
final class OpenSshServer implements AutoCloseable {

    final Path dir;
    final int port;
    final Path hostKey;
    final Path authorizedKeys;
    private final Process process;

    private OpenSshServer(Path dir, int port, Path hostKey, Path authorizedKeys, Process process) {
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.authorizedKeys = authorizedKeys;
        this.process = process;
    }

    static OpenSshServer start(Path dir) throws Exception {
        Path hostKey = dir.resolve("ssh_host_rsa_key");
        run(dir, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", hostKey.toString());
        Path auth = dir.resolve("authorized_keys");
        Files.writeString(auth, "");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + auth,
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "", ""));
        if ("root".equals(System.getProperty("user.name"))) {
            // sshd started by root insists on its privilege-separation directory, as the system service creates it.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroy();
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(50);
            }
        }
        return new OpenSshServer(dir, port, hostKey, auth, p);
    }

    /** Lets the public key in {@code pubFile} log in. */
    void authorize(Path pubFile) throws IOException {
        Files.writeString(authorizedKeys, Files.readString(pubFile), java.nio.file.StandardOpenOption.APPEND);
    }

    /** The host key's fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    String fingerprint() throws Exception {
        String out = run(dir, "ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub");
        return out.split(" ")[1];
    }

    static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
