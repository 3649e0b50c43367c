package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.link.Targets;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.StringsCompleter;

/** {@code :connect TARGET [as NAME]}: opens a module link and makes it current. */
final class ConnectCommand implements LocalCommand {

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String summary() {
        return "Open a module link and make it current";
    }

    @Override
    public String usage() {
        return ":connect TARGET [as NAME]   TARGET: sim[:VERSION] | ssh://user@host[:port] | ssh-config-alias | serial:/dev/ttyUSB0[?baud=115200]";
    }

    @Override
    public Completer completer(ReplContext context) {
        return new StringsCompleter("sim", "ssh://", "serial:/dev/");
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        // The user chose a target: even if this one is refused, later module lines must not go to
        // the simulator a script falls back to when it names none.
        Session.of(context).defaultTarget(null);
        String name;
        if (args.size() == 1) {
            name = Targets.defaultName(args.get(0));
        } else if (args.size() == 3 && args.get(1).equals("as") && !args.get(2).isBlank()) {
            name = args.get(2);
        } else {
            throw new UsageException("expected TARGET or TARGET as NAME");
        }
        ModuleLink link = Session.of(context).connect(args.get(0), name);
        String fw = link.info().firmware();
        context.println("connected to " + link.target() + " as " + name
                + (fw.isEmpty() ? "" : " (firmware " + fw + (link.info().secure() ? ", secure" : ", not secure") + ")"));
    }
}
