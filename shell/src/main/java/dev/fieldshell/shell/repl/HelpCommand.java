package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.StringsCompleter;

/** {@code :help [COMMAND]}: lists the local commands, or shows one command's usage. */
final class HelpCommand implements LocalCommand {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "List local commands, or show one's usage";
    }

    @Override
    public String usage() {
        return ":help [COMMAND]";
    }

    @Override
    public Completer completer(ReplContext context) {
        return new StringsCompleter(LocalCommands.all().stream().map(LocalCommand::name).toList());
    }

    @Override
    public void run(List<String> args, ReplContext context) {
        List<LocalCommand> all = LocalCommands.all();
        if (args.isEmpty()) {
            context.println("Lines starting with ':' run here; any other line goes to the current module as typed.");
            for (LocalCommand c : all) {
                context.println(String.format("  :%-12s %s", c.name(), c.summary()));
            }
            context.println("TAB completes; Ctrl-C interrupts a running module command; Ctrl-D leaves.");
            context.println("On the module, '?' lists commands and 'help' explains its console.");
            return;
        }
        if (args.size() > 1) {
            throw new UsageException("expected at most one COMMAND");
        }
        String want = args.get(0).startsWith(":") ? args.get(0).substring(1) : args.get(0);
        LocalCommand c = all.stream().filter(x -> x.name().equals(want)).findFirst()
                .orElseThrow(() -> new UsageException("no local command :" + want));
        context.println(c.usage());
        context.println("  " + c.summary());
    }
}
