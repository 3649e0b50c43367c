package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.HeapCorruption;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a crash is, beyond its frames: its kind, the tasks it names (the ones a watchdog saw
 * blocked, the one whose stack overflowed, else the ones running), and its heap-corruption
 * problems ({@code bad head}, {@code bad tail}). Two crashes that agree on these are more alike
 * than their words say, most of all when a backtrace is short or raw. Pure.
 *
 * @param overflowTasks the tasks whose stack overflowed (a subset of {@code tasks}): an overflow is about
 *                      one task's stack, so an overflow of another task is another story
 */
public record CrashTraits(Set<CrashKind> kinds, Set<String> tasks, Set<String> heapProblems, Set<String> overflowTasks) {

    static final CrashTraits NONE = new CrashTraits(Set.of(), Set.of(), Set.of(), Set.of());

    public CrashTraits {
        kinds = Set.copyOf(kinds);
        tasks = Set.copyOf(tasks);
        heapProblems = Set.copyOf(heapProblems);
        overflowTasks = Set.copyOf(overflowTasks);
    }

    // "A stack overflow in task X has been detected", "Stack canary watchpoint triggered (X)"
    private static final Pattern OVERFLOW_TASK =
            Pattern.compile("stack overflow in task (.{1,40}?) has been detected|watchpoint triggered \\((.{1,40})\\)",
                    Pattern.CASE_INSENSITIVE);

    // the heap allocator's own sources and functions: multi_heap.c, multi_heap_poisoning.c, tlsf.c,
    // heap_tlsf.c; multi_heap_free, tlsf_free, block_locate_free
    private static final Pattern ALLOCATOR_ASSERT =
            Pattern.compile("\\bmulti_heap\\w*|\\b(heap_)?tlsf\\w*|\\bblock_(locate|trim|merge|split|absorb)\\w*");

    static CrashTraits of(CrashReport c) {
        Set<CrashKind> kinds = new LinkedHashSet<>();
        // EXCEPTION and ABORT say little (every CPU exception, every abort); the exception name counts on its own
        if (c.kind() != null && c.kind() != CrashKind.OTHER && c.kind() != CrashKind.EXCEPTION && c.kind() != CrashKind.ABORT) {
            kinds.add(c.kind());
        }
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> overflowed = new LinkedHashSet<>();
        Matcher m = OVERFLOW_TASK.matcher(c.detail());
        if (m.find()) {
            String t = task(m.group(1) != null ? m.group(1) : m.group(2));
            tasks.add(t);
            overflowed.add(t);
        }
        if (!c.blockedTasks().isEmpty()) {
            c.blockedTasks().forEach(t -> tasks.add(task(t)));
        } else if (tasks.isEmpty()) {
            c.tasks().forEach(t -> tasks.add(task(t)));
        }
        tasks.remove("");
        overflowed.remove("");
        Set<String> heap = new LinkedHashSet<>();
        for (HeapCorruption h : c.heapLines()) {
            String p = problem(h.problem());
            if (!p.isEmpty()) {
                heap.add(p);
            }
        }
        if (!heap.isEmpty() || (c.kind() == CrashKind.ASSERT && ALLOCATOR_ASSERT.matcher(c.detail()).find())) {
            // CORRUPT HEAP before an abort or an interrupt watchdog: the corruption is what happened, and
            // the watchdog or abort that follows is its consequence, not a second kind to match on. An
            // assert inside the allocator (multi_heap, TLSF) is the allocator finding its own structures
            // overwritten: a heap corruption too, whether or not a CORRUPT HEAP line came first.
            kinds.clear();
            kinds.add(CrashKind.HEAP_CORRUPTION);
        }
        return new CrashTraits(kinds, tasks, heap, overflowed);
    }

    /** Several crashes' traits together (a document's). */
    static CrashTraits union(Iterable<CrashReport> crashes) {
        Set<CrashKind> kinds = new LinkedHashSet<>();
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> heap = new LinkedHashSet<>();
        Set<String> overflowed = new LinkedHashSet<>();
        for (CrashReport c : crashes) {
            CrashTraits t = of(c);
            kinds.addAll(t.kinds());
            tasks.addAll(t.tasks());
            heap.addAll(t.heapProblems());
            overflowed.addAll(t.overflowTasks());
        }
        return new CrashTraits(kinds, tasks, heap, overflowed);
    }

    static String task(String name) {
        if (name == null) {
            return "";
        }
        // replaceAll("\\s+", " ") without a regular expression: every candidate's tasks pass here
        String t = name.strip().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(t.length());
        boolean previousSpace = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (isSpace(c)) {
                if (!previousSpace) {
                    sb.append(' ');
                }
                previousSpace = true;
            } else {
                sb.append(c);
                previousSpace = false;
            }
        }
        return sb.toString();
    }

    /** {@code Bad head at 0x3ffc… Expected 0xabba1234 got 0x3ffc…} → {@code bad head}. */
    static String problem(String problem) {
        StringBuilder sb = new StringBuilder();
        for (String w : problem.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.isEmpty() || w.equals("at") || w.equals("x") || w.length() == 1) {
                continue;
            }
            if (w.equals("expected") || w.equals("got") || w.equals("owner")) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(w);
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The same task per core: FreeRTOS's {@code IDLE0}/{@code IDLE1}, {@code ipc0}/{@code ipc1} run
     * the same code pinned to another core.
     */
    static String perCore(String task) {
        int n = task.length();
        if (n < 4 || (task.charAt(n - 1) != '0' && task.charAt(n - 1) != '1')) {
            return task;
        }
        String base = task.substring(0, n - 1);
        return base.equals("idle") || base.equals("ipc") || base.equals("ipc_task") ? base : task;
    }
}
