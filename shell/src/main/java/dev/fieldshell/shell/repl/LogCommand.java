package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Completer;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;

/** {@code :log start [FILE]} / {@code :log stop}: a timestamped transcript with passwords masked. */
final class LogCommand implements LocalCommand {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String summary() {
        return "Start or stop a timestamped transcript (passwords masked)";
    }

    @Override
    public String usage() {
        return ":log start [FILE] | :log stop   (default FILE: $XDG_STATE_HOME/fieldshell/transcripts/<time>.log)";
    }

    @Override
    public Completer completer(ReplContext context) {
        return new ArgumentCompleter(NullCompleter.INSTANCE, new StringsCompleter("start", "stop"), NullCompleter.INSTANCE);
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        Session s = Session.of(context);
        if (args.size() >= 1 && args.size() <= 2 && args.get(0).equals("start")) {
            Path f = s.startTranscript(args.size() == 2 ? Path.of(args.get(1)) : null);
            context.println("transcript: " + f);
        } else if (args.size() == 1 && args.get(0).equals("stop")) {
            context.println(s.stopTranscript().map(f -> "transcript closed: " + f).orElse("no transcript was running"));
        } else {
            throw new UsageException("expected start [FILE] or stop");
        }
    }
}
