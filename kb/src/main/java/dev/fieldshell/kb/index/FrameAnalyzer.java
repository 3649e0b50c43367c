package dev.fieldshell.kb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Analyzes code-like text: stack frames, function names, addresses. A token is a run of letters,
 * digits, {@code _ : ~ . $}, so {@code mg_send}, {@code 0x4008dd5e}, {@code esp_crt_bundle.c} and
 * {@code OvmsConsole::Poll} stay whole; a C++ scoped name additionally yields its parts at the same
 * position ({@code ovmsconsole}, {@code poll}), so a query for the method alone still matches.
 * Argument lists and templates are separators, so {@code Poll(unsigned int, void*)} gives {@code poll}.
 */
public final class FrameAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        CharTokenizer source = CharTokenizer.fromTokenCharPredicate(FrameAnalyzer::isTokenChar);
        TokenStream stream = new ScopeSplitFilter(source);
        stream = new LowerCaseFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** Keeps phrase and span queries from matching across two crashes of one document. */
    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }

    static boolean isTokenChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '~' || c == '.' || c == '$';
    }
}
