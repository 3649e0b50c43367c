package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.LinkFactory;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.repl.XdgDirs;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets of non-interactive runs. {@code sim} and {@code sim:VERSION} are an in-process simulator
 * whose {@code /store} is kept under {@code $XDG_STATE_HOME/fieldshell/sim/<target>/store}, so that
 * {@code fieldshell macro … --target sim} and a later {@code fieldshell undo sim} see the same module.
 */
final class SimTargets {

    private SimTargets() {}

    /** {@code sim[:VERSION]} here; every other target (ssh, serial, aliases) through the shared {@link LinkFactory}. */
    static CliTargets.Opener opener(XdgDirs dirs) {
        LinkFactory shared = LinkFactory.forUser(ConsolePrompter.forThisProcess());
        List<SimulatedModule> started = new ArrayList<>();
        return new CliTargets.Opener() {
            @Override
            public ModuleLink open(String text) throws LinkException {
                if (!(text.equals("sim") || text.startsWith("sim:"))) {
                    return shared.open(text);
                }
                String version = text.equals("sim") ? "" : text.substring(4);
                Path store = dirs.state().resolve("sim").resolve(text.replaceAll("[^A-Za-z0-9.-]", "_")).resolve("store");
                try {
                    Files.createDirectories(store);
                    SimulatedModule.Builder b = SimulatedModule.builder().name(text).store(store);
                    if (!version.isEmpty()) {
                        b.firmware(version);
                    }
                    SimulatedModule m = b.build().start();
                    synchronized (started) {
                        started.add(m);
                    }
                    return m.link();
                } catch (IOException | IllegalArgumentException e) {
                    throw new LinkException(text + ": cannot start the simulator: " + e.getMessage(), e);
                }
            }

            @Override
            public void closeAll() {
                synchronized (started) {
                    started.forEach(SimulatedModule::close);
                    started.clear();
                }
            }
        };
    }
}
