package dev.fieldshell.shell.lint;

import dev.fieldshell.shell.ovms.EventNames;
import dev.fieldshell.shell.ovms.EventTree;
import dev.fieldshell.shell.ovms.FeatureTable;
import dev.fieldshell.shell.ovms.FileState;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.Tokenizer;
import dev.fieldshell.shell.ovms.VfsPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the mistakes that the module accepts silently: event names nothing signals, scripts that
 * run in an unexpected order, config keys nothing reads, commands the firmware lacks, scripts that
 * block the event task, lines the tokenizer refuses, JavaScript that does not parse. Works on a
 * module's {@code /store/events} and on a plan before it is applied.
 */
public final class Linter {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)(.*)$");

    private final LintRules rules;
    private final EventNames events;
    private final FeatureTable features;
    private final Function<String, Optional<JsProblem>> jsCheck;

    /** A JavaScript parse problem: {@code newer} when only ES5.1 rejects it. */
    public record JsProblem(boolean newer, String message) {}

    /** {@code jsCheck} parses a {@code .js} script (GraalJS in production; loaded only when a .js script exists). */
    public Linter(LintRules rules, EventNames events, FeatureTable features, Function<String, Optional<JsProblem>> jsCheck) {
        this.rules = rules;
        this.events = events;
        this.features = features;
        this.jsCheck = jsCheck;
    }

    /** Lints every script of a tree. */
    public List<Finding> lint(EventTree tree, Optional<FirmwareVersion> firmware) {
        List<Finding> out = new ArrayList<>();
        for (var e : tree.events().entrySet()) {
            String dir = VfsPath.EVENTS_DIR + "/" + e.getKey() + "/";
            eventName(e.getKey(), dir, firmware, out);
            order(dir, new ArrayList<>(e.getValue().keySet()), out);
            for (var s : e.getValue().entrySet()) {
                script(dir + s.getKey(), s.getKey(), s.getValue(), firmware, out);
            }
        }
        return out;
    }

    /**
     * Lints what a plan leaves: the event scripts it writes (with their neighbours from
     * {@code before} when known), the events it raises and the config it sets.
     */
    public List<Finding> lint(Plan plan, Map<String, FileState> before, Optional<FirmwareVersion> firmware) {
        Map<String, Optional<String>> b = new LinkedHashMap<>();
        before.forEach((k, v) -> b.put(k, v.asOptional()));
        Map<String, String> written = new LinkedHashMap<>();
        plan.filesAfter(b).forEach((p, c) -> c.ifPresent(content -> written.put(p, content)));
        List<Finding> out = new ArrayList<>(lint(EventTree.fromFiles(written), firmware));
        for (int i = 0; i < plan.steps().size(); i++) {
            String where = "plan step " + (i + 1);
            switch (plan.steps().get(i)) {
                case Step.RaiseEvent r -> eventName(r.event(), where, firmware, out);
                case Step.SetConfig c -> config(c.param(), c.instance(), where, out);
                case Step.RunCommand r -> line(r.commandLine(), where, firmware, false, out);
                default -> {}
            }
        }
        return out;
    }

    private void eventName(String name, String where, Optional<FirmwareVersion> firmware, List<Finding> out) {
        switch (events.check(name)) {
            case EventNames.Verdict.Unknown u -> out.add(rules.finding("event.unknown", where, name,
                    u.suggestions().isEmpty() ? "" : "; did you mean " + String.join(" or ", u.suggestions()) + "?"));
            case EventNames.Verdict.Known k when k.since().isPresent() && firmware.isPresent() && !firmware.get().atLeast(k.since().get()) ->
                    out.add(rules.finding("event.newer", where, name, k.since().get().release(), firmware.get().release()));
            default -> {}
        }
    }

    /** Two scripts whose leading numbers sort differently as numbers and as bytes. */
    private void order(String dir, List<String> namesInRunOrder, List<Finding> out) {
        for (int i = 0; i < namesInRunOrder.size(); i++) {
            for (int j = i + 1; j < namesInRunOrder.size(); j++) {
                Matcher a = LEADING_NUMBER.matcher(namesInRunOrder.get(i));
                Matcher b = LEADING_NUMBER.matcher(namesInRunOrder.get(j));
                if (a.matches() && b.matches() && new java.math.BigInteger(a.group(1)).compareTo(new java.math.BigInteger(b.group(1))) > 0) {
                    int width = Math.max(a.group(1).length(), b.group(1).length());
                    String padded = String.format("%0" + width + "d", new java.math.BigInteger(b.group(1))) + b.group(2);
                    out.add(rules.finding("order.bytewise", dir, namesInRunOrder.get(i), namesInRunOrder.get(j), padded));
                }
            }
        }
    }

    private void script(String path, String name, String content, Optional<FirmwareVersion> firmware, List<Finding> out) {
        if (name.endsWith(".js")) {
            jsCheck.apply(content).ifPresent(p -> out.add(rules.finding(p.newer() ? "js.newer" : "js.syntax", path, p.message())));
            return;
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || (i == lines.length - 1 && l.isEmpty())) {
                continue;
            }
            line(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l, path + ":" + (i + 1), firmware, true, out);
        }
    }

    private void line(String text, String where, Optional<FirmwareVersion> firmware, boolean inEventScript, List<Finding> out) {
        List<String> tokens = switch (Tokenizer.split(text)) {
            case Tokenizer.Split.Refused r -> {
                out.add(rules.finding("command.quoting", where, r.reason() + " at offset " + r.offset()));
                yield List.of();
            }
            case Tokenizer.Split.Tokens t -> t.tokens();
        };
        if (tokens.isEmpty()) {
            return;
        }
        if (firmware.isPresent()) {
            features.missingFor(firmware.get(), tokens).ifPresent(f -> out.add(rules.finding("command.missing", where,
                    String.join(" ", f.command()), f.since().release(), firmware.get().release())));
        }
        if (tokens.size() >= 5 && tokens.get(0).equals("config") && tokens.get(1).equals("set")) {
            config(tokens.get(2), tokens.get(3), where, out);
        }
        if (tokens.size() >= 3 && tokens.get(0).equals("event") && tokens.get(1).equals("raise")) {
            tokens.stream().skip(2).filter(t -> !t.startsWith("-")).findFirst().ifPresent(ev -> eventName(ev, where, firmware, out));
        }
        if (inEventScript) {
            for (LintRules.LongCommand lc : rules.longCommands()) {
                boolean tailWithCount = lc.words().equals(List.of("vfs", "tail")) && tokens.stream().anyMatch(t -> t.matches("-\\d+"));
                if (tokens.size() >= lc.words().size() && tokens.subList(0, lc.words().size()).equals(lc.words()) && !tailWithCount) {
                    out.add(rules.finding("command.long", where, String.join(" ", lc.words()), lc.why()));
                }
            }
        }
    }

    private void config(String param, String instance, String where, List<Finding> out) {
        for (LintRules.IneffectiveConfig c : rules.ineffectiveConfig()) {
            if (c.param().equals(param) && c.instance().equals(instance)) {
                out.add(rules.finding("config.ineffective", where, param, instance, c.why() + "; use " + c.useInstead()));
            }
        }
    }
}
