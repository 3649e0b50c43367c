package dev.fieldshell.shell.link;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.file.Path;

/**
 * Opens target texts as links: {@code sim} in process, SSH and serial modules wrapped so that a
 * dropped link reconnects (see {@link ReconnectingLink}).
 */
public final class LinkFactory {

    private final Prompter prompter;
    private final SshSettings ssh;

    public LinkFactory(Prompter prompter, SshSettings ssh) {
        this.prompter = prompter;
        this.ssh = ssh;
    }

    /** The factory for this user's ~/.ssh. */
    public static LinkFactory forUser(Prompter prompter) {
        return new LinkFactory(prompter, SshSettings.forUser(Path.of(System.getProperty("user.home"))));
    }

    public ModuleLink open(String target) throws LinkException {
        TargetSpec spec;
        try {
            spec = Targets.parse(target);
        } catch (IllegalArgumentException e) {
            throw new LinkException(e.getMessage());
        }
        return switch (spec) {
            case TargetSpec.Sim s -> openSim(s);
            case TargetSpec.Ssh s -> new ReconnectingLink(() -> SshLink.open(s, ssh, prompter), ReconnectingLink.Backoff.DEFAULT);
            case TargetSpec.Serial s -> new ReconnectingLink(() -> SerialLink.open(s), ReconnectingLink.Backoff.DEFAULT);
        };
    }

    private ModuleLink openSim(TargetSpec.Sim sim) throws LinkException {
        try {
            // A fresh module in this process: its own temporary /store, no SSH server, no port.
            SimulatedModule.Builder b = SimulatedModule.builder();
            if (!sim.firmware().isEmpty()) {
                b.name(sim.text()).firmware(sim.firmware());
            }
            SimulatedModule module = b.build().start();
            return new OwningSimLink(module);
        } catch (java.io.IOException | RuntimeException e) {
            throw new LinkException(sim.text() + ": the built-in simulator did not start: " + e.getMessage(), e);
        }
    }
}
