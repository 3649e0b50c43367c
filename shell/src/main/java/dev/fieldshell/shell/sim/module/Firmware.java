package dev.fieldshell.shell.sim.module;

import dev.fieldshell.shell.ovms.FeatureTable;
import dev.fieldshell.shell.ovms.FirmwareVersion;

/**
 * The simulated firmware: the version string its banner prints, and which console features it has.
 * Those come from the one firmware feature table ({@link FeatureTable}, reference §10) that lint,
 * plan rendering and macros read too, so the simulator answers as the client expects that version to.
 */
public record Firmware(String version, FirmwareVersion release) {

    public static final String DEFAULT_VERSION = "3.3.006-259-g1aa1daff1/ota_0/edge";

    /** Parses an OVMS version string such as {@code 3.3.005-723-gabc/ota_1/edge} or {@code 3.3.005}. */
    public static Firmware parse(String version) {
        FirmwareVersion v = FirmwareVersion.parse(version).orElseThrow(() -> new IllegalArgumentException(
                "not an OVMS firmware version (expected like 3.3.006-259-g1aa1daff1/ota_0/edge): " + version));
        return new Firmware(version.strip(), v);
    }

    /** Whether this firmware has a feature of the table; an unknown id is an error in the simulator's code. */
    public boolean has(String feature) {
        return FeatureTable.bundled().has(release, feature);
    }
}
