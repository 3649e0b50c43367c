package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The documented ESP-IDF heap-tracing false positives, as function-name prefixes (data file {@code false-positives.tsv}). */
public final class FalsePositives {
    private record Rule(String prefix, String reason) {}

    private final List<Rule> rules;

    private FalsePositives(List<Rule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt((Rule r) -> r.prefix.length()).reversed()).toList();
    }

    /** The bundled list. */
    public static FalsePositives bundled() {
        return parse(DataFile.bundled(FalsePositives.class, "false-positives.tsv"));
    }

    static FalsePositives parse(DataFile file) {
        List<Rule> rules = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            int tab = line.text().indexOf('\t');
            if (tab <= 0) {
                throw line.bad("function prefix<TAB>reason");
            }
            rules.add(new Rule(line.text().substring(0, tab).strip(), line.text().substring(tab + 1).strip()));
        }
        return new FalsePositives(rules);
    }

    /** The reason the first matching frame is a documented false positive, or empty. */
    public String match(List<Frame> frames) {
        for (Rule r : rules) {
            for (Frame f : frames) {
                if (f.hasFunction() && f.function().startsWith(r.prefix)) {
                    return f.function() + ": " + r.reason;
                }
            }
        }
        return "";
    }
}
