package dev.fieldshell.shell.heap;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.util.List;

/** {@code :heap analyze FILE… [--symbols F | --elf F | --build V] [--kb DIR] [--clock-mhz N] [--json] [--svg OUT]} and {@code :heap compare A B}. */
public final class HeapReplCommand implements LocalCommand {
    @Override
    public String name() {
        return "heap";
    }

    @Override
    public String summary() {
        return "Analyse heap-trace dumps: leaking caller chains, fingerprints, rates per window";
    }

    @Override
    public String usage() {
        return ":heap analyze FILE... [--symbols F | --elf F | --build V] [--kb DIR] [--clock-mhz N] [--json] [--svg OUT]\n"
                + ":heap compare A B [--symbols F | --elf F | --build V] [--kb DIR] [--clock-mhz N] [--json] [--svg OUT]";
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        HeapOptions.Reading.Read r = switch (HeapOptions.read(args)) {
            case HeapOptions.Reading.Wrong w -> throw new UsageException(w.message());
            // --debug is an option of the whole program (fieldshell --debug), not of one REPL line
            case HeapOptions.Reading.Read read when read.debug() -> throw new UsageException("heap: unknown option --debug");
            case HeapOptions.Reading.Read read -> read;
        };
        HeapTool.Result result = HeapTool.run(r.options().request(r.files(), context.color()));
        context.out().print(result.output());
        context.out().flush();
        result.messages().forEach(context::println);
        if (!result.anyRecords()) {
            context.println("heap: " + result.noRecords());
        }
    }
}
