package dev.fieldshell.shell.ovms;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event names a module really signals, from the data file {@code event-names.txt}. Any name is
 * accepted by {@code event raise} and by a directory under {@code /store/events}, so a typo simply
 * never fires; this class tells a known name from an unknown one and suggests the near misses.
 */
public final class EventNames {

    private static final Pattern CLOCK_HHMM = Pattern.compile("clock\\.([01]\\d|2[0-3])[0-5]\\d");
    private static final Pattern CLOCK_DAY = Pattern.compile("clock\\.day[0-7]");

    private static volatile EventNames bundled;

    /** name → firmware version that added it (empty when it is old). */
    private final Map<String, Optional<FirmwareVersion>> exact;
    private final List<String> families;

    private EventNames(Map<String, Optional<FirmwareVersion>> exact, List<String> families) {
        this.exact = exact;
        this.families = families;
    }

    public static EventNames bundled() {
        EventNames e = bundled;
        if (e == null) {
            e = read(DataFile.bundled(EventNames.class, "event-names.txt"));
            bundled = e;
        }
        return e;
    }

    /** One name a line, {@code name.*} for a family; a {@code # since V} comment behind a name says which firmware added it. */
    private static EventNames read(DataFile file) {
        Map<String, Optional<FirmwareVersion>> exact = new LinkedHashMap<>();
        List<String> families = new ArrayList<>();
        for (DataFile.Line entry : file.lines()) {
            String line = entry.text();
            Optional<FirmwareVersion> since = Optional.empty();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                String comment = line.substring(hash + 1).strip();
                if (comment.startsWith("since ")) {
                    since = FirmwareVersion.parse(comment.substring(6));
                }
                line = line.substring(0, hash).strip();
            }
            if (line.endsWith(".*")) {
                families.add(line.substring(0, line.length() - 1));
            } else {
                exact.put(line, since);
            }
        }
        return new EventNames(exact, families);
    }

    /** What is known about one event name. */
    public sealed interface Verdict {
        /** A name the firmware signals; {@code since} when only newer firmware has it. */
        record Known(String name, Optional<FirmwareVersion> since) implements Verdict {}

        /** A name in an open family ({@code usr.*}, {@code notify.*}, {@code vehicle.*}): accepted, not checked. */
        record Family(String name, String family) implements Verdict {}

        /** A name no firmware signals; {@code suggestions} are the nearest real names, best first. */
        record Unknown(String name, List<String> suggestions) implements Verdict {}
    }

    public Verdict check(String name) {
        if (exact.containsKey(name) && !name.equals("clock.HHMM") && !name.equals("clock.dayN")) {
            return new Verdict.Known(name, exact.get(name));
        }
        if (CLOCK_HHMM.matcher(name).matches() || CLOCK_DAY.matcher(name).matches()) {
            return new Verdict.Known(name, Optional.empty());
        }
        for (String f : families) {
            if (name.startsWith(f) && name.length() > f.length()) {
                return new Verdict.Family(name, f + "*");
            }
        }
        return new Verdict.Unknown(name, suggestions(name));
    }

    /**
     * Nearest real names: those that end with the given name as whole dot-separated parts
     * ({@code wifi.down} → {@code network.wifi.down}, {@code system.wifi.down}), then those within a
     * small edit distance.
     */
    public List<String> suggestions(String name) {
        record Scored(String name, int score) {}
        List<Scored> scored = new ArrayList<>();
        int limit = Math.max(2, name.length() / 5);
        for (String known : exact.keySet()) {
            if (known.equals("clock.HHMM") || known.equals("clock.dayN")) {
                continue;
            }
            if (known.endsWith("." + name)) {
                scored.add(new Scored(known, 0));
                continue;
            }
            int d = distance(name, known);
            if (d <= limit) {
                scored.add(new Scored(known, d));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(3)
                .map(Scored::name)
                .toList();
    }

    public List<String> names() {
        return List.copyOf(exact.keySet());
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
