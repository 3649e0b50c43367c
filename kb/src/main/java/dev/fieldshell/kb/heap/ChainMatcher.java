package dev.fieldshell.kb.heap;

import java.util.List;

/** Finds knowledge-base documents for a chain; {@link #NONE} when no KB is at hand. */
@FunctionalInterface
public interface ChainMatcher {
    List<KbMatch> matches(ChainReport chain);

    ChainMatcher NONE = c -> List.of();
}
