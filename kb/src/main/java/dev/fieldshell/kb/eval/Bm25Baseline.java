package dev.fieldshell.kb.eval;

import dev.fieldshell.kb.index.KbHit;
import dev.fieldshell.kb.index.KbSchema;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * The yardstick: Lucene's BM25 over the raw query text, every distinct word a SHOULD clause on the
 * title and text fields, no structure, no grouping (each document is its own answer).
 */
public final class Bm25Baseline {
    /** Lucene's default clause limit leaves room for the two fields of this many words. */
    private static final int MAX_WORDS = 500;

    private Bm25Baseline() {}

    public static List<String> rank(KnowledgeBase kb, String queryText, int top) throws IOException {
        Analyzer analyzer = kb.analyzer();
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(KbSchema.TEXT, new StringReader(queryText))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && words.size() < MAX_WORDS) {
                words.add(term.toString());
            }
            ts.end();
        }
        if (words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String w : words) {
            b.add(new TermQuery(new Term(KbSchema.TEXT, w)), BooleanClause.Occur.SHOULD);
            b.add(new TermQuery(new Term(KbSchema.TITLE, w)), BooleanClause.Occur.SHOULD);
        }
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 2 * MAX_WORDS + 10));
        List<String> ids = new ArrayList<>();
        for (KbHit h : kb.search(b.build(), top)) {
            ids.add(h.id());
        }
        return ids;
    }
}
