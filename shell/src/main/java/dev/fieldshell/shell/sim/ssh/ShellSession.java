package dev.fieldshell.shell.sim.ssh;

import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.io.IOException;

/** An SSH shell channel: banner, secure prompt, echo; each {@code \r} received becomes {@code \n}. */
final class ShellSession extends ChannelCommand {
    private final ModuleCore core;
    private Console console;

    ShellSession(ModuleCore core) {
        this.core = core;
    }

    @Override
    protected void run() throws IOException {
        console = core.openConsole(Console.Kind.SSH_SHELL, this, true);
        console.greet(core.banner("SSH"));
        byte[] buf = new byte[2048];
        int n;
        try {
            while (!console.closed() && (n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = (char) (buf[i] & 0xff);
                    console.input(c == '\r' ? '\n' : c);
                }
            }
        } finally {
            console.close();
        }
    }
}
