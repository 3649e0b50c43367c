package dev.fieldshell.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = CrashSpotter.class.getResourceAsStream("crash-markers.txt")) {
            if (in == null) {
                throw new IllegalStateException("crash-markers.txt missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads markers: {@code label<TAB>regex} per line; {@code #} comments and blank lines skipped. */
    static CrashSpotter parse(String text) {
        List<Marker> list = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalArgumentException("crash-markers.txt:" + no + ": expected label<TAB>regex");
                }
                list.add(new Marker(line.substring(0, tab), Pattern.compile(line.substring(tab + 1).strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
