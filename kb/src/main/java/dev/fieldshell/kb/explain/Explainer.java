package dev.fieldshell.kb.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fieldshell.kb.crash.CrashReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw facts of a crash into the sentences an expert would say (a NUL byte written one past
 * the end of a block; a NULL struct member; a use after free), each naming the rule that made it.
 * The rules are data: {@code src/main/resources/dev/fieldshell/kb/explain/explain-rules.yaml}.
 */
public final class Explainer {

    private static final Explainer STANDARD = fromResource("explain-rules.yaml");

    private final List<Rule> rules;
    private final MemoryRegions regions;

    private Explainer(List<Rule> rules, MemoryRegions regions) {
        this.rules = List.copyOf(rules);
        this.regions = regions;
    }

    /** The explainer with the shipped rules. */
    public static Explainer standard() {
        return STANDARD;
    }

    /** An explainer with rules read from YAML text (same format as the shipped file). */
    public static Explainer fromYaml(String yaml) {
        try {
            return new Explainer(parse(new ObjectMapper(new YAMLFactory()).readTree(yaml)), MemoryRegions.standard());
        } catch (IOException e) {
            throw new IllegalArgumentException("bad explanation rules: " + e.getMessage(), e);
        }
    }

    private static Explainer fromResource(String name) {
        try (InputStream in = Explainer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new Explainer(parse(new ObjectMapper(new YAMLFactory()).readTree(in)), MemoryRegions.standard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentences that apply to {@code report}, in rule-file order. */
    public List<Explanation> explain(CrashReport report) {
        Map<String, String> facts = CrashFacts.of(report, regions);
        List<Explanation> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r.applies(facts)) {
                out.add(new Explanation(r.id(), r.render(facts), r.lookFor(facts)));
            }
        }
        return out;
    }

    /** The facts the rules see, for {@code --explain} output and for writing new rules. */
    public Map<String, String> facts(CrashReport report) {
        return CrashFacts.of(report, regions);
    }

    private static List<Rule> parse(JsonNode root) {
        List<Rule> out = new ArrayList<>();
        JsonNode list = root.has("rules") ? root.get("rules") : root;
        for (JsonNode n : list) {
            String id = n.path("rule").asText("");
            String say = n.path("say").asText("");
            if (id.isEmpty() || say.isEmpty()) {
                throw new IllegalArgumentException("every rule needs 'rule' and 'say': " + n);
            }
            List<Rule.Condition> conds = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("when").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Iterator<Map.Entry<String, JsonNode>> tests = e.getValue().fields();
                if (!tests.hasNext()) {
                    conds.add(new Rule.Condition(e.getKey(), "equals", List.of(e.getValue().asText())));
                }
                while (tests.hasNext()) {
                    Map.Entry<String, JsonNode> t = tests.next();
                    List<String> values = new ArrayList<>();
                    if (t.getValue().isArray()) {
                        t.getValue().forEach(v -> values.add(v.asText()));
                    } else {
                        values.add(t.getValue().asText());
                    }
                    conds.add(new Rule.Condition(e.getKey(), t.getKey(), values));
                }
            }
            List<String> lookFor = new ArrayList<>();
            n.path("look for").forEach(v -> lookFor.add(v.asText()));
            out.add(new Rule(id, conds, say, lookFor));
        }
        return out;
    }
}
