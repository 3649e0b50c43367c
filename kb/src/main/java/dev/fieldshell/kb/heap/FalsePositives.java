package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = FalsePositives.class.getResourceAsStream("false-positives.tsv")) {
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FalsePositives parse(BufferedReader in) throws IOException {
        List<Rule> rules = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab > 0) {
                rules.add(new Rule(line.substring(0, tab).strip(), line.substring(tab + 1).strip()));
            }
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
