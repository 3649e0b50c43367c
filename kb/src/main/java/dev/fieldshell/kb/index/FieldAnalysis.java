package dev.fieldshell.kb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * One pass over a text that yields the terms of both its prose fields ({@link ProseAnalyzer}) and its code field
 * ({@link FrameAnalyzer}), exactly as those analyzers would, without running Lucene's token stream machinery twice.
 *
 * <p>The text is cut at ASCII white space, which both analyzers always break at and never put in a term. A piece
 * made of ASCII only (nearly all of a crash archive) and no longer than the analyzers' 255-character term limit is
 * tokenized here: Unicode word-break rules (UAX #29) restricted to ASCII, and lower-cased, for prose; runs of
 * letters, digits and {@code _ : ~ . $}, edge {@code .}/{@code :} trimmed and C++ scopes split, for code. Any other
 * piece (accents, CJK, emoji, very long runs) is handed to the analyzers themselves, piece by piece.
 * {@code FieldAnalysisTest} checks the result against the analyzers on the evaluation corpus and on generated text.
 */
public final class FieldAnalysis {
    private static final Analyzer PROSE = new ProseAnalyzer();
    private static final Analyzer CODE = new FrameAnalyzer();
    /** Both analyzers' longest term; a longer run is split by them, which is left to them. */
    private static final int MAX_PIECE = 255;

    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    /** UAX #29 ExtendNumLet: joins letters and digits on both sides. */
    private static final byte UNDERSCORE = 4;
    /** Between two letters, does not break a prose word (MidLetter, MidNumLet, Single_Quote). */
    private static final byte MID_LETTER = 8;
    /** Between two digits, does not break a prose word (MidNum, MidNumLet, Single_Quote). */
    private static final byte MID_NUMBER = 16;
    /** Part of a code token. */
    private static final byte CODE_CHAR = 32;
    private static final byte SPACE = 64;
    private static final byte[] CLASS = classes();

    private static byte[] classes() {
        byte[] c = new byte[128];
        for (int ch = 'a'; ch <= 'z'; ch++) {
            c[ch] = LETTER | CODE_CHAR;
            c[ch - 32] = LETTER | CODE_CHAR;
        }
        for (int ch = '0'; ch <= '9'; ch++) {
            c[ch] = DIGIT | CODE_CHAR;
        }
        c['_'] = UNDERSCORE | CODE_CHAR;
        c[':'] = MID_LETTER | CODE_CHAR;
        c['.'] = MID_LETTER | MID_NUMBER | CODE_CHAR;
        c['\''] = MID_LETTER | MID_NUMBER;
        c[','] = MID_NUMBER;
        c[';'] = MID_NUMBER;
        c['~'] = CODE_CHAR;
        c['$'] = CODE_CHAR;
        for (char ch : new char[] {' ', '\t', '\n', '\r', '\f', 0x0B}) {
            c[ch] = SPACE;
        }
        return c;
    }

    /** The prose and code terms of one text. */
    public record Terms(AnalyzedText prose, AnalyzedText code) {}

    private FieldAnalysis() {}

    /** What {@link ProseAnalyzer} and {@link FrameAnalyzer} make of {@code text}. */
    public static Terms both(String text) {
        AnalyzedText.Builder prose = new AnalyzedText.Builder(text.length());
        AnalyzedText.Builder code = new AnalyzedText.Builder(text.length() + 16);
        if (!scan(text, prose, code)) {
            return new Terms(AnalyzedText.of(PROSE, "", text), AnalyzedText.of(CODE, "", text));
        }
        return new Terms(prose.build(), code.build());
    }

    /** What {@link ProseAnalyzer} makes of {@code text}. */
    public static AnalyzedText prose(String text) {
        AnalyzedText.Builder prose = new AnalyzedText.Builder(text.length());
        return scan(text, prose, null) ? prose.build() : AnalyzedText.of(PROSE, "", text);
    }

    /** What {@link FrameAnalyzer} makes of {@code text}. */
    public static AnalyzedText code(String text) {
        AnalyzedText.Builder code = new AnalyzedText.Builder(text.length() + 16);
        return scan(text, null, code) ? code.build() : AnalyzedText.of(CODE, "", text);
    }

    /**
     * Adds the terms of {@code s} to the builders given; false (builders to be dropped) when the text has an unpaired
     * surrogate, which the analyzers read differently at the end of a piece than inside a longer text.
     */
    private static boolean scan(String s, AnalyzedText.Builder prose, AnalyzedText.Builder code) {
        int n = s.length();
        char[] buf = new char[MAX_PIECE];
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 128 && CLASS[c] == SPACE) {
                i++;
                continue;
            }
            int start = i;
            boolean ascii = true;
            while (i < n) {
                c = s.charAt(i);
                if (c >= 128) {
                    ascii = false;
                    if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        return false;
                    }
                } else if (CLASS[c] == SPACE) {
                    break;
                }
                i++;
            }
            if (ascii && i - start <= MAX_PIECE) {
                s.getChars(start, i, buf, 0);
                lowerCase(buf, 0, i - start); // both analyzers lower-case every term; no class below depends on case
                if (prose != null) {
                    prosePiece(buf, i - start, prose);
                }
                if (code != null) {
                    codePiece(buf, i - start, code);
                }
            } else {
                String piece = s.substring(start, i);
                if (prose != null) {
                    analyze(PROSE, piece, prose);
                }
                if (code != null) {
                    analyze(CODE, piece, code);
                }
            }
        }
        return true;
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** UAX #29 word boundaries on (lower-cased) ASCII, as Lucene's StandardTokenizer applies them. */
    private static void prosePiece(char[] p, int n, AnalyzedText.Builder out) {
        int i = 0;
        while (i < n) {
            byte cls = CLASS[p[i]];
            if ((cls & (LETTER | DIGIT | UNDERSCORE)) == 0) {
                i++;
                continue;
            }
            int start = i;
            boolean wordChar = false;
            byte prev = 0;
            while (i < n) {
                cls = CLASS[p[i]];
                if ((cls & (LETTER | DIGIT | UNDERSCORE)) != 0) {
                    wordChar |= (cls & (LETTER | DIGIT)) != 0;
                    prev = (byte) (cls & (LETTER | DIGIT | UNDERSCORE));
                    i++;
                } else if (i + 1 < n && prev != UNDERSCORE && (cls & (prev == LETTER ? MID_LETTER : MID_NUMBER)) != 0
                        && (CLASS[p[i + 1]] & (LETTER | DIGIT | UNDERSCORE)) == prev) {
                    i += 2; // letter mid letter, digit mid digit: one word
                } else {
                    break;
                }
            }
            if (wordChar) { // a run of underscores alone is no word
                out.add(p, start, i - start, 1);
            }
        }
    }

    /** Code tokens: runs of code characters, edge punctuation trimmed, scoped names followed by their parts. */
    private static void codePiece(char[] p, int n, AnalyzedText.Builder out) {
        int i = 0;
        while (i < n) {
            if ((CLASS[p[i]] & CODE_CHAR) == 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (CLASS[p[i]] & CODE_CHAR) != 0) {
                i++;
            }
            int end = i;
            while (start < end && (p[start] == '.' || p[start] == ':')) {
                start++;
            }
            while (end > start && (p[end - 1] == '.' || p[end - 1] == ':')) {
                end--;
            }
            if (start == end) {
                continue;
            }
            out.add(p, start, end - start, 1);
            if (hasScope(p, start, end)) {
                // as ScopeSplitFilter: the whole name, then its non-empty parts at the same position
                for (String part : new String(p, start, end - start).split("::")) {
                    if (!part.isEmpty()) {
                        out.add(part.toCharArray(), 0, part.length(), 0);
                    }
                }
            }
        }
    }

    private static boolean hasScope(char[] p, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (p[i] == ':' && p[i - 1] == ':') {
                return true;
            }
        }
        return false;
    }

    private static void lowerCase(char[] p, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = p[i];
            if (c >= 'A' && c <= 'Z') {
                p[i] = (char) (c + 32);
            }
        }
    }

    private static void analyze(Analyzer analyzer, String piece, AnalyzedText.Builder out) {
        try (TokenStream ts = analyzer.tokenStream("", piece)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.buffer(), 0, term.length(), inc.getPositionIncrement());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string does not throw
        }
    }
}
