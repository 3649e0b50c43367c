package dev.fieldshell.kb.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Trims sentence punctuation ({@code .} and {@code :}) from the ends of a code token and, for a
 * C++ scoped name {@code A::B::c}, emits the whole name followed by its non-empty parts stacked at
 * the same position (position increment 0), the way synonyms are stacked.
 */
final class ScopeSplitFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pendingParts = new ArrayDeque<>();
    private State saved;

    ScopeSplitFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pendingParts.isEmpty()) {
            restoreState(saved);
            term.setEmpty().append(pendingParts.removeFirst());
            posInc.setPositionIncrement(0);
            return true;
        }
        while (input.incrementToken()) {
            String trimmed = trim(term);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() != term.length()) {
                term.setEmpty().append(trimmed);
            }
            if (trimmed.contains("::")) {
                for (String part : trimmed.split("::")) {
                    if (!part.isEmpty()) {
                        pendingParts.addLast(part);
                    }
                }
                saved = captureState();
            }
            return true;
        }
        return false;
    }

    private static String trim(CharSequence s) {
        int start = 0;
        int end = s.length();
        while (start < end && isEdgePunct(s.charAt(start))) {
            start++;
        }
        while (end > start && isEdgePunct(s.charAt(end - 1))) {
            end--;
        }
        return s.subSequence(start, end).toString();
    }

    private static boolean isEdgePunct(char c) {
        return c == '.' || c == ':';
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pendingParts.clear();
        saved = null;
    }
}
