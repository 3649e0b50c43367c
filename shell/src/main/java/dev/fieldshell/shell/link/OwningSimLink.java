package dev.fieldshell.shell.link;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.time.Duration;
import java.util.function.Consumer;

/** The built-in simulator's link that also stops the simulated module (and removes its temporary store) when closed. */
final class OwningSimLink implements ModuleLink {
    private final SimulatedModule module;
    private final SimLink link;

    OwningSimLink(SimulatedModule module) {
        this.module = module;
        this.link = module.link();
    }

    @Override
    public String target() {
        return link.target();
    }

    @Override
    public ModuleInfo info() {
        return link.info();
    }

    @Override
    public CommandResult run(String commandLine) throws LinkException {
        return link.run(commandLine);
    }

    @Override
    public CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
        return link.stream(commandLine, sink);
    }

    @Override
    public void interrupt() {
        link.interrupt();
    }

    @Override
    public void upload(String path, byte[] content) throws LinkException {
        link.upload(path, content);
    }

    @Override
    public boolean canUpload() {
        return link.canUpload();
    }

    @Override
    public void onLog(Consumer<String> listener) {
        link.onLog(listener);
    }

    @Override
    public Duration commandTimeout() {
        return link.commandTimeout();
    }

    /** The simulated module behind this link (tests reach its VFS and faults through it). */
    SimulatedModule module() {
        return module;
    }

    @Override
    public void close() {
        link.close();
        module.close();
    }
}
