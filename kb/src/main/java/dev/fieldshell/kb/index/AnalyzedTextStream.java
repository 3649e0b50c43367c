package dev.fieldshell.kb.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Replays an {@link AnalyzedText} to Lucene's indexer; reused for the next value of the same field (see {@link PreAnalyzedField}). */
final class AnalyzedTextStream extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private AnalyzedText text = AnalyzedText.EMPTY;
    private int next;

    AnalyzedTextStream setText(AnalyzedText t) {
        text = t;
        next = 0;
        return this;
    }

    @Override
    public boolean incrementToken() {
        if (next >= text.size()) {
            return false;
        }
        clearAttributes();
        int[] ends = text.ends();
        int start = next == 0 ? 0 : ends[next - 1];
        term.copyBuffer(text.chars(), start, ends[next] - start);
        posInc.setPositionIncrement(text.positionIncrement(next));
        next++;
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
