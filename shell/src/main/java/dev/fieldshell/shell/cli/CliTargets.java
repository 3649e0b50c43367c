package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.macro.MacroTool;
import dev.fieldshell.shell.macro.MacroWorkflow;
import dev.fieldshell.shell.repl.XdgDirs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Targets named on the command line of a non-interactive run. Links stay open until the run ends
 * ({@link #close}).
 */
final class CliTargets implements MacroTool.Targets, AutoCloseable {

    /** Opens a target text; the simulator opener until the shared target factory is there. */
    interface Opener {
        ModuleLink open(String text) throws LinkException;

        /** Ends whatever the opener started (in-process simulators). */
        default void closeAll() {}
    }

    private final Opener opener;
    private final String current;
    private final Map<String, ModuleLink> open = new LinkedHashMap<>();

    CliTargets(Opener opener, String current) {
        this.opener = opener;
        this.current = current;
    }

    static CliTargets standard(XdgDirs dirs, String current) {
        return new CliTargets(SimTargets.opener(dirs), current);
    }

    @Override
    public MacroWorkflow.Target current() throws LinkException {
        return open(currentName());
    }

    @Override
    public String currentName() {
        if (current == null || current.isBlank()) {
            throw new UsageException("which module? give --target TARGET (sim, sim:3.3.005, ssh://user@host, ...)");
        }
        return current;
    }

    @Override
    public synchronized MacroWorkflow.Target open(String text) throws LinkException {
        ModuleLink l = open.get(text);
        if (l == null) {
            l = opener.open(text);
            open.put(text, l);
        }
        return new MacroWorkflow.Target(text, l);
    }

    @Override
    public synchronized void close() {
        open.values().forEach(ModuleLink::close);
        open.clear();
        opener.closeAll();
    }
}
