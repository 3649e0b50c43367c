package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.ReplContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;

/** {@code :macro list | show NAME | resume [MODULE] | NAME [--param value]... [--dry-run] [--yes] [--target a,b | --targets FILE]}. */
public final class MacroLocalCommand implements LocalCommand {

    private MacroTool tool;

    @Override
    public String name() {
        return "macro";
    }

    @Override
    public String summary() {
        return "Run an event-script macro: plan, show, apply, verify (undo with :undo)";
    }

    @Override
    public String usage() {
        return ":macro list | show NAME | resume [MODULE] | NAME [--param value]... [--dry-run] [--yes] [--force] [--target a,b,c | --targets FILE]";
    }

    private synchronized MacroTool tool(ReplContext context) {
        if (tool == null) {
            tool = new MacroTool(context.dirs());
        }
        return tool;
    }

    /**
     * Subcommands and macro names (from the file names: no JavaScript runs on the REPL thread),
     * then options, with a macro's own parameters once its declarations are loaded. The first TAB
     * also starts the JavaScript engine in the background, so it is warm when the line is sent.
     */
    @Override
    public Completer completer(ReplContext context) {
        return (reader, line, candidates) -> {
            MacroTool t = tool(context);
            t.warmUp();
            List<String> words = line.words();
            Map<String, Path> files = t.catalog().files();
            List<String> offer = new ArrayList<>();
            if (line.wordIndex() == 1) {
                offer.addAll(List.of("list", "show", "resume"));
                offer.addAll(files.keySet());
            } else if (line.wordIndex() == 2 && words.get(1).equals("show")) {
                offer.addAll(files.keySet());
            } else if (line.wordIndex() >= 2 && files.containsKey(words.get(1))) {
                offer.addAll(List.of("--dry-run", "--yes", "--force", "--target", "--targets"));
                t.runner().loaded(files.get(words.get(1))).ifPresent(m -> m.params().forEach(p -> offer.add("--" + p.name())));
            }
            offer.forEach(o -> candidates.add(new Candidate(o)));
        };
    }

    @Override
    public void run(List<String> args, ReplContext context) throws Exception {
        tool(context);
        ReplBridge.check(tool.macro(args, ReplBridge.targets(context), ReplBridge.ui(context, "macro")), ":macro");
    }
}
