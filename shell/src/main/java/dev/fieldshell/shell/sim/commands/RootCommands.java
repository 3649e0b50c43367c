package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.ModuleCore;

/** {@code help}, {@code echo}, {@code sleep}, {@code run}, {@code exit}, {@code enable}, {@code disable}. */
final class RootCommands {
    private static final String HELP = """
            Enter a single "?" to get the root command list.
            Commands can have multiple levels of subcommands.
            Use "command [...] ?" to get the list of subcommands and parameters.
            Commands can be abbreviated, push <TAB> for auto completion at any level
            including at the start of a subcommand to get a list of subcommands.
            Use "enable" to enter secure (admin) mode.
            """;
    private static final long WRONG_PASSWORD_DELAY_MS = 5000;

    private RootCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        root.add("help", "Ask for help", c -> c.print(HELP), "", 0, 0, false);
        root.add("exit", "End console session", c -> c.console().exit(), "", 0, 0, false);
        root.add("enable", "Enter secure mode (enable access to all commands)", c -> enable(c, core), "[<password>]", 0, 1, false);
        root.add("disable", "Leave secure mode (disable access to most commands)", c -> c.console().setSecure(false), "", 0, 0, true);
        if (core.firmware().has("root.echo")) {
            root.add("echo", "Echo the arguments, one per line", RootCommands::echo, "[<text>] [...]", 0, 10, true);
        }
        if (core.firmware().has("root.sleep")) {
            root.add("sleep", "Pause execution for a time", RootCommands::sleep, "<seconds>", 1, 1, true);
        }
        if (core.firmware().has("run")) {
            // Title and usage are the simulator's own words: the reference gives neither.
            root.add("run", "Run a command in the background", c -> run(c, core), "<command> [<args>]", 1, 127, true);
        }
    }

    /**
     * {@code run} (reference §5.2, §10): the command runs in a background task and the console gets
     * {@code Background execution started.} at once, so an event script is not blocked by a long job.
     * The arguments are the command's tokens already, quoting resolved. Where a real module sends the
     * background command's output the reference does not say; here it is dropped.
     */
    private static void run(CommandNode.Call c, ModuleCore core) {
        java.util.List<String> command = java.util.List.copyOf(c.args());
        c.puts("Background execution started.");
        Thread.ofPlatform().daemon().name("sim-run").start(() -> {
            Console background = new Console(Console.Kind.SCRIPT, core, text -> { }, true, ModuleCore.TIMERS);
            try {
                core.commands().execute(background, command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void echo(CommandNode.Call c) {
        if (c.argc() == 0) {
            c.print("\n");
        }
        for (String a : c.args()) {
            c.puts(a);
        }
    }

    private static void sleep(CommandNode.Call c) throws InterruptedException {
        double secs;
        try {
            secs = Double.parseDouble(c.arg(0));
        } catch (NumberFormatException e) {
            secs = 0; // atof()
        }
        if (secs > 0) {
            Thread.sleep((long) (secs * 1000));
        }
    }

    private static void enable(CommandNode.Call c, ModuleCore core) throws InterruptedException {
        Console console = c.console();
        String password = core.modulePassword();
        if (password.isEmpty()) {
            console.setSecure(true);
            c.puts("Secure mode");
            return;
        }
        if (c.argc() == 1) {
            if (c.arg(0).equals(password)) {
                console.setSecure(true);
                c.puts("Secure mode");
            } else {
                Thread.sleep(WRONG_PASSWORD_DELAY_MS);
                c.puts("Error: Invalid password");
            }
            return;
        }
        c.print("Password:");
        if (!console.interactive()) {
            return;
        }
        StringBuilder typed = new StringBuilder();
        int[] failures = {0};
        console.captureInput(ch -> {
            if (ch != '\n') {
                if (ch >= 32) {
                    typed.append(ch);
                }
                return;
            }
            String attempt = typed.toString();
            typed.setLength(0);
            if (attempt.equals(password)) {
                console.setSecure(true);
                console.print("\nSecure mode\n");
                console.releaseInput();
            } else if (++failures[0] >= 3) {
                try {
                    Thread.sleep(WRONG_PASSWORD_DELAY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                console.print("\nError: 3 incorrect password attempts\n");
                console.releaseInput();
            } else {
                console.print("\nSorry, try again.\nPassword:");
            }
        }, () -> {
            console.print("\n");
            console.releaseInput();
        });
    }
}
