package dev.fieldshell.shell.link;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where SSH links find their files: the user's {@code ~/.ssh} (keys), {@code known_hosts},
 * {@code config}, and the agent socket ({@code SSH_AUTH_SOCK}). Tests point these at temp files.
 */
public record SshSettings(Path sshDir, Path knownHosts, Path config, Optional<Path> agentSocket, Duration connectTimeout) {

    /** The usual locations under {@code home}, and the agent of this process's environment. */
    public static SshSettings forUser(Path home) {
        Path dir = home.resolve(".ssh");
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshSettings(dir, dir.resolve("known_hosts"), dir.resolve("config"),
                sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock)), Duration.ofSeconds(10));
    }
}
