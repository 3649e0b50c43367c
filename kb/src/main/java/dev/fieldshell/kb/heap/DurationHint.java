package dev.fieldshell.kb.heap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A window length written into a file name, as in seed 003's {@code window_90s.json} / {@code window_600s.json}. */
final class DurationHint {
    private static final Pattern IN_NAME =
            Pattern.compile("(?<![0-9a-z.])(\\d+(?:\\.\\d+)?)(s|sec|secs|m|min|mins|h)(?![a-z])");

    private DurationHint() {}

    /** Seconds named in the file name, or NaN. */
    static double fromFileName(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        Matcher m = IN_NAME.matcher(base.replace('_', ' ').replace('-', ' '));
        double found = Double.NaN;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            found = switch (m.group(2)) {
                case "m", "min", "mins" -> v * 60;
                case "h" -> v * 3600;
                default -> v;
            };
        }
        return found;
    }
}
