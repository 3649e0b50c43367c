package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.sim.SimulatedModule;
import dev.fieldshell.shell.sim.module.Firmware;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one firmware feature table (reference §10): how a maintainer's row reads, and what it decides.
 * Lint, plan rendering, macros and the simulator all read it, so a row's command words must be the
 * words the simulated module starts or stops knowing at that version.
 */
class FeatureTableTest {

    @Test
    void readsRowsAndNamesTheLineOfABadOne() {
        FeatureTable t = FeatureTable.parse("# comment\n\nvfs.echo\t3.3.006\tvfs echo\twrites a file\nowner\t3.3.006\t-\tnot a command\n", "t.tsv");
        assertThat(t.features()).extracting(Feature::id).containsExactly("vfs.echo", "owner");
        assertThat(t.feature("vfs.echo")).map(Feature::command).hasValue(List.of("vfs", "echo"));
        assertThat(t.feature("owner")).map(Feature::command).hasValue(List.of());
        assertThat(t.missingFor(FirmwareVersion.of("3.3.005"), List.of("vfs", "echo", "x", "/store/f"))).map(Feature::id).hasValue("vfs.echo");
        assertThat(t.missingFor(FirmwareVersion.of("3.3.006"), List.of("vfs", "echo", "x", "/store/f"))).isEmpty();
        assertThatThrownBy(() -> FeatureTable.parse("a\t3.3.006\t-\tok\nb\tsoon\t-\tno version\n", "t.tsv"))
                .hasMessage("t.tsv:2: bad version 'soon'");
        assertThatThrownBy(() -> FeatureTable.parse("a\t3.3.006\t-\n", "t.tsv")).hasMessage("t.tsv:1: expected 4 tab-separated fields, found 3");
        assertThatThrownBy(() -> t.has(FirmwareVersion.of("3.3.006"), "vfs.ehco")).hasMessageContaining("no feature 'vfs.ehco'");
    }

    @Test
    void aDirtyBuildIsItsRelease() {
        // git describe of a tree with local changes (crash-formats reference §5)
        FirmwareVersion v = FirmwareVersion.of("3.3.004-321-gbb821cfc-dirty/ota_0/main");
        assertThat(v.release()).isEqualTo("3.3.004-321");
        assertThat(FeatureTable.bundled().has(v, FeatureTable.VFS_ECHO)).isFalse();
        assertThat(Firmware.parse("3.3.004-321-gbb821cfc-dirty/ota_0/main").has(FeatureTable.VFS_ECHO)).isFalse();
    }

    /** Commands the simulator does not model (none now; {@code run} is modelled as far as the reference goes). */
    private static final Set<String> NOT_SIMULATED = Set.of();

    @Test
    void aSimulatedModuleKnowsACommandFromItsRowsVersionOn() throws Exception {
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
