package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.suggest.SuggestResult;
import dev.fieldshell.kb.suggest.SuggestSession;
import dev.fieldshell.kb.suggest.Suggestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks the KB's suggester which known causes allocate like a chain (its resolved frames, innermost first). */
public final class KbChainMatcher implements ChainMatcher {
    private final SuggestSession session;
    private final int top;

    public KbChainMatcher(SuggestSession session, int top) {
        this.session = session;
        this.top = top;
    }

    @Override
    public List<KbMatch> matches(ChainReport chain) {
        List<Frame> named = chain.frames().stream().filter(Frame::hasFunction).toList();
        if (named.isEmpty()) {
            return List.of();
        }
        SuggestResult r;
        try {
            r = session.suggestChain(chain.frames(), top);
        } catch (IOException e) {
            throw new UncheckedIOException("KB search failed: " + e.getMessage(), e);
        }
        Map<String, KbMatch> out = new LinkedHashMap<>();
        for (Suggestion s : r.suggestions()) {
            for (Suggestion.DocumentRef d : s.documents()) {
                out.putIfAbsent(d.id(), new KbMatch(d.id(), d.title(), d.url(), s.score()));
            }
        }
        return new ArrayList<>(out.values()).subList(0, Math.min(out.size(), top));
    }
}
