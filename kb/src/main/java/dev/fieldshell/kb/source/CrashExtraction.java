package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What importers need from crash parsing: the crashes in a text, their signatures, and a fingerprint
 * that recognizes the same crash when it is quoted in a later mail.
 */
final class CrashExtraction {
    private CrashExtraction() {}

    /** Crashes in {@code text}; never throws (a parser failure on odd text must not stop an import). */
    static List<CrashReport> crashes(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        try {
            return CrashParser.parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** Signatures of the crashes (readable and address signatures), in order, without duplicates. */
    static List<String> signatures(List<CrashReport> crashes) {
        Set<String> out = new LinkedHashSet<>();
        for (CrashReport c : crashes) {
            try {
                out.addAll(CrashSignatureBridge.signatures(c));
            } catch (RuntimeException e) {
                // a signature rule failing on odd frames must not lose the document
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Identifies a crash independent of how it was written: the backtrace addresses (or function
     * names when there are none) with the exception. Empty when the crash has no frames.
     */
    static String fingerprint(CrashReport c) {
        StringBuilder sb = new StringBuilder(c.exception()).append('|');
        int n = 0;
        for (Frame f : c.frames()) {
            if (n++ == 8) {
                break;
            }
            sb.append(f.address() != 0 ? Long.toHexString(f.address()) : f.function()).append(' ');
        }
        return n == 0 ? "" : sb.toString();
    }
}
