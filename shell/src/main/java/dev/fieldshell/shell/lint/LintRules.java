package dev.fieldshell.shell.lint;

import dev.fieldshell.kb.data.DataFile;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lint rules' data: severities and messages, ineffective config keys, long-running commands. */
public record LintRules(Map<String, Rule> rules, List<IneffectiveConfig> ineffectiveConfig, List<LongCommand> longCommands) {

    public record Rule(String id, Finding.Severity severity, String message) {}

    public record IneffectiveConfig(String param, String instance, String useInstead, String why) {}

    public record LongCommand(List<String> words, String why) {}

    private static volatile LintRules bundled;

    public static LintRules bundled() {
        LintRules r = bundled;
        if (r == null) {
            Map<String, Rule> rules = new LinkedHashMap<>();
            for (String[] f : rows("rules.tsv", 3)) {
                rules.put(f[0], new Rule(f[0], Finding.Severity.valueOf(f[1].toUpperCase()), f[2]));
            }
            List<IneffectiveConfig> cfg = new ArrayList<>();
            for (String[] f : rows("ineffective-config.tsv", 4)) {
                cfg.add(new IneffectiveConfig(f[0], f[1], f[2], f[3]));
            }
            List<LongCommand> lc = new ArrayList<>();
            for (String[] f : rows("long-running.tsv", 2)) {
                lc.add(new LongCommand(List.of(f[0].split(" +")), f[1]));
            }
            r = new LintRules(rules, cfg, lc);
            bundled = r;
        }
        return r;
    }

    /** A finding of rule {@code id}, its message filled with {@code args}. */
    public Finding finding(String id, String where, Object... args) {
        Rule rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("lint rule '" + id + "' is missing from rules.tsv");
        }
        // MessageFormat treats ' as a quote character; double it so the data file can use plain quotes.
        String text = new MessageFormat(rule.message().replace("'", "''")).format(args);
        return new Finding(rule.severity(), id, where, text);
    }

    private static List<String[]> rows(String file, int fields) {
        List<String[]> out = new ArrayList<>();
        for (DataFile.Line line : DataFile.bundled(LintRules.class, file).lines()) {
            String[] f = line.text().split("\t");
            if (f.length != fields) {
                throw new IllegalStateException(line.where() + ": expected " + fields + " tab-separated fields, found " + f.length);
            }
            out.add(f);
        }
        return out;
    }
}
