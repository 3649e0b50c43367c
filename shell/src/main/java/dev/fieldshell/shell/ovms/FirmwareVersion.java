package dev.fieldshell.shell.ovms;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OVMS firmware version as the banner prints it: {@code 3.3.006-259-g1aa1daff1/ota_0/edge} is
 * release 3.3.006 plus 259 edge commits. Edge builds carry features before the release that
 * introduces them (e.g. {@code run} in 3.3.005-723), so the commit count takes part in comparisons.
 * A build from a tree with local changes ends its {@code git describe} in {@code -dirty}
 * ({@code 3.3.004-321-gbb821cfc-dirty/ota_0/main}, crash-formats reference §5).
 */
public record FirmwareVersion(int major, int minor, int patch, int commits, String raw) implements Comparable<FirmwareVersion> {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-(\\d+))?(?:-g[0-9a-f]+)?(?:-dirty)?(?:[/ ].*)?");
    private static final Comparator<FirmwareVersion> ORDER = Comparator.comparingInt(FirmwareVersion::major)
            .thenComparingInt(FirmwareVersion::minor)
            .thenComparingInt(FirmwareVersion::patch)
            .thenComparingInt(FirmwareVersion::commits);

    /** Parses a banner, {@code ota status} or table version; empty when the text holds no version. */
    public static Optional<FirmwareVersion> parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("Firmware:")) {
            t = t.substring("Firmware:".length()).strip();
        }
        Matcher m = VERSION.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FirmwareVersion(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse} for texts that must hold a version (data files). */
    public static FirmwareVersion of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a firmware version: '" + text + "'"));
    }

    public boolean atLeast(FirmwareVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(FirmwareVersion o) {
        return ORDER.compare(this, o);
    }

    /** The short form, {@code 3.3.006} or {@code 3.3.005-723}. */
    public String release() {
        String base = String.format("%d.%d.%03d", major, minor, patch);
        return commits == 0 ? base : base + "-" + commits;
    }

    @Override
    public String toString() {
        return raw.isEmpty() ? release() : raw;
    }
}
