package dev.fieldshell.shell.repl;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognizes crash text (a backtrace, a Guru Meditation, an abort, a heap corruption alert, a
 * {@code boot status} "Last crash:" block) in module output or pasted text. The markers are data:
 * {@code crash-markers.txt} next to this class.
 */
public final class CrashSpotter {

    /** A crash seen in some text: which marker matched and the text to hand to {@code :kb suggest}. */
    public record Sighting(String label, String text) {}

    private record Marker(String label, Pattern pattern) {}

    private final List<Marker> markers;

    private CrashSpotter(List<Marker> markers) {
        this.markers = List.copyOf(markers);
    }

    /** The spotter with the bundled markers. */
    public static CrashSpotter bundled() {
        return read(DataFile.bundled(CrashSpotter.class, "crash-markers.txt"));
    }

    /** Reads markers: {@code label<TAB>regex} per line; {@code #} comments and blank lines skipped. */
    private static CrashSpotter read(DataFile file) {
        List<Marker> list = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            int tab = line.text().indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException(line.where() + ": expected label<TAB>regex");
            }
            list.add(new Marker(line.text().substring(0, tab), Pattern.compile(line.text().substring(tab + 1).strip())));
        }
        return new CrashSpotter(list);
    }

    /** The first crash marker found in {@code text}, with the text itself as the crash text. */
    public Optional<Sighting> spot(String text) {
        for (Marker m : markers) {
            if (m.pattern().matcher(text).find()) {
                return Optional.of(new Sighting(m.label(), text));
            }
        }
        return Optional.empty();
    }
}
