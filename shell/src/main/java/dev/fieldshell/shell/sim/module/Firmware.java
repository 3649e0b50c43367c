package dev.fieldshell.shell.sim.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated firmware: its version string and which console features it has. The feature
 * table (feature → first version) is the data file {@code firmware-features.properties} (reference §10).
 */
public record Firmware(String version, int major, int minor, int patch, int build) {

    public static final String DEFAULT_VERSION = "3.3.006-259-g1aa1daff1/ota_0/edge";
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)(?:-(\\d+))?.*");
    private static final Properties FEATURES = load();

    /** Parses an OVMS version string such as {@code 3.3.005-723-gabc/ota_1/edge} or {@code 3.3.005}. */
    public static Firmware parse(String version) {
        Matcher m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an OVMS firmware version (expected like 3.3.006-259-g1aa1daff1/ota_0/edge): " + version);
        }
        return new Firmware(version.strip(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    }

    /** Whether this firmware has a feature named in the feature table. */
    public boolean has(String feature) {
        String since = FEATURES.getProperty(feature);
        if (since == null) {
            throw new IllegalArgumentException("unknown firmware feature " + feature);
        }
        return compareTo(parse(since)) >= 0;
    }

    private int compareTo(Firmware o) {
        int[] a = {major, minor, patch, build};
        int[] b = {o.major, o.minor, o.patch, o.build};
        for (int i = 0; i < 4; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Firmware.class.getResourceAsStream("/dev/fieldshell/shell/sim/firmware-features.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
