package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints of the crashes in quoted mail text, remembered by the exact text: the replies of a thread
 * quote the same backtrace again and again, and parsing it is the costliest step of a mail import. The key
 * is the whole quoted text, so a hit gives exactly what parsing would; only the fingerprints are kept (a
 * quoted crash is linked to its origin, not stored again). Bounded in entries and key length.
 */
final class QuotedCrashes {
    private static final int MAX_ENTRIES = 512;
    private static final int MAX_KEY_CHARS = 32 * 1024;

    private final Map<String, List<String>> byText = new LinkedHashMap<>(MAX_ENTRIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    List<String> fingerprints(String quoted) {
        if (quoted.isBlank()) {
            return List.of();
        }
        List<String> known = byText.get(quoted);
        if (known != null) {
            return known;
        }
        List<String> out = new ArrayList<>();
        for (CrashReport c : CrashExtraction.crashes(quoted)) {
            out.add(CrashExtraction.fingerprint(c));
        }
        List<String> result = List.copyOf(out);
        if (quoted.length() <= MAX_KEY_CHARS) {
            byText.put(quoted, result);
        }
        return result;
    }
}
