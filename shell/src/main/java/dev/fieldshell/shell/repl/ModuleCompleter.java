package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.ovms.EventNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes lines meant for the module: command words from the module's own tree
 * ({@link CommandTree}), then arguments: VFS paths (listed with {@code vfs ls}) and event names
 * (after {@code event raise} and under {@code /store/events/}).
 */
final class ModuleCompleter implements Completer {

    private final Supplier<Optional<CommandTree>> tree;
    private final Function<String, Optional<String>> asker;
    private final List<String> eventNames;

    ModuleCompleter(Supplier<Optional<CommandTree>> tree, Function<String, Optional<String>> asker) {
        this.tree = tree;
        this.asker = asker;
        this.eventNames = loadEventNames();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int idx = line.wordIndex();
        if (words.isEmpty() || (idx > 0 && words.get(0).startsWith(":")) || line.word().startsWith(":")) {
            return;
        }
        Optional<CommandTree> t = tree.get();
        if (t.isEmpty()) {
            return;
        }
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        Optional<List<String>> path = t.get().resolve(words.subList(0, idx));
        if (path.isEmpty()) {
            return;
        }
        List<String> kids = t.get().children(path.get());
        if (!kids.isEmpty() && !current.startsWith("/")) {
            for (String k : kids) {
                candidates.add(new Candidate(k, k, null, null, null, null, true));
            }
            return;
        }
        String cmd = String.join(" ", path.get());
        if (current.startsWith("/") || cmd.startsWith("vfs")) {
            completePath(current, candidates);
        } else if (cmd.equals("event raise")) {
            for (String e : eventNames) {
                candidates.add(new Candidate(e, e, null, null, null, null, true));
            }
        }
    }

    private void completePath(String current, List<Candidate> candidates) {
        int slash = current.lastIndexOf('/');
        if (slash <= 0) {
            for (String root : List.of("/store/", "/sd/")) {
                candidates.add(new Candidate(root, root, null, null, null, null, false));
            }
            return;
        }
        String dir = current.substring(0, slash + 1);
        List<String> seen = new ArrayList<>();
        asker.apply("vfs ls " + dir.substring(0, dir.length() - 1)).ifPresent(out -> {
            for (String entry : parseLs(out)) {
                seen.add(entry);
                candidates.add(new Candidate(dir + entry, entry, "on the module", null, null, null, !entry.endsWith("/")));
            }
        });
        if (dir.equals("/store/events/")) {
            for (String e : eventNames) {
                if (!seen.contains(e + "/")) {
                    candidates.add(new Candidate(dir + e + "/", e + "/", "other known events", null, null, null, false));
                }
            }
        }
    }

    /** Names from {@code vfs ls} output ({@code "%8.8s  %17.17s  %s%s"}): directories end with {@code /}. */
    static List<String> parseLs(String out) {
        List<String> names = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.length() > 29 && l.charAt(8) == ' ' && l.charAt(9) == ' ' && l.charAt(27) == ' ' && l.charAt(28) == ' ') {
                names.add(l.substring(29));
            }
        }
        return names;
    }

    /** The event names of the one data file (reference §5.3); the {@code clock.HHMM}/{@code clock.dayN} patterns are not names. */
    private static List<String> loadEventNames() {
        return EventNames.bundled().names().stream().filter(n -> !n.startsWith("clock.")).toList();
    }
}
