package dev.fieldshell.shell.repl;

import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.NullCompleter;

/**
 * A local command of the REPL: a line that starts with {@code :} (for example {@code :macro heapcheck
 * --delay 5000}) runs here instead of going to the module.
 *
 * <p>How to add one:
 * <ol>
 *   <li>Implement this interface in your own package (for example {@code dev.fieldshell.shell.macro.MacroCommand}).</li>
 *   <li>Add one line to {@link LocalCommands#all()}.</li>
 * </ol>
 *
 * <p>Rules:
 * <ul>
 *   <li>The constructor must be cheap: it runs at every start-up, before the first prompt. Load
 *       engines (GraalJS, Lucene, MINA) inside {@link #run}, never in a constructor or a static
 *       initializer, and do not keep engine types in fields that are initialized eagerly.</li>
 *   <li>{@link #run} receives the words after the command name, unquoted ({@code "a b"} and
 *       {@code 'a b'} are one word; no backslash escapes, as on the module). It prints through
 *       {@link ReplContext#out()} or {@link ReplContext#println}, never {@code System.out}, so
 *       output lands in the terminal, in scripts and in transcripts alike.</li>
 *   <li>Errors: throw {@link dev.fieldshell.shell.cli.UsageException} for bad arguments (the REPL
 *       prints the message and {@link #usage()}), {@link dev.fieldshell.shell.link.LinkException}
 *       when the module link fails, any other exception for a failure. The REPL prints one line
 *       and stays usable; stack traces only with {@code --debug}. A command that has printed its
 *       failure itself throws {@link Reported}.</li>
 *   <li>What a command plans and does on a module should go to the transcript through
 *       {@link ReplContext#record}.</li>
 * </ul>
 */
public interface LocalCommand {

    /** The name without the colon, e.g. {@code macro}. Lower case, no spaces. */
    String name();

    /** One line for {@code :help}, e.g. {@code Run an event-script macro: plan, show, apply, undo}. */
    String summary();

    /** The usage line(s), starting with the colon form, e.g. {@code :macro NAME [--option value]...}. */
    String usage();

    /**
     * Completes the words after the command name. The {@link org.jline.reader.ParsedLine} the
     * completer sees is the whole line; word 0 is {@code :name}. Called on the REPL thread while the
     * user presses TAB; must be quick and must not print.
     */
    default Completer completer(ReplContext context) {
        return NullCompleter.INSTANCE;
    }

    /**
     * Whether {@link #run} gets the rest of the line as typed, as a single argument (empty list
     * when nothing follows), instead of words split by the module's rules. {@code :js} needs this:
     * JavaScript has quotes in the middle of words.
     */
    default boolean rawArguments() {
        return false;
    }

    /** Runs the command with the words that followed its name. */
    void run(List<String> args, ReplContext context) throws Exception;

    /**
     * Thrown by a command that has already printed what went wrong (a refused plan, a module that
     * failed): the line counts as failed for the exit status, and nothing more is printed.
     */
    final class Reported extends RuntimeException {
        public Reported(String what) {
            super(what, null, false, false);
        }
    }
}
