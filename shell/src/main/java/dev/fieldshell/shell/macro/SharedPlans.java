package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.ovms.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plans one macro with one set of arguments for many modules, running its JavaScript only for
 * modules that answer differently from every module planned before or alongside.
 *
 * <p>A macro sees the world only through the API's calls (its arguments are the same for every
 * module). So a run is a function of its transcript, the calls it made with their answers, except
 * for the clock and random numbers, whose use the prelude reports as a call that never matches. A
 * module follows another module's transcript, live as that run makes it: each call goes to the
 * following module's own {@link RecordingBackend} (reads go to that module, changes into its own
 * plan), and as long as every answer is the same, the macro would have made the same next call;
 * when the transcript ends, the follower's plan is the one a run of its own would have made. At a
 * different answer it continues along another transcript that agrees with its answers so far, or
 * runs the macro in a fresh sandbox itself. No JavaScript state crosses from one module to
 * another: following runs no JavaScript at all.
 */
final class SharedPlans {

    /**
     * How long a follower waits for the run it follows to make its next call before running the
     * macro itself: long enough for a cold engine on a busy machine, short of a dead link's timeout.
     */
    private static final long PATIENCE_MS = 10_000;

    private record Call(String name, String argsJson, String answerJson) {}

    /** One JavaScript run's calls as it makes them. Guarded by the enclosing {@link SharedPlans}. */
    private static final class Transcript {
        final List<Call> calls = new ArrayList<>();
        boolean ended;
        /** Ended normally and never looked at the clock or the dice. */
        boolean shareable;
    }

    private final MacroRunner runner;
    private final MacroDescriptor macro;
    private final ObjectNode args;
    private final List<Transcript> transcripts = new ArrayList<>();

    SharedPlans(MacroRunner runner, MacroDescriptor macro, ObjectNode args) {
        this.runner = runner;
        this.macro = macro;
        this.args = args;
    }

    /** The plan for one module, and what the macro printed for it to {@code printer}. */
    Plan plan(MacroWorkflow.Target t, Consumer<String> printer) throws MacroException {
        List<String> printed = new ArrayList<>();
        RecordingBackend rec = new RecordingBackend(t.name(), t.link(), macro.name(), printed::add);
        MacroApi api = new MacroApi(rec);
        List<Call> mine = new ArrayList<>();
        Set<Transcript> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        Transcript followed = null;
        while (true) {
            Call next = null;
            Transcript lead = null;
            synchronized (this) {
                while (next == null && lead == null) {
                    if (followed == null) {
                        followed = agreeing(mine, failed);
                        if (followed == null) {
                            lead = new Transcript();
                            transcripts.add(lead);
                            break;
                        }
                    }
                    int i = mine.size();
                    if (!awaitCall(followed, i)) {
                        failed.add(followed);
                        followed = null;
                    } else if (!agrees(followed, mine) || (followed.ended && !followed.shareable)) {
                        failed.add(followed);
                        followed = null;
                    } else if (followed.calls.size() > i) {
                        next = followed.calls.get(i);
                    } else if (followed.shareable) {
                        printed.forEach(printer);
                        return rec.plan();
                    } else {
                        failed.add(followed);
                        followed = null;
                    }
                }
            }
            if (lead != null) {
                return run(t, printer, lead);
            }
            if (next.name().equals(MacroApi.NONDETERMINISTIC)) {
                synchronized (this) {
                    failed.add(followed);
                }
                followed = null;
                continue;
            }
            String answer = api.dispatch(next.name(), next.argsJson());
            mine.add(new Call(next.name(), next.argsJson(), answer));
            if (!answer.equals(next.answerJson())) {
                synchronized (this) {
                    failed.add(followed);
                }
                followed = null;
            }
        }
    }

    /** A transcript not known to fail this module whose calls so far are this module's history. */
    private Transcript agreeing(List<Call> mine, Set<Transcript> failed) {
        for (Transcript c : transcripts) {
            if (!failed.contains(c) && (!c.ended || c.shareable) && agrees(c, mine)) {
                return c;
            }
        }
        return null;
    }

    private static boolean agrees(Transcript c, List<Call> mine) {
        int n = Math.min(c.calls.size(), mine.size());
        return c.calls.subList(0, n).equals(mine.subList(0, n)) && (!c.ended || c.calls.size() >= mine.size());
    }

    /** Waits until {@code c} has call {@code i} or has ended; false when it made no progress for too long. */
    private boolean awaitCall(Transcript c, int i) {
        long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
        int seen = c.calls.size();
        while (c.calls.size() <= i && !c.ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (c.calls.size() > seen) {
                seen = c.calls.size();
                deadline = System.nanoTime() + PATIENCE_MS * 1_000_000;
            }
        }
        return true;
    }

    /** Runs the macro for {@code t} in a fresh sandbox, making its calls visible to followers as they happen. */
    private Plan run(MacroWorkflow.Target t, Consumer<String> printer, Transcript lead) throws MacroException {
        RecordingBackend rec = new RecordingBackend(t.name(), t.link(), macro.name(), printer);
        boolean ok = false;
        try {
            runner.run(macro, args, rec, (name, argsJson, answer) -> {
                synchronized (this) {
                    lead.calls.add(new Call(name, argsJson, answer));
                    notifyAll();
                }
            });
            ok = true;
            return rec.plan();
        } finally {
            synchronized (this) {
                lead.ended = true;
                lead.shareable = ok && lead.calls.stream().noneMatch(c -> c.name().equals(MacroApi.NONDETERMINISTIC));
                notifyAll();
            }
        }
    }
}
