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
final class TaskStacks {

    static final TaskStacks STANDARD = load();

    private final Map<String, String> optionByTask;

    private TaskStacks(Map<String, String> optionByTask) {
        this.optionByTask = Map.copyOf(optionByTask);
    }

    private static TaskStacks load() {
        try (InputStream in = TaskStacks.class.getResourceAsStream("task-stacks.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing task-stacks.txt");
            }
            Map<String, String> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException("task-stacks.txt: expected task, 3.x option, 4.0 option: " + line);
                }
                out.put(f[0].strip(), f[1].strip() + " (ESP-IDF 3.x; " + f[2].strip() + " from 4.0)");
            }
            return new TaskStacks(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option that sizes {@code task}'s stack, or "" when it is not an ESP-IDF system task. */
    String option(String task) {
        return optionByTask.getOrDefault(task, "");
    }
}
