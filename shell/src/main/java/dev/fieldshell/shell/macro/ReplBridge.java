package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;

/** Connects {@link MacroTool} to the REPL: its targets, its terminal, its transcript. */
final class ReplBridge {

    private ReplBridge() {}

    static MacroWorkflow.Ui ui(ReplContext ctx, String kind) {
        return new MacroWorkflow.Ui() {
            @Override
            public void println(String line) {
                ctx.println(line);
                ctx.record(kind, line);
            }

            @Override
            public boolean confirm(String question) {
                boolean yes = ctx.confirm(question);
                ctx.record(kind, question + " " + (yes ? "yes" : "no"));
                return yes;
            }
        };
    }

    static MacroTool.Targets targets(ReplContext ctx) {
        return new MacroTool.Targets() {
            @Override
            public MacroWorkflow.Target current() throws LinkException {
                ModuleLink link = ctx.link();
                return new MacroWorkflow.Target(ctx.currentName(), link);
            }

            @Override
            public String currentName() throws LinkException {
                String name = ctx.currentName();
                // nothing open yet: a script's default target is opened (and named) on first need, or link() says what to do
                return name.isEmpty() ? current().name() : name;
            }

            @Override
            public MacroWorkflow.Target open(String text) throws LinkException {
                ModuleLink open = ctx.targets().get(text);
                return new MacroWorkflow.Target(text, open != null ? open : ctx.open(text, text));
            }
        };
    }

    /** After the command has printed what went wrong: the REPL's exit status reflects it, and it says nothing more. */
    static void check(int code, String what) {
        if (code != 0) {
            throw new LocalCommand.Reported(what + " did not complete");
        }
    }
}
