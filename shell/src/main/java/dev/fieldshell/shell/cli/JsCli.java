package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.macro.JsSession;
import dev.fieldshell.shell.macro.MacroTool;
import dev.fieldshell.shell.macro.MacroWorkflow;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fieldshell js --target T 'EXPRESSION'}: one live JavaScript expression with the macro API. */
@Command(name = "js", description = "Evaluate JavaScript with the macro API live against a module.")
public final class JsCli implements Callable<Integer> {

    @Option(names = "--target", required = true, paramLabel = "TARGET", description = "the module (sim, sim:3.3.005, ssh://user@host, ...)")
    String target;

    @Parameters(index = "0", paramLabel = "EXPRESSION", description = "e.g. \"ovms.vfs.ls('/store/events')\"")
    String expression;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        XdgDirs dirs = CliEnvironment.dirs();
        PrintWriter out = spec.commandLine().getOut();
        try (CliTargets targets = CliTargets.standard(dirs, target)) {
            MacroWorkflow.Target t = targets.current();
            try (JsSession js = new MacroTool(dirs).jsSession(t, new CliUi(out))) {
                out.println(js.eval(expression));
                out.flush();
                return 0;
            }
        }
    }
}
