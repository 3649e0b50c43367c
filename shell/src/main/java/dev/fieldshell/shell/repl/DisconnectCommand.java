package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.StringsCompleter;

/** {@code :disconnect [NAME]}: closes the current (or named) target. */
final class DisconnectCommand implements LocalCommand {

    @Override
    public String name() {
        return "disconnect";
    }

    @Override
    public String summary() {
        return "Close the current target (or the one named)";
    }

    @Override
    public String usage() {
        return ":disconnect [NAME]";
    }

    @Override
    public Completer completer(ReplContext context) {
        return (reader, line, candidates) -> new StringsCompleter(context.targets().keySet())
                .complete(reader, line, candidates);
    }

    @Override
    public void run(List<String> args, ReplContext context) {
        if (args.size() > 1) {
            throw new UsageException("expected at most one NAME");
        }
        String name = args.isEmpty() ? context.currentName() : args.get(0);
        if (name.isEmpty()) {
            throw new UsageException("no target is open");
        }
        Session s = Session.of(context);
        s.disconnect(name);
        context.println("closed " + name + (s.currentName().isEmpty() ? "" : "; current target is " + s.currentName()));
    }
}
