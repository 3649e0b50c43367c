package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The change a plan makes to a module's files and config, shown as a unified-style diff. Pure. */
public final class PlanDiff {

    private PlanDiff() {}

    /**
     * Diff of every touched file between {@code before} and what the plan leaves; unchanged files
     * are listed as such so the reader sees the whole plan.
     */
    public static String render(Plan plan, Map<String, FileState> before, Map<ConfigKey, Optional<String>> configBefore) {
        Map<String, Optional<String>> b = new java.util.LinkedHashMap<>();
        before.forEach((k, v) -> b.put(k, v.asOptional()));
        Map<String, Optional<String>> after = plan.filesAfter(b);
        StringBuilder sb = new StringBuilder();
        for (var e : after.entrySet()) {
            Optional<String> old = b.getOrDefault(e.getKey(), Optional.empty());
            sb.append(file(e.getKey(), old, e.getValue()));
        }
        for (var e : plan.configAfter().entrySet()) {
            Optional<String> old = configBefore.getOrDefault(e.getKey(), Optional.empty());
            if (old.equals(e.getValue())) {
                sb.append("  config ").append(e.getKey()).append(": unchanged (").append(e.getValue().orElse("unset")).append(")\n");
            } else {
                sb.append("~ config ").append(e.getKey()).append(": ").append(old.orElse("unset")).append(" -> ").append(e.getValue().orElse("unset")).append('\n');
            }
        }
        for (Step s : plan.steps()) {
            if (s instanceof Step.RemoveDir d) {
                sb.append("- ").append(d.path()).append("/ (empty directory removed)\n");
            }
            if (s instanceof Step.RaiseEvent || s instanceof Step.RunCommand) {
                sb.append("! ").append(s.describe()).append(" (an action, not undoable)\n");
            }
        }
        return sb.toString();
    }

    /** Whether the plan would leave every touched file and config instance as it is. */
    public static boolean changesNothing(Plan plan, Map<String, FileState> before, Map<ConfigKey, Optional<String>> configBefore) {
        Map<String, Optional<String>> b = new java.util.LinkedHashMap<>();
        before.forEach((k, v) -> b.put(k, v.asOptional()));
        boolean files = plan.filesAfter(b).entrySet().stream()
                .allMatch(e -> e.getValue().equals(b.getOrDefault(e.getKey(), Optional.empty())) && before.getOrDefault(e.getKey(), FileState.ABSENT).exact());
        boolean config = plan.configAfter().entrySet().stream()
                .allMatch(e -> e.getValue().equals(configBefore.getOrDefault(e.getKey(), Optional.empty())));
        boolean actions = plan.steps().stream().noneMatch(s -> s instanceof Step.RaiseEvent || s instanceof Step.RunCommand || s instanceof Step.MakeDir
                || s instanceof Step.RemoveDir);
        return files && config && actions;
    }

    static String file(String path, Optional<String> old, Optional<String> neu) {
        if (old.equals(neu)) {
            return "  " + path + ": unchanged" + (neu.isEmpty() ? " (absent)" : "") + "\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(old.isPresent() ? path : "/dev/null").append('\n');
        sb.append("+++ ").append(neu.isPresent() ? path : "/dev/null").append('\n');
        List<String> a = lines(old.orElse(""));
        List<String> b = lines(neu.orElse(""));
        for (String l : lineDiff(a, b)) {
            sb.append(l).append('\n');
        }
        if (neu.isPresent() && !neu.get().isEmpty() && !neu.get().endsWith("\n")) {
            sb.append("\\ No newline at end of file\n");
        }
        return sb.toString();
    }

    private static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return List.of(t.split("\n", -1));
    }

    /** Longest-common-subsequence line diff: {@code " "}, {@code "-"} and {@code "+"} prefixed lines. */
    static List<String> lineDiff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("-" + a.get(i++));
            } else {
                out.add("+" + b.get(j++));
            }
        }
        return out;
    }
}
