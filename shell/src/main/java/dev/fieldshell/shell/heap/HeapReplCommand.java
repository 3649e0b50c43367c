package dev.fieldshell.shell.heap;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.nio.file.Path;
import java.util.ArrayList;
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
        if (args.isEmpty() || !(args.get(0).equals("analyze") || args.get(0).equals("compare"))) {
            throw new UsageException("heap: say 'analyze FILE…' or 'compare A B'");
        }
        List<Path> files = new ArrayList<>();
        Path symbols = null;
        Path elf = null;
        String build = null;
        Path kb = null;
        Path svg = null;
        boolean json = false;
        double mhz = 0;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--symbols" -> symbols = Path.of(value(args, ++i, a));
                case "--elf" -> elf = Path.of(value(args, ++i, a));
                case "--build" -> build = value(args, ++i, a);
                case "--kb" -> kb = Path.of(value(args, ++i, a));
                case "--svg" -> svg = Path.of(value(args, ++i, a));
                case "--json" -> json = true;
                case "--clock-mhz" -> {
                    try {
                        mhz = Double.parseDouble(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new UsageException("heap: --clock-mhz wants a number of MHz, e.g. 240");
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("heap: unknown option " + a);
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (args.get(0).equals("compare") && files.size() != 2) {
            throw new UsageException("heap compare: give exactly two dumps, A and B");
        }
        HeapTool.Result r = HeapTool.run(new HeapTool.Request(files, symbols, elf, build, kb, mhz, json, svg, context.color()));
        context.out().print(r.output());
        context.out().flush();
        r.messages().forEach(context::println);
        if (!r.anyRecords()) {
            context.println("heap: " + r.noRecords());
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException("heap: " + option + " needs a value");
        }
        return args.get(i);
    }
}
