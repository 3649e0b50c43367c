package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.cli.UsageException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.util.List;

/**
 * {@code :js EXPR}: JavaScript against the current module, live. Variables persist per module
 * until the target changes. Changes go through the plan path (quoted, verified, journaled).
 */
public final class JsLocalCommand implements LocalCommand {

    private MacroTool tool;
    private JsSession session;
    private ModuleLink sessionLink;

    @Override
    public String name() {
        return "js";
    }

    @Override
    public String summary() {
        return "Evaluate JavaScript with the macro API (ovms.vfs, ovms.event, ovms.config, ovms.exec) on the current module";
    }

    @Override
    public String usage() {
        return ":js EXPRESSION   e.g. :js ovms.vfs.ls('/store/events')";
    }

    @Override
    public boolean rawArguments() {
        return true;
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("usage: " + usage());
        }
        if (tool == null) {
            tool = new MacroTool(context.dirs());
        }
        MacroWorkflow.Target t = ReplBridge.targets(context).current();
        if (session == null || sessionLink != t.link()) {
            if (session != null) {
                session.close();
            }
            session = tool.jsSession(t, ReplBridge.ui(context, "js"));
            sessionLink = t.link();
        }
        String result = session.eval(args.get(0));
        context.println(result);
        context.record("js", result);
    }
}
