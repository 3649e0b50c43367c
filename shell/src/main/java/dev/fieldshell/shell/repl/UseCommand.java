package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.StringsCompleter;

/** {@code :use NAME}: makes another open target current. */
final class UseCommand implements LocalCommand {

    @Override
    public String name() {
        return "use";
    }

    @Override
    public String summary() {
        return "Make another open target current";
    }

    @Override
    public String usage() {
        return ":use NAME";
    }

    @Override
    public Completer completer(ReplContext context) {
        return (reader, line, candidates) -> new StringsCompleter(context.targets().keySet())
                .complete(reader, line, candidates);
    }

    @Override
    public void run(List<String> args, ReplContext context) {
        if (args.size() != 1) {
            throw new UsageException("expected one NAME");
        }
        Session.of(context).use(args.get(0));
        context.println("current target is " + args.get(0));
    }
}
