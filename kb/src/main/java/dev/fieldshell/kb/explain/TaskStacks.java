package dev.fieldshell.kb.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The sdkconfig options that size ESP-IDF's own tasks, read from {@code task-stacks.txt}: when one of
 * them overflows, the fix is a build option, not code of the crashing project, and the option's name
 * changed with ESP-IDF 4.0.
 */
public final class TaskStacks {

    static final TaskStacks STANDARD = load();

    /** The sdkconfig option names of one task's stack size, before and from ESP-IDF 4.0. */
    record Options(String idf3, String idf4) {
        String sentence() {
            return idf3 + " (ESP-IDF 3.x; " + idf4 + " from 4.0)";
        }
    }

    private final Map<String, Options> optionsByTask;

    private TaskStacks(Map<String, Options> optionsByTask) {
        this.optionsByTask = Map.copyOf(optionsByTask);
    }

    private static TaskStacks load() {
        try (InputStream in = TaskStacks.class.getResourceAsStream("task-stacks.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing task-stacks.txt");
            }
            Map<String, Options> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException("task-stacks.txt: expected task, 3.x option, 4.0 option: " + line);
                }
                out.put(f[0].strip(), new Options(f[1].strip(), f[2].strip()));
            }
            return new TaskStacks(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped table. */
    public static TaskStacks standard() {
        return STANDARD;
    }

    /**
     * Every name a report may use for the option that sizes {@code task}'s stack, lower case: the
     * sdkconfig names before and from ESP-IDF 4.0 and their Kconfig symbols (without {@code CONFIG_});
     * empty when it is not an ESP-IDF system task.
     */
    public java.util.List<String> names(String task) {
        // the suggester's task names are lower case ("tmr svc"); FreeRTOS names are not
        Options o = optionsByTask.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(task))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (o == null) {
            return java.util.List.of();
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : java.util.List.of(o.idf3(), o.idf4())) {
            String l = n.toLowerCase(java.util.Locale.ROOT);
            out.add(l);
            out.add(l.startsWith("config_") ? l.substring(7) : l);
        }
        return java.util.List.copyOf(out);
    }

    /** The options that size {@code task}'s stack, or null when it is not an ESP-IDF system task. */
    Options options(String task) {
        return optionsByTask.get(task);
    }
}
