package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a macro wants done to one module, in order. Immutable. */
public record Plan(String title, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Every file path the plan writes, appends to or removes, in first-touch order. */
    public Set<String> touchedFiles() {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : steps) {
            switch (s) {
                case Step.WriteFile w -> out.add(w.path());
                case Step.AppendLine a -> out.add(a.path());
                case Step.RemoveFile r -> out.add(r.path());
                default -> {}
            }
        }
        return out;
    }

    /**
     * The directories the plan may create, shallowest first: every directory above a file it writes
     * or appends to (vfs echo and scp create the whole chain), and every directory it makes, down
     * from the volume ({@code /store/events} and {@code /store/events/x} for
     * {@code /store/events/x/00-a}). The volumes themselves are never created.
     */
    public List<String> directoriesItMayCreate() {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : steps) {
            switch (s) {
                case Step.WriteFile w -> addChain(out, VfsPath.parent(w.path()));
                case Step.AppendLine a -> addChain(out, VfsPath.parent(a.path()));
                case Step.MakeDir m -> addChain(out, m.path());
                default -> {}
            }
        }
        return out.stream().sorted(java.util.Comparator.comparingInt(VfsPath::depth)).toList();
    }

    private static void addChain(Set<String> out, String dir) {
        for (String d = dir; VfsPath.depth(d) >= 2; d = VfsPath.parent(d)) {
            out.add(d);
        }
    }

    /** Every config instance the plan sets or removes, as {@code param/instance}. */
    public Set<ConfigKey> touchedConfig() {
        Set<ConfigKey> out = new LinkedHashSet<>();
        for (Step s : steps) {
            switch (s) {
                case Step.SetConfig c -> out.add(new ConfigKey(c.param(), c.instance()));
                case Step.RemoveConfig c -> out.add(new ConfigKey(c.param(), c.instance()));
                default -> {}
            }
        }
        return out;
    }

    /**
     * The files as they will be after the plan, given how they are before ({@code Optional.empty()}
     * = absent). Paths the plan does not touch are not in the result.
     */
    public Map<String, Optional<String>> filesAfter(Map<String, Optional<String>> before) {
        Map<String, Optional<String>> state = new LinkedHashMap<>();
        for (String p : touchedFiles()) {
            state.put(p, before.getOrDefault(p, Optional.empty()));
        }
        for (Step s : steps) {
            switch (s) {
                case Step.WriteFile w -> state.put(w.path(), Optional.of(w.content()));
                case Step.AppendLine a -> state.put(a.path(), Optional.of(state.get(a.path()).orElse("") + a.line() + "\n"));
                case Step.RemoveFile r -> state.put(r.path(), Optional.empty());
                default -> {}
            }
        }
        return state;
    }

    /** Config values after the plan ({@code Optional.empty()} = instance removed). */
    public Map<ConfigKey, Optional<String>> configAfter() {
        Map<ConfigKey, Optional<String>> out = new LinkedHashMap<>();
        for (Step s : steps) {
            switch (s) {
                case Step.SetConfig c -> out.put(new ConfigKey(c.param(), c.instance()), Optional.of(c.value()));
                case Step.RemoveConfig c -> out.put(new ConfigKey(c.param(), c.instance()), Optional.empty());
                default -> {}
            }
        }
        return out;
    }

    /** A plan under construction; macros record into one. */
    public static final class Builder {
        private final String title;
        private final List<Step> steps = new ArrayList<>();

        public Builder(String title) {
            this.title = title;
        }

        public Builder add(Step step) {
            steps.add(step);
            return this;
        }

        public List<Step> steps() {
            return List.copyOf(steps);
        }

        public Plan build() {
            return new Plan(title, steps);
        }
    }
}
