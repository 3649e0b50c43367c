package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import java.util.ArrayList;
import java.util.List;

/** The crash signature as the signature package computes it. */
final class CrashSignatureBridge {
    private CrashSignatureBridge() {}

    static String signature(CrashReport c) {
        // Until the signature package lands: exception plus the first three named frames.
        List<String> parts = new ArrayList<>();
        if (!c.exception().isEmpty()) {
            parts.add(c.exception());
        }
        int n = 0;
        for (Frame f : c.frames()) {
            if (f.hasFunction() && n++ < 3) {
                parts.add(f.function().replaceAll("\\(.*$", ""));
            }
        }
        return String.join(" | ", parts);
    }
}
