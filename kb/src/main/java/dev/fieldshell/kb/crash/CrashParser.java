package dev.fieldshell.kb.crash;

import java.util.List;

/**
 * Reads every crash in a text: panics, boot-status blocks, DebugCrash records, heap alerts, decoded
 * backtraces. Pure; never throws on any input; linear in the input's length.
 */
public final class CrashParser {
    private CrashParser() {}

    /** All crashes found in {@code text}, in order of appearance; empty when there is none. */
    public static List<CrashReport> parse(String text) {
        return List.of(); // implemented in issue 5
    }
}
