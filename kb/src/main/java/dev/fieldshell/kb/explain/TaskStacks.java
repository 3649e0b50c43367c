package dev.fieldshell.kb.explain;

import dev.fieldshell.kb.data.DataFile;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

        /** The Kconfig symbol of an sdkconfig name: without {@code CONFIG_}, as menuconfig and Kconfig files write it. */
        static String symbol(String option) {
            return option.startsWith("CONFIG_") ? option.substring(7) : option;
        }

        /** Both sdkconfig names and both Kconfig symbols, lower case, without repeats. */
        List<String> names() {
            Set<String> out = new LinkedHashSet<>();
            for (String n : List.of(idf3, idf4)) {
                out.add(n.toLowerCase(Locale.ROOT));
                out.add(symbol(n).toLowerCase(Locale.ROOT));
            }
            return List.copyOf(out);
        }
    }

    private final Map<String, Options> optionsByTask;

    private TaskStacks(Map<String, Options> optionsByTask) {
        this.optionsByTask = Map.copyOf(optionsByTask);
    }

    private static TaskStacks load() {
        Map<String, Options> out = new HashMap<>();
        for (DataFile.Line line : DataFile.bundled(TaskStacks.class, "task-stacks.txt").lines()) {
            String[] f = line.text().split("\t");
            if (f.length != 3) {
                throw line.bad("task<TAB>3.x option<TAB>4.0 option");
            }
            // keyed in lower case: FreeRTOS names are not ("Tmr Svc"), the suggester's are ("tmr svc")
            out.put(f[0].strip().toLowerCase(Locale.ROOT), new Options(f[1].strip(), f[2].strip()));
        }
        return new TaskStacks(out);
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
    public List<String> names(String task) {
        Options o = options(task);
        return o == null ? List.of() : o.names();
    }

    /** The options that size {@code task}'s stack (case ignored), or null when it is not an ESP-IDF system task. */
    Options options(String task) {
        return optionsByTask.get(task.toLowerCase(Locale.ROOT));
    }
}
