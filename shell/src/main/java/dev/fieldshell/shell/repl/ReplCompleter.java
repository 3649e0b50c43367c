package dev.fieldshell.shell.repl;

import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** TAB: local command names after {@code :}, each local command's own completer, otherwise the module's tree. */
final class ReplCompleter implements Completer {

    private final Map<String, LocalCommand> commands;
    private final ReplContext context;
    private final Completer module;

    ReplCompleter(Map<String, LocalCommand> commands, ReplContext context, Completer module) {
        this.commands = commands;
        this.context = context;
        this.module = module;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String first = words.isEmpty() ? "" : words.get(0);
        if (line.wordIndex() == 0 && first.startsWith(":")) {
            for (LocalCommand c : commands.values()) {
                candidates.add(new Candidate(":" + c.name(), ":" + c.name(), null, c.summary(), null, null, true));
            }
            return;
        }
        if (first.startsWith(":")) {
            LocalCommand c = commands.get(first.substring(1));
            if (c != null) {
                try {
                    c.completer(context).complete(reader, line, candidates);
                } catch (RuntimeException e) {
                    // A failing completer must not break the line being typed.
                }
            }
            return;
        }
        try {
            module.complete(reader, line, candidates);
        } catch (RuntimeException e) {
            // Same: completion is a convenience.
        }
    }
}
