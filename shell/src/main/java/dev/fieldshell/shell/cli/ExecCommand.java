package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.repl.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fieldshell exec TARGET "cmd" ["cmd"...]}: runs commands on a module and prints each output. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run module commands and print what each printed.",
            "Exit status 1 when the link fails (unreachable, refused, dropped, no answer)."})
public final class ExecCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TARGET", description = "sim, ssh://user@host[:port], an ~/.ssh/config host, or serial:/dev/ttyUSB0[?baud=N]")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "Command lines, sent as given (quote by the module's rules).")
    List<String> commands;

    @Option(names = "--json", description = "One JSON object per command: {\"target\",\"command\",\"output\",\"elapsed_ms\"}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // sim and sim:VERSION are the module that macro, undo, js and events see (kept under $XDG_STATE_HOME):
        // `exec sim "vfs ls /store/events"` after `macro … --target sim` shows what the macro wrote.
        CliTargets.Opener opener = SimTargets.opener(CliEnvironment.dirs());
        try (ModuleLink link = opener.open(target)) {
            for (String cmd : commands) {
                CommandResult r = link.run(cmd);
                if (json) {
                    out.println(Json.result(target, cmd, r));
                } else {
                    out.print(r.output());
                    if (!r.output().isEmpty() && !r.output().endsWith("\n")) {
                        out.println();
                    }
                }
                out.flush();
            }
            return 0;
        } catch (LinkException e) {
            out.flush();
            err.println("fieldshell: " + e.getMessage());
            err.flush();
            return ErrorHandler.FAILURE;
        } finally {
            opener.closeAll();
        }
    }
}
