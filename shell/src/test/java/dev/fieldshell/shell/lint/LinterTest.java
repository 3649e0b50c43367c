package dev.fieldshell.shell.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.ovms.EventTree;
import dev.fieldshell.shell.ovms.FileState;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinterTest {

    private final Linter linter = Linters.standard();

    static EventTree preparedStore() {
        return EventTree.fromFiles(Map.of(
                "/store/events/wifi.down/10-log", "log level info\n",
                "/store/events/server.v2.stopped/9-first", "module check alert\n",
                "/store/events/server.v2.stopped/10-second", "event raise -d5000 usr.check.heap\n",
                "/store/events/usr.check.heap/00-check", "config set module debug.heap yes\nsleep 90\n",
                "/store/events/ticker.300/50-bad.js", "var x = function( {;\n",
                "/store/events/ticker.600/50-modern.js", "const f = () => 1;\n",
                "/store/events/ticker.60/01-quote", "vfs echo \"a\"b /store/x\n"));
    }

    @Test
    void findsTheSilentMistakesInAPreparedStore() {
        List<Finding> f = linter.lint(preparedStore(), FirmwareVersion.parse("3.3.005"));
        assertThat(f).extracting(Finding::toString).contains(
                "/store/events/wifi.down/: error: no firmware signals the event 'wifi.down', so these scripts never run; did you mean network.wifi.down or system.wifi.down? [event.unknown]",
                "/store/events/server.v2.stopped/: warning: '10-second' runs before '9-first': scripts run in byte-wise order of their names, not numeric order; pad the numbers ('09-first') [order.bytewise]",
                "/store/events/usr.check.heap/00-check:1: error: config module debug.heap is accepted but does nothing: the periodic heap check reads 'debug.heap.alert' (the code comment and the mailing list say 'debug.heap'); use module debug.heap.alert [config.ineffective]",
                "/store/events/server.v2.stopped/9-first:1: error: 'module check alert' needs firmware 3.3.006 or later; this module runs 3.3.005 [command.missing]");
        assertThat(f).anySatisfy(x -> assertThat(x.toString()).startsWith("/store/events/usr.check.heap/00-check:2: warning: 'sleep' in an event script blocks"));
        assertThat(f).anySatisfy(x -> assertThat(x.toString()).startsWith("/store/events/ticker.300/50-bad.js: error: JavaScript syntax error: line 1:19: Expected ident"));
        assertThat(f).anySatisfy(x -> assertThat(x.toString()).startsWith("/store/events/ticker.600/50-modern.js: warning: uses syntax newer than ES5.1"));
        assertThat(f).anySatisfy(x -> assertThat(x.toString()).startsWith("/store/events/ticker.60/01-quote:1: error: the module would refuse this line"));
        assertThat(f).noneMatch(x -> x.where().contains("usr.check.heap/") && x.rule().equals("event.unknown"));
    }

    @Test
    void aCleanSeedSetupHasNoFindings() {
        EventTree seed = EventTree.fromFiles(Map.of(
                "/store/events/usr.check.heap/00-checkheap", "module check alert\n",
                "/store/events/server.v2.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n",
                "/store/events/server.v3.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n"));
        assertThat(linter.lint(seed, FirmwareVersion.parse("3.3.006-259-g1aa1daff1/ota_0/edge"))).isEmpty();
    }

    @Test
    void lintsAPlanBeforeItIsApplied() {
        Plan p = new Plan("t", List.of(
                new Step.WriteFile("/store/events/wifi.down/90-x", "event raise -d5000 usr.check.heap\n"),
                new Step.SetConfig("module", "debug.heap", "yes"),
                new Step.RaiseEvent("server.v3.stoped", 0)));
        List<Finding> f = linter.lint(p, Map.of("/store/events/wifi.down/90-x", FileState.ABSENT), Optional.empty());
        assertThat(f).extracting(Finding::rule).containsExactly("event.unknown", "config.ineffective", "event.unknown");
        assertThat(f.get(2).message()).contains("did you mean server.v3.stopped");
    }
}
