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
    /** Compiled once: {@code String.split("::")} compiles its pattern on every call, here once per scoped token. */
    private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile("::");
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
            // trimmed in place: no String per token unless it is a scoped name
            char[] buf = term.buffer();
            int start = 0;
            int end = term.length();
            while (start < end && isEdgePunct(buf[start])) {
                start++;
            }
            while (end > start && isEdgePunct(buf[end - 1])) {
                end--;
            }
            if (start == end) {
                continue;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
            }
            term.setLength(end - start);
            if (hasScope(buf, end - start)) {
                String trimmed = term.toString();
                for (String part : SCOPE.split(trimmed)) {
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

    private static boolean hasScope(char[] buf, int length) {
        for (int i = 1; i < length; i++) {
            if (buf[i] == ':' && buf[i - 1] == ':') {
                return true;
            }
        }
        return false;
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
