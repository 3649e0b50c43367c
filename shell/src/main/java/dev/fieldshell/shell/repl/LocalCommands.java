package dev.fieldshell.shell.repl;

import java.util.List;

/**
 * The one list of local {@code :commands}. To add yours, add one line below (keep the constructor
 * cheap; see {@link LocalCommand}).
 */
public final class LocalCommands {
    private LocalCommands() {}

    /** Every local command, in the order {@code :help} lists them. */
    public static List<LocalCommand> all() {
        return List.of(
                new ConnectCommand(),
                new DisconnectCommand(),
                new UseCommand(),
                new TargetsCommand(),
                new LogCommand(),
                new dev.fieldshell.shell.kb.KbLocalCommand(),
                new dev.fieldshell.shell.heap.HeapReplCommand(),
                new HelpCommand(),
                new QuitCommand(),
                new dev.fieldshell.shell.macro.MacroLocalCommand(),
                new dev.fieldshell.shell.macro.UndoLocalCommand(),
                new dev.fieldshell.shell.macro.JsLocalCommand(),
                new dev.fieldshell.shell.macro.EventsLocalCommand()
                // add one line per command here, e.g. new dev.fieldshell.shell.macro.MacroCommand()
                );
    }
}
