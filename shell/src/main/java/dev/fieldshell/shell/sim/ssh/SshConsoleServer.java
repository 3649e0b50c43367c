package dev.fieldshell.shell.sim.ssh;

import dev.fieldshell.shell.sim.module.ModuleCore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The module's SSH server as wolfSSH 1.4.10 presents it (reference §1.1): an {@code ssh-rsa}
 * host key kept in the store and nothing else offered, {@code publickey,password} auth with the
 * module's rules, shell and exec channels, legacy scp through exec, no SFTP.
 */
public final class SshConsoleServer implements AutoCloseable {
    private final ModuleCore core;
    private final SshServer sshd;
    private final Path hostKey;
    private String fingerprint = "";

    public SshConsoleServer(ModuleCore core, String host, int port, Path hostKey) {
        this.core = core;
        this.sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(port);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "wolfSSHv1.4.10");
        // Accepted sockets without Nagle's algorithm: the console answers with small writes (an echo,
        // a prompt) that otherwise wait for the client's delayed ACK, ~40 ms per round trip.
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, List.of(
                BuiltinDHFactories.ecdhp521, BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp256,
                BuiltinDHFactories.dhgex256, BuiltinDHFactories.dhg14, BuiltinDHFactories.dhg1), ServerBuilder.DH2KEX));
        sshd.setCipherFactories(List.of(BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm,
                BuiltinCiphers.aes256ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes128ctr,
                BuiltinCiphers.aes256cbc, BuiltinCiphers.aes192cbc, BuiltinCiphers.aes128cbc));
        sshd.setMacFactories(List.of(BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha196, BuiltinMacs.hmacsha1));
        // ssh-rsa (SHA-1) only for RSA, for the host key and client keys alike; ECDSA client keys also work.
        sshd.setSignatureFactories(List.of(BuiltinSignatures.rsa, BuiltinSignatures.nistp256,
                BuiltinSignatures.nistp384, BuiltinSignatures.nistp521));
        sshd.setCompressionFactories(List.of(BuiltinCompressions.none));
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setPasswordAuthenticator((user, password, session) -> passwordOk(user, password));
        sshd.setPublickeyAuthenticator((user, key, session) -> keyOk(user, key));
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        this.hostKey = hostKey;
        keys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        keys.setKeySize(2048);
        sshd.setKeyPairProvider(keys);
        sshd.setShellFactory(channel -> new ShellSession(core));
        sshd.setCommandFactory((channel, command) -> command.startsWith("scp -")
                ? new ScpSession(core, command)
                : new ExecSession(core, command));
        sshd.setSubsystemFactories(List.of());
    }


    /**
     * Listens at once; the host key (generated on first use, RSA 2048, which takes a moment on a
     * fresh store) is loaded on a background thread, as the module's "RSAKeyGen" task does.
     */
    public void start() throws IOException {
        sshd.start();
        Thread.ofVirtual().name("RSAKeyGen").start(() -> {
            try {
                fingerprint();
            } catch (IOException e) {
                core.log().error("ssh", e.getMessage());
            }
        });
    }

    /** The host key's {@code SHA256:} fingerprint; waits for the key if it is still being generated. */
    public synchronized String fingerprint() throws IOException {
        if (!fingerprint.isEmpty()) {
            return fingerprint;
        }
        if (!java.nio.file.Files.exists(hostKey)) {
            core.log().info("ssh", "Generating SSH Server key, wait before attempting access.");
        }
        try {
            for (KeyPair kp : sshd.getKeyPairProvider().loadKeys(null)) {
                fingerprint = KeyUtils.getFingerPrint(kp.getPublic());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot load the SSH host key " + hostKey + ": " + e.getMessage(), e);
        }
        String bare = fingerprint.substring(fingerprint.indexOf(':') + 1);
        core.config().set("ssh.info", "fingerprint", bare);
        core.log().info("ssh", "SSH server key installed with fingerprint " + bare);
        return fingerprint;
    }

    public int port() {
        return ((InetSocketAddress) sshd.getBoundAddresses().iterator().next()).getPort();
    }

    /** {@code password.<user>}, then {@code password.module}; open when nothing at all is configured. */
    boolean passwordOk(String user, String password) {
        String pw = core.config().get("password", user).orElse(core.config().getOrEmpty("password", "module"));
        if (pw.isEmpty()) {
            return core.config().instances("ssh.keys").isEmpty();
        }
        return pw.equals(password);
    }

    /** {@code ssh.keys.<user>}: the base64 key blob, compared byte for byte. */
    boolean keyOk(String user, PublicKey key) {
        Map<String, String> keys = core.config().instances("ssh.keys");
        String blob = keys.get(user);
        if (blob == null) {
            return false;
        }
        ByteArrayBuffer buf = new ByteArrayBuffer();
        buf.putRawPublicKey(key);
        try {
            return java.util.Arrays.equals(Base64.getDecoder().decode(blob.strip()), buf.getCompactData());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
