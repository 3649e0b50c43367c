package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The picocli-free reading of {@code heap analyze|compare} agrees with picocli's, or leaves the line to it. */
class HeapArgsTest {
    @TempDir
    Path dir;

    /** What picocli makes of a command line it accepts: the same record {@link HeapArgs} fills in. */
    private static HeapArgs.Parsed picocli(String... args) {
        CommandLine.ParseResult top = FieldshellCommand.commandLine(args).parseArgs(args);
        CommandLine.ParseResult sub = top.subcommand().subcommand();
        HeapCommand.Common c = (HeapCommand.Common) sub.commandSpec().userObject();
        List<Path> files = c instanceof HeapCommand.Analyze a ? a.files : List.of(((HeapCommand.Compare) c).a,
                ((HeapCommand.Compare) c).b);
        boolean debug = top.hasMatchedOption("--debug") || top.subcommand().hasMatchedOption("--debug")
                || sub.hasMatchedOption("--debug");
        return new HeapArgs.Parsed(c.options(), List.copyOf(files), debug);
    }

    @Test
    void readsWhatPicocliReadsTheSameWay() {
        List<String[]> lines = List.of(
                new String[] {"heap", "analyze", "a.txt"},
                new String[] {"heap", "analyze", "a.txt", "b.json", "c.txt.gz"},
                new String[] {"heap", "analyze", "--json", "a.txt", "--symbols", "syms.txt", "--kb", "kb"},
                new String[] {"heap", "analyze", "a.txt", "--elf", "fw.elf", "--clock-mhz", "160", "--svg", "out.svg"},
                new String[] {"heap", "analyze", "--build", "3.3.005", "a.txt", "--debug", "--clock-mhz", "80.5"},
                new String[] {"heap", "compare", "a.txt", "b.txt", "--clock-mhz", "160", "--json"},
                new String[] {"heap", "compare", "--kb", "k", "a.txt", "b.txt"});
        for (String[] args : lines) {
            Optional<HeapArgs.Parsed> fast = HeapArgs.parse(args);
            assertThat(fast).as(String.join(" ", args)).contains(picocli(args));
        }
    }

    @Test
    void leavesHelpErrorsAndUnusualLinesToPicocli() {
        List<String[]> lines = List.of(
                new String[] {"heap", "analyze"},
                new String[] {"heap", "analyze", "--help"},
                new String[] {"heap", "analyze", "-h", "a.txt"},
                new String[] {"heap", "analyze", "a.txt", "--clock-mhz", "fast"},
                new String[] {"heap", "analyze", "a.txt", "--clock-mhz"},
                new String[] {"heap", "analyze", "a.txt", "--json", "--json"},
                new String[] {"heap", "analyze", "a.txt", "--symbols", "--json"},
                new String[] {"heap", "analyze", "a.txt", "--kb=dir"},
                new String[] {"heap", "analyze", "a.txt", "--colour"},
                new String[] {"heap", "analyze", "@args.txt"},
                new String[] {"heap", "analyze", "a\u0000.txt"},
                new String[] {"heap", "analyze", "a.txt", "--svg", "b\u0000.svg"},
                new String[] {"heap", "analyze", "--", "a.txt"},
                new String[] {"heap", "compare", "a.txt"},
                new String[] {"heap", "compare", "a.txt", "b.txt", "c.txt"},
                new String[] {"heap", "a.txt"},
                new String[] {"--debug", "heap", "analyze", "a.txt"},
                new String[] {"kb", "suggest", "a.txt"});
        for (String[] args : lines) {
            assertThat(HeapArgs.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void printsWhatThePicocliPathPrintsWithItsExitCodes() throws Exception {
        Path dump = Files.writeString(dir.resolve("trace.txt"), HeapCommandTest.DUMP);
        Path mail = Files.writeString(dir.resolve("mail.txt"), "Hello,\nthe dump is attached.\n");
        String kb = Files.createDirectories(dir.resolve("kb")).toString();
        List<String[]> lines = List.of(
                new String[] {"heap", "analyze", dump.toString(), "--kb", kb},
                new String[] {"heap", "analyze", dump.toString(), "--kb", kb, "--json", "--clock-mhz", "160"},
                new String[] {"heap", "compare", dump.toString(), dump.toString(), "--kb", kb},
                new String[] {"heap", "analyze", dir.resolve("nope.txt").toString(), "--kb", kb},
                new String[] {"heap", "analyze", dump.toString(), "--kb", dir.resolve("nokb").toString()},
                new String[] {"heap", "analyze", mail.toString(), "--kb", kb});
        for (String[] args : lines) {
            assertThat(HeapArgs.parse(args)).isPresent();
            Captured fast = capture(() -> Main.run(args));
            Captured slow = viaPicocli(args);
            assertThat(fast).as(String.join(" ", args)).isEqualTo(slow);
        }
        assertThat(viaPicocli("heap", "analyze", dir.resolve("nope.txt").toString()).code()).isEqualTo(ErrorHandler.USAGE);
        assertThat(viaPicocli("heap", "analyze", mail.toString(), "--kb", kb).code()).isEqualTo(ErrorHandler.FAILURE);
        Captured traced = capture(() -> Main.run("heap", "analyze", dir.resolve("nope.txt").toString(), "--debug"));
        assertThat(traced.code()).isEqualTo(ErrorHandler.USAGE);
        assertThat(traced.err()).startsWith("fieldshell: heap: " + dir.resolve("nope.txt") + ": no such file")
                .contains("UsageException").contains("at dev.fieldshell");
    }

    private static Captured viaPicocli(String... args) {
        return capture(() -> FieldshellCommand.commandLine(args).execute(args));
    }

    private record Captured(int code, String out, String err) {}

    private static Captured capture(java.util.function.IntSupplier run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = run.getAsInt();
            return new Captured(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
