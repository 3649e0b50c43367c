package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LocalCommand} may use of the running shell: the module links, the terminal, the
 * transcript and the last crash text seen. The interactive REPL, {@code fieldshell -c},
 * {@code fieldshell < script} and tests all provide one; a command must work with any of them.
 */
public interface ReplContext {

    /** The current module link, or a {@link LinkException} saying that none is open ({@code :connect TARGET}). */
    ModuleLink link() throws LinkException;

    /** The current module link, if one is open. */
    Optional<ModuleLink> currentLink();

    /** The name of the current target ({@code sim}, the {@code as NAME} of {@code :connect}, or the target text); empty when none. */
    String currentName();

    /** Every open target by name, in the order they were opened. Unmodifiable. */
    Map<String, ModuleLink> targets();

    /**
     * Opens a target ({@code sim}, {@code ssh://user@host[:port]}, an ssh config alias,
     * {@code serial:/dev/ttyUSB0}) under {@code name} without making it current; returns the open
     * link if one by that name exists already.
     */
    ModuleLink open(String target, String name) throws LinkException;

    /** Where to print: the terminal (above the prompt), stdout in scripts. Flushes are the caller's. */
    PrintWriter out();

    /** Prints one line and flushes. */
    void println(String line);

    /**
     * Asks a yes/no question and waits for the answer. Without a terminal (scripts, {@code -c}) it
     * prints the question and answers {@code false}: commands that change a module need an explicit
     * {@code --yes} there.
     */
    boolean confirm(String question);

    /**
     * Writes one entry to the transcript when {@code :log start} is on (does nothing otherwise).
     * {@code kind} is a short word such as {@code plan}, {@code did}, {@code note}; passwords in
     * {@code text} are masked before writing.
     */
    void record(String kind, String text);

    /** The crash text most recently recognized in module output or a paste. */
    Optional<String> lastCrash();

    /** Whether a person is at a terminal (prompts and confirmations possible). */
    boolean interactive();

    /** Whether colors may be used ({@code NO_COLOR} unset and a terminal). */
    boolean color();

    /** The directories fieldshell keeps its files in (XDG). */
    XdgDirs dirs();
}
