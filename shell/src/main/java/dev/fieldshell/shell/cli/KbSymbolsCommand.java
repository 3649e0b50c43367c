package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.symbols.SymbolStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fieldshell kb symbols add VERSION FILE | list}: symbol files kept per firmware build. */
@Command(name = "symbols", mixinStandardHelpOptions = true,
        description = "Symbol files (firmware ELF, addr2line or nm output) kept per firmware build and used whenever a crash names that build.",
        subcommands = {KbSymbolsCommand.Add.class, KbSymbolsCommand.ListCmd.class})
public final class KbSymbolsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ErrorHandler.USAGE;
    }

    static SymbolStore store(Path dir) {
        return dir != null ? new SymbolStore(dir) : SymbolStore.standard(System.getenv());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Store FILE as the symbols of firmware VERSION.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "VERSION", description = "Firmware version, e.g. 3.3.005-615-gd132bfe0 (partition and tag are ignored).")
        String version;

        @Parameters(index = "1", paramLabel = "FILE", description = "The firmware ELF (build/ovms3.elf) or an addr2line/nm text map.")
        Path file;

        @Option(names = "--store", paramLabel = "DIR", description = "Symbol store directory (default: $XDG_DATA_HOME/fieldshell/symbols).")
        Path store;

        @Override
        public Integer call() throws Exception {
            SymbolStore.Added a = KbSymbolsCommand.store(store).add(version, file);
            PrintWriter err = spec.commandLine().getErr();
            a.problems().forEach(p -> err.println("fieldshell: skipped " + p));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("stored %s (%s, %d symbols) for firmware %s%n", a.entry().file(), a.entry().kind(), a.entry().symbols(), a.entry().build());
            out.flush();
            err.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored symbol files by firmware build.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "DIR", description = "Symbol store directory (default: $XDG_DATA_HOME/fieldshell/symbols).")
        Path storeDir;

        @Override
        public Integer call() throws Exception {
            SymbolStore store = KbSymbolsCommand.store(storeDir);
            List<SymbolStore.Entry> entries = store.list();
            PrintWriter out = spec.commandLine().getOut();
            if (entries.isEmpty()) {
                out.println("no symbol files stored in " + store.root());
            }
            for (SymbolStore.Entry e : entries) {
                out.printf("%s\t%s\t%d symbols\t%s%n", e.build(), e.kind(), e.symbols(), e.file());
            }
            out.flush();
            return 0;
        }
    }
}
