package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.sim.SimulatedModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's feature table (what lint and plan rendering believe) and the simulator's (what it
 * answers) are kept apart on purpose: the simulator models a module, and the client is tested against
 * it. Both come from reference §10, so for every feature that is a command, a simulator of the version
 * just before it must not know the command, and one of that version must.
 */
class FeatureTableSimulatorCrossCheckTest {

    /** Commands the simulator does not model (none now; {@code run} is modelled as far as the reference goes). */
    private static final java.util.Set<String> NOT_SIMULATED = java.util.Set.of();

    @Test
    void everyCommandFeatureAppearsInTheSimulatorAtTheSameVersion() throws Exception {
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (Feature f : FeatureTable.bundled().features()) {
            if (f.command().isEmpty()) {
                continue;
            }
            String command = String.join(" ", f.command());
            if (NOT_SIMULATED.contains(f.id())) {
                if (known(f.since().raw(), command)) {
                    disagreements.add(f.id() + ": the simulator has '" + command + "' now: take it off NOT_SIMULATED");
                }
                continue;
            }
            String before = justBefore(f.since());
            if (before != null && known(before, command)) {
                disagreements.add(f.id() + ": the simulator at " + before + " already has '" + command + "'");
            }
            if (!known(f.since().raw(), command)) {
                disagreements.add(f.id() + ": the simulator at " + f.since().raw() + " lacks '" + command + "'");
            }
            checked++;
        }
        assertThat(checked).as("features with a command").isGreaterThanOrEqualTo(5);
        assertThat(disagreements).isEmpty();
    }

    /** The latest version before {@code v}: one edge commit earlier, or the previous release's far edge. */
    private static String justBefore(FirmwareVersion v) {
        if (v.commits() > 0) {
            return v.major() + "." + v.minor() + "." + String.format("%03d", v.patch()) + "-" + (v.commits() - 1);
        }
        if (v.patch() == 0) {
            return null;
        }
        return v.major() + "." + v.minor() + "." + String.format("%03d", v.patch() - 1) + "-9999";
    }

    /**
     * Whether the module runs {@code command}: an unknown last word is "Unrecognised command", or, under a
     * leaf that takes no more arguments ({@code module check alert} on 3.3.005), the leaf's usage line.
     */
    private static boolean known(String firmware, String command) throws Exception {
        String parent = command.contains(" ") ? command.substring(0, command.lastIndexOf(' ')) : null;
        try (SimulatedModule m = SimulatedModule.builder().firmware(firmware).build().start()) {
            String out = m.link().run(command).output();
            return !out.contains("Unrecognised command") && (parent == null || !out.startsWith("Usage: " + parent + " \n"));
        }
    }
}
