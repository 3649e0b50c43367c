package dev.fieldshell.shell.link;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.client.ClientBuilder;

/**
 * A module over SSH (Apache MINA SSHD client), framed after §1.1 and §9 of the console reference.
 *
 * <p>Opening: host and user from the target or {@code ~/.ssh/config}; the host key checked against
 * {@code known_hosts} (an unknown key is shown by its SHA256 fingerprint and trusted only when the
 * user says so; a changed key is refused); keys from {@code ~/.ssh} and the agent, then a password
 * asked without echo and never kept. {@code ssh-rsa} stays enabled: the module offers nothing else.
 *
 * <p>Framing: the shell channel's banner gives the firmware. From 3.2.017 on, each command is sent
 * on that channel as {@code cmd\r} followed by {@code echo __END_<n>__\r}; older firmware (no root
 * {@code echo}) gets one exec channel per command, where the end of the channel is the end of the
 * output. {@code ?framing=shell|exec} in the target overrides the choice.
 */
public final class SshLink implements ModuleLink {

    /** The first firmware with a root {@code echo} command (ovms-console.md §10). */
    static final int[] SENTINEL_FIRMWARE = {3, 2, 17};

    private static final Pattern FIRMWARE = Pattern.compile("(?m)^Firmware: (.*)$");
    private static final Pattern HARDWARE = Pattern.compile("(?m)^Hardware: (.*)$");

    enum Framing { SHELL, EXEC }

    private final String target;
    private final SshClient client;
    private final ClientSession session;
    private final Framing framing;
    private volatile ModuleInfo info;
    private volatile Consumer<String> logListener = l -> {};
    private volatile Duration timeout = Duration.ofSeconds(30);

    // Shell framing state.
    private ChannelShell shell;
    private OutputStream toModule;
    private final FramedConsole console;
    private volatile boolean broken;

    // Exec framing state.
    private volatile ChannelExec runningExec;

    private SshLink(String target, SshClient client, ClientSession session, Framing framing, ModuleInfo info) {
        this.target = target;
        this.client = client;
        this.session = session;
        this.framing = framing;
        this.info = info;
        this.console = new FramedConsole(target, this::send);
    }

    /** Connects, authenticates, reads the banner and picks the framing. */
    public static SshLink open(TargetSpec.Ssh spec, SshSettings settings, Prompter prompter) throws LinkException {
        SshClient client = newClient(settings, prompter);
        AtomicReference<String> refusal = new AtomicReference<>();
        client.setServerKeyVerifier(hostKeyVerifier(settings, prompter, refusal));
        client.start();
        ClientSession session = null;
        String where = spec.host() + (spec.port() > 0 ? ":" + spec.port() : "");
        try {
            HostConfigEntry entry = client.getHostConfigEntryResolver().resolveEffectiveHost(
                    spec.host(), spec.port() > 0 ? spec.port() : -1, null,
                    spec.user().isEmpty() ? null : spec.user(), null, null);
            if (entry == null) {
                entry = new HostConfigEntry(spec.host(), spec.host(), spec.port() > 0 ? spec.port() : 22,
                        spec.user().isEmpty() ? System.getProperty("user.name") : spec.user());
            }
            where = entry.getHostName() + ":" + entry.getPort();
            session = client.connect(entry).verify(settings.connectTimeout()).getSession();
            session.setUserInteraction(passwordPrompt(prompter, "password for " + entry.getUsername() + "@" + spec.host() + ": "));
            // A person may take a while to type a password: the login itself has a generous limit.
            session.auth().verify(settings.connectTimeout().multipliedBy(12));
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            throw describe(spec.text(), where, e, refusal.get(), settings);
        }
        try {
            return start(spec, client, session);
        } catch (LinkException e) {
            closeQuietly(session, client);
            throw e;
        }
    }

    private static SshLink start(TargetSpec.Ssh spec, SshClient client, ClientSession session) throws LinkException {
        String forced = spec.options().getOrDefault("framing", "");
        if (forced.equals("exec")) {
            return new SshLink(spec.text(), client, session, Framing.EXEC, new ModuleInfo("", "", true));
        }
        if (!forced.isEmpty() && !forced.equals("shell")) {
            throw new LinkException(spec.text() + ": unknown framing '" + forced + "' (expected shell or exec)");
        }
        SshLink link = new SshLink(spec.text(), client, session, Framing.SHELL, ModuleInfo.UNKNOWN);
        String banner = link.openShell();
        String fw = match(FIRMWARE, banner);
        link.info = new ModuleInfo(fw, match(HARDWARE, banner), link.console.secure());
        if (!forced.equals("shell") && !atLeast(fw, SENTINEL_FIRMWARE)) {
            // No root `echo` before 3.2.017: one exec channel per command finds the end exactly.
            link.closeShell();
            return new SshLink(spec.text(), client, session, Framing.EXEC, link.info);
        }
        return link;
    }

    /**
     * MINA reports through java.util.logging; its INFO and WARN lines (a refused key, a closed
     * socket) are said once, clearly, by this class instead. Kept referenced: JUL holds loggers weakly.
     */
    private static final java.util.logging.Logger SSHD_LOG = java.util.logging.Logger.getLogger("org.apache.sshd");

    private static SshClient newClient(SshSettings settings, Prompter prompter) {
        if (!Boolean.getBoolean("fieldshell.debug")) {
            SSHD_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        SshClient client = SshClient.setUpDefaultClient();
        // Commands and their echo are small packets: without this, Nagle's algorithm and delayed
        // ACKs add ~40 ms to every round trip.
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(client, true);
        // The module's wolfSSH offers an ssh-rsa host key (SHA-1 signatures) only, and accepts ssh-rsa
        // client keys; keep the modern algorithms first and ssh-rsa last.
        client.setSignatureFactories(new ArrayList<>(List.of(
                BuiltinSignatures.ed25519, BuiltinSignatures.nistp256, BuiltinSignatures.nistp384, BuiltinSignatures.nistp521,
                BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256, BuiltinSignatures.rsa)).stream()
                .filter(BuiltinSignatures::isSupported).map(s -> (NamedFactory<org.apache.sshd.common.signature.Signature>) s).toList());
        List<KeyExchangeFactory> kex = new ArrayList<>(client.getKeyExchangeFactories());
        // dh-group14-sha1 is the module's fallback when its wolfSSL lacks the curves.
        kex.addAll(NamedFactory.setUpTransformedFactories(false, List.of(BuiltinDHFactories.dhg14), ClientBuilder.DH2KEX));
        client.setKeyExchangeFactories(kex);
        client.setHostConfigEntryResolver(new ConfigFileHostEntryResolver(settings.config()));
        List<Path> keys = new ArrayList<>();
        for (String name : List.of("id_rsa", "id_ecdsa", "id_ed25519")) {
            Path p = settings.sshDir().resolve(name);
            if (Files.isRegularFile(p)) {
                keys.add(p);
            }
        }
        FileKeyPairProvider keyFiles = new FileKeyPairProvider(keys);
        keyFiles.setPasswordFinder((session, resource, retry) -> retry > 2 ? null
                : prompter.secret("passphrase for " + resource.getName() + ": ").orElse(null));
        client.setKeyIdentityProvider(keyFiles);
        settings.agentSocket().filter(Files::exists).ifPresent(sock -> client.setAgentFactory(new AgentSocketFactory(sock)));
        return client;
    }

    private static KnownHostsServerKeyVerifier hostKeyVerifier(SshSettings settings, Prompter prompter,
            AtomicReference<String> refusal) {
        KnownHostsServerKeyVerifier v = new KnownHostsServerKeyVerifier((session, remote, key) -> {
            String fp = fingerprint(key);
            String host = hostText(session, remote);
            boolean ok = prompter.confirm("The host key of " + host + " is not known yet (no entry in "
                    + settings.knownHosts() + ").\n"
                    + KeyUtils.getKeyType(key) + " key fingerprint is " + fp + "\n"
                    + "Trust it only if it matches what the module itself shows: " + whereToCheck(fp) + ".\n"
                    + "Trust it and add it to " + settings.knownHosts() + "?");
            if (ok) {
                prompter.info("trusted " + host + " " + fp + "; added to " + settings.knownHosts());
            } else {
                refusal.set("the host key of " + host + " (" + fp + ") is not in " + settings.knownHosts()
                        + " and was not trusted; check it against " + whereToCheck(fp)
                        + ", then connect once from a terminal and trust it");
            }
            return ok;
        }, settings.knownHosts()) {
            @Override
            protected org.apache.sshd.client.config.hosts.KnownHostEntry updateKnownHostsFile(ClientSession session,
                    SocketAddress remote, PublicKey key, Path file, java.util.Collection<HostEntryPair> known) throws Exception {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    // Like ssh: ~/.ssh is created private to the user.
                    Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                }
                return super.updateKnownHostsFile(session, remote, key, file, known);
            }

            @Override
            protected void handleKnownHostsFileUpdateFailure(ClientSession session, SocketAddress remote, PublicKey key,
                    Path file, java.util.Collection<HostEntryPair> known, Throwable reason) {
                prompter.info("could not add the host key to " + file + ": " + reason.getMessage()
                        + " (trusted for this session only)");
            }

            @Override
            protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress remote, PublicKey key,
                    Throwable reason) {
                refusal.set("cannot read " + settings.knownHosts() + ": " + reason.getMessage());
                return false;
            }
        };
        v.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> {
            refusal.set("REFUSED: the host key of " + hostText(session, remote) + " has CHANGED: "
                    + settings.knownHosts() + " has " + fingerprint(expected) + " but the module now shows "
                    + fingerprint(actual) + ". If the module's config was wiped this is expected: check "
                    + whereToCheck(fingerprint(actual)) + ", then remove the old entry with ssh-keygen -R '"
                    + entry.getConfigLine().split(" ")[0] + "' -f " + settings.knownHosts());
            return false;
        });
        return v;
    }

    private static String hostText(ClientSession session, SocketAddress remote) {
        if (remote instanceof java.net.InetSocketAddress a) {
            return a.getPort() == 22 ? a.getHostString() : "[" + a.getHostString() + "]:" + a.getPort();
        }
        return String.valueOf(remote);
    }

    /**
     * Where a person checks a fingerprint, and how it looks there: the module keeps it in config
     * {@code ssh.info} without the {@code SHA256:} prefix (console reference §2). Read over the
     * connection being checked it would prove nothing, so the USB console or someone at the module.
     */
    static String whereToCheck(String fingerprint) {
        return "'config list ssh.info' on the module's USB console (or read out by someone at the module; not over this SSH "
                + "connection, which may be the impostor) shows fingerprint " + fingerprint.replaceFirst("^SHA256:", "");
    }

    /** {@code SHA256:<base64 without padding>}, as OpenSSH shows it (the module's {@code ssh.info} without the prefix). */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /**
     * Asks the person for a password when MINA has no other way left (keys and agent tried first);
     * MINA asks again after each rejection, up to its {@code password-prompts} limit (3). The password
     * goes straight into the request and is not kept.
     */
    private static UserInteraction passwordPrompt(Prompter prompter, String prompt) {
        return new UserInteraction() {
            @Override
            public boolean isInteractionAllowed(ClientSession session) {
                return true;
            }

            @Override
            public String resolveAuthPasswordAttempt(ClientSession session) {
                return prompter.secret(prompt).orElse(null);
            }

            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                    String[] prompts, boolean[] echo) {
                String[] answers = new String[prompts.length];
                for (int i = 0; i < prompts.length; i++) {
                    Optional<String> a = prompter.secret(prompts[i]);
                    if (a.isEmpty()) {
                        return null;
                    }
                    answers[i] = a.get();
                }
                return answers;
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null; // a module never asks to change its password over SSH
            }
        };
    }

    private static LinkException describe(String target, String where, Throwable e, String refusal, SshSettings settings) {
        if (refusal != null) {
            return new LinkRefusedException(target + ": " + refusal, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = String.valueOf(e.getMessage());
        if (root instanceof ConnectException) {
            return new LinkException(target + ": cannot connect to " + where + ": connection refused (is SSH enabled on the module, and the port right?)", e);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            // NIO's UnresolvedAddressException carries no message: the host is the part of "where" before the port.
            String host = root.getMessage() != null ? root.getMessage() : where.substring(0, Math.max(0, where.lastIndexOf(':')));
            return new LinkException(target + ": unknown host '" + host + "' (not an address, nor a Host in " + settings.config() + ")", e);
        }
        if (root instanceof NoRouteToHostException) {
            return new LinkException(target + ": cannot reach " + where + ": no route to host", e);
        }
        if (msg.contains("No more authentication methods") || msg.contains("authentication") || msg.contains("Authentication")) {
            return new LinkRefusedException(target + ": login refused at " + where
                    + " (tried the keys in " + settings.sshDir() + ", the agent, and a password; check config password.<user> or ssh.keys on the module)", e);
        }
        if (msg.contains("timeout") || msg.contains("Timeout") || msg.contains("timed out")) {
            return new LinkException(target + ": cannot reach " + where + ": no answer within "
                    + settings.connectTimeout().toSeconds() + " s", e);
        }
        return new LinkException(target + ": SSH to " + where + " failed: " + (msg.equals("null") ? root.getClass().getSimpleName() : msg), e);
    }

    // ---- the shell channel

    private String openShell() throws LinkException {
        try {
            shell = session.createShellChannel();
            shell.setUsePty(false); // the module ignores pty-req; without it nothing rewrites our bytes
            Utf8Decoder decoder = new Utf8Decoder();
            shell.setOut(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    received(decoder.decode(b, off, len));
                }
            });
            shell.setErr(OutputStream.nullOutputStream());
            shell.open().verify(timeout);
            shell.addCloseFutureListener(f -> console.closed());
            toModule = shell.getInvertedIn();
        } catch (IOException | RuntimeException e) {
            throw new LinkException(target + ": the module refused a shell: " + e.getMessage(), e);
        }
        // The banner ends with the first prompt; it holds the firmware version.
        return console.awaitPrompt(timeout);
    }

    private void closeShell() {
        if (shell != null) {
            shell.close(true);
        }
    }

    private void received(String text) {
        console.received(text);
    }

    private void send(String text) throws LinkException {
        try {
            toModule.write(text.getBytes(StandardCharsets.UTF_8));
            toModule.flush();
        } catch (IOException e) {
            broken = true;
            throw new LinkException(target + ": the link dropped (" + e.getMessage() + ")", e);
        }
    }

    private CommandResult exchangeShell(String command, Consumer<String> sink, boolean bounded) throws LinkException {
        try {
            CommandResult r = console.exchange(command, sink, timeout, bounded);
            info = new ModuleInfo(info.firmware(), info.hardware(), console.secure());
            return r;
        } catch (LinkException e) {
            if (console.broken()) {
                broken = true;
                close();
            }
            throw e;
        }
    }

    // ---- exec framing

    private CommandResult exchangeExec(String command, Consumer<String> sink, boolean bounded) throws LinkException {
        long started = System.nanoTime();
        StringBuilder out = new StringBuilder();
        Utf8Decoder decoder = new Utf8Decoder();
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setOut(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    String s = decoder.decode(b, off, len).replace("\r", "");
                    synchronized (out) {
                        out.append(s);
                    }
                    sink.accept(s);
                }
            });
            ch.setErr(OutputStream.nullOutputStream());
            ch.open().verify(timeout);
            runningExec = ch;
            var state = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), bounded ? timeout.toMillis() : 0L);
            if (state.contains(ClientChannelEvent.TIMEOUT)) {
                throw new LinkException(target + ": the module stopped answering (`" + command + "` still running after "
                        + timeout.toSeconds() + " s)");
            }
        } catch (IOException | RuntimeException e) {
            if (!session.isOpen()) {
                broken = true;
                throw new LinkException(target + ": the link dropped while `" + command + "` ran", e);
            }
            throw new LinkException(target + ": the module refused an exec channel: " + e.getMessage(), e);
        } finally {
            runningExec = null;
        }
        synchronized (out) {
            return new CommandResult(target, command, out.toString(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    // ---- ModuleLink

    @Override
    public String target() {
        return target;
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    /** Which framing this link uses (shell with a sentinel, or exec per command). */
    public String framing() {
        return framing.name().toLowerCase();
    }

    @Override
    public synchronized CommandResult run(String commandLine) throws LinkException {
        return exchange(commandLine, s -> {}, true);
    }

    @Override
    public synchronized CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
        return exchange(commandLine, sink, false);
    }

    private CommandResult exchange(String commandLine, Consumer<String> sink, boolean bounded) throws LinkException {
        if (commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one command line at a time (no newline inside)");
        }
        if (broken || !session.isOpen()) {
            throw new LinkException(target + ": the link is closed");
        }
        if (commandLine.isBlank()) {
            return new CommandResult(target, commandLine, "", Duration.ZERO);
        }
        return framing == Framing.SHELL ? exchangeShell(commandLine, sink, bounded) : exchangeExec(commandLine, sink, bounded);
    }

    @Override
    public void interrupt() {
        if (framing == Framing.EXEC) {
            ChannelExec ch = runningExec;
            if (ch != null) {
                ch.close(true); // exec has no Ctrl-C: the module cannot run follow-mode commands there anyway
            }
            return;
        }
        console.interrupt();
    }

    @Override
    public void onLog(Consumer<String> listener) {
        this.logListener = listener;
        console.onLog(listener);
    }

    @Override
    public Duration commandTimeout() {
        return timeout;
    }

    /** Changes how long {@link #run} waits for a command's end. */
    public void commandTimeout(Duration d) {
        this.timeout = d;
    }

    @Override
    public boolean isOpen() {
        return !broken();
    }

    /** Whether the link failed and must be reopened. */
    public boolean broken() {
        return broken || console.broken() || !session.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(session, client);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    /** Whether a version string such as {@code 3.3.006-259-g1aa1daff1/ota_0/edge} is at least {@code min}. */
    static boolean atLeast(String firmware, int[] min) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(firmware.strip());
        if (!m.find()) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            if (v != min[i]) {
                return v > min[i];
            }
        }
        return true;
    }
}
