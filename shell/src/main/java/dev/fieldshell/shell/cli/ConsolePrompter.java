package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.Prompter;
import java.io.Console;
import java.util.Optional;

/** Asks through the terminal ({@link System#console()}) outside the REPL, e.g. for {@code fieldshell exec}. */
final class ConsolePrompter implements Prompter {
    private final Console console;

    private ConsolePrompter(Console console) {
        this.console = console;
    }

    /** A prompter on the terminal if there is one, else one that answers no. */
    static Prompter forThisProcess() {
        return Terminals.interactive() ? new ConsolePrompter(System.console()) : Prompter.NONE;
    }

    @Override
    public boolean confirm(String question) {
        String a = console.readLine("%s [y/N] ", question);
        return a != null && (a.strip().equalsIgnoreCase("y") || a.strip().equalsIgnoreCase("yes"));
    }

    @Override
    public Optional<String> secret(String prompt) {
        char[] pw = console.readPassword("%s", prompt);
        return pw == null ? Optional.empty() : Optional.of(new String(pw));
    }

    @Override
    public void info(String line) {
        System.err.println(line);
    }
}
