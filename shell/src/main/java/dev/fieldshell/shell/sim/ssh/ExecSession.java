package dev.fieldshell.shell.sim.ssh;

import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.ModuleCore;

/**
 * An SSH exec channel: no banner, echo or prompt; the command string is fed as typed followed by
 * {@code \n} (so embedded newlines separate commands, {@code \r} is ignored); then exit status 0.
 */
final class ExecSession extends ChannelCommand {
    private final ModuleCore core;
    private final String command;

    ExecSession(ModuleCore core, String command) {
        this.core = core;
        this.command = command;
    }

    @Override
    protected void run() {
        Console console = core.openConsole(Console.Kind.SSH_EXEC, this, true);
        console.input(new String(command.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1));
        console.input('\n');
        console.close();
    }
}
