package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.ovms.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Plans one macro with one set of arguments for many modules, running its JavaScript only for
 * modules that answer differently from every module planned before.
 *
 * <p>A macro sees the world only through the API's calls (its arguments are the same for every
 * module). So a run is a function of its transcript, the calls it made with their answers, except
 * for the clock and random numbers, which the prelude reports as a call that never matches. For
 * the next module the transcript is replayed in Java: each call goes to that module's own
 * {@link RecordingBackend} (reads go to that module, changes into its plan), and as long as every
 * answer is the same as in the transcript, the macro would have made the same next call; when the
 * transcript ends, the module's plan is the one a fresh run would have made. At the first
 * different answer the replay is thrown away and the macro runs in a fresh sandbox for that module.
 * No JavaScript state crosses from one module to another: a replay runs no JavaScript at all.
 *
 * <p>The first module of each firmware build leads: the others of that build wait for its run and
 * then replay. The grouping only picks whom to wait for; the answers decide what is shared.
 */
final class SharedPlans {

    private record Call(String name, String argsJson, String answerJson) {}

    private final MacroRunner runner;
    private final MacroDescriptor macro;
    private final ObjectNode args;
    private final List<List<Call>> transcripts = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> leaders = new ConcurrentHashMap<>();

    SharedPlans(MacroRunner runner, MacroDescriptor macro, ObjectNode args) {
        this.runner = runner;
        this.macro = macro;
        this.args = args;
    }

    /** The plan for one module, and what the macro printed for it to {@code printer}. */
    Plan plan(MacroWorkflow.Target t, Consumer<String> printer) throws MacroException {
        String group = t.link().info().firmware();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> leader = leaders.putIfAbsent(group == null ? "" : group, mine);
        if (leader == null) {
            try {
                return runAndRecord(t, printer);
            } finally {
                mine.complete(null);
            }
        }
        leader.join();
        Optional<Plan> replayed = replay(t, printer);
        return replayed.isPresent() ? replayed.get() : runAndRecord(t, printer);
    }

    private Plan runAndRecord(MacroWorkflow.Target t, Consumer<String> printer) throws MacroException {
        RecordingBackend rec = new RecordingBackend(t.name(), t.link(), macro.name(), printer);
        List<Call> calls = new ArrayList<>();
        runner.run(macro, args, rec, (name, argsJson, answer) -> calls.add(new Call(name, argsJson, answer)));
        // Only a run that ended normally and never looked at the clock or the dice is worth sharing.
        if (calls.stream().noneMatch(c -> c.name().equals(MacroApi.NONDETERMINISTIC))) {
            transcripts.add(List.copyOf(calls));
        }
        return rec.plan();
    }

    /**
     * Walks the known transcripts as a tree: all that agree with this module's answers so far
     * make the same next call. Printed lines are held back until the replay is known to hold.
     */
    private Optional<Plan> replay(MacroWorkflow.Target t, Consumer<String> printer) {
        List<String> printed = new ArrayList<>();
        RecordingBackend rec = new RecordingBackend(t.name(), t.link(), macro.name(), printed::add);
        MacroApi api = new MacroApi(rec);
        List<List<Call>> candidates = new ArrayList<>(transcripts);
        for (int i = 0; !candidates.isEmpty(); i++) {
            int at = i;
            if (candidates.stream().anyMatch(c -> c.size() == at)) {
                if (candidates.stream().anyMatch(c -> c.size() != at)) {
                    return Optional.empty();
                }
                printed.forEach(printer);
                return Optional.of(rec.plan());
            }
            Call next = candidates.get(0).get(at);
            if (candidates.stream().anyMatch(c -> !c.get(at).name().equals(next.name()) || !c.get(at).argsJson().equals(next.argsJson()))) {
                // Same answers, different next call: the macro is not a function of its answers after all.
                return Optional.empty();
            }
            String answer = api.dispatch(next.name(), next.argsJson());
            candidates = candidates.stream().filter(c -> c.get(at).answerJson().equals(answer)).toList();
        }
        return Optional.empty();
    }
}
