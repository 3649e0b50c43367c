package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashParser;
import java.util.List;

/** The crash parser, frame rules, signatures and explanations fieldshell ships, wired for suggestions. */
public final class StandardAnalysis {
    private StandardAnalysis() {}

    public static SuggestSession.Analysis get() {
        return new SuggestSession.Analysis(CrashParser::parse, FrameFilter.NONE, c -> "", c -> List.of());
    }
}
