package dev.fieldshell.kb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The terms one field value analyses to, in order, with their position increments: what Lucene's indexer would get
 * from the field's analyzer, computed ahead of time (on the parsing thread) so the indexer only inverts. Terms are
 * kept back to back in one char array.
 */
public final class AnalyzedText {
    static final AnalyzedText EMPTY = new AnalyzedText(new char[0], new int[0], null);

    private final char[] chars;
    /** End (exclusive) of term i in {@link #chars}; term i starts at the end of term i-1. */
    private final int[] ends;
    /** Position increment of each term; null when every increment is 1. */
    private final int[] posIncs;

    AnalyzedText(char[] chars, int[] ends, int[] posIncs) {
        this.chars = chars;
        this.ends = ends;
        this.posIncs = posIncs;
    }

    /** What {@code analyzer} makes of {@code text} for {@code field}. */
    public static AnalyzedText of(Analyzer analyzer, String field, String text) {
        Builder b = new Builder(text.length());
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                b.add(term.buffer(), 0, term.length(), inc.getPositionIncrement());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not throw
        }
        return b.build();
    }

    public int size() {
        return ends.length;
    }

    public String term(int i) {
        int start = i == 0 ? 0 : ends[i - 1];
        return new String(chars, start, ends[i] - start);
    }

    public int positionIncrement(int i) {
        return posIncs == null ? 1 : posIncs[i];
    }

    char[] chars() {
        return chars;
    }

    int[] ends() {
        return ends;
    }

    /** "term" or "term/increment" when the increment is not 1, for test messages. */
    public List<String> describe() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(positionIncrement(i) == 1 ? term(i) : term(i) + "/" + positionIncrement(i));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AnalyzedText t) || t.size() != size()) {
            return false;
        }
        int n = size() == 0 ? 0 : ends[size() - 1];
        return Arrays.equals(chars, 0, n, t.chars, 0, n) && Arrays.equals(ends, t.ends) && describe().equals(t.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    /** Collects terms one by one. */
    static final class Builder {
        private char[] chars;
        private int length;
        private int[] ends = new int[16];
        private int[] posIncs;
        private int count;

        Builder(int expectedChars) {
            chars = new char[Math.max(16, expectedChars)];
        }

        void add(char[] buf, int off, int len, int posInc) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
            }
            System.arraycopy(buf, off, chars, length, len);
            length += len;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                if (posIncs != null) {
                    posIncs = Arrays.copyOf(posIncs, count * 2);
                }
            }
            if (posInc != 1 && posIncs == null) {
                posIncs = new int[ends.length];
                Arrays.fill(posIncs, 0, count, 1);
            }
            if (posIncs != null) {
                posIncs[count] = posInc;
            }
            ends[count++] = length;
        }

        int lengthSoFar() {
            return length;
        }

        AnalyzedText build() {
            if (count == 0) {
                return EMPTY;
            }
            return new AnalyzedText(Arrays.copyOf(chars, length), Arrays.copyOf(ends, count),
                    posIncs == null ? null : Arrays.copyOf(posIncs, count));
        }
    }
}
