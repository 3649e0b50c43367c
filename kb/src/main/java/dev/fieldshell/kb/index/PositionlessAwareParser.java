package dev.fieldshell.kb.index;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Lucene query syntax over {@link KbSchema}, where a phrase ({@code "mg_send mg_mgr_poll"}) on a field
 * indexed without positions ({@link KbSchema#positionless}) asks for all of its terms instead: Lucene would
 * otherwise fail the whole search on that field. Prose fields keep real phrase matching.
 */
final class PositionlessAwareParser extends MultiFieldQueryParser {
    PositionlessAwareParser(String[] fields, Analyzer analyzer) {
        super(fields, analyzer);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        return allTermsIfPositionless(field, super.getFieldQuery(field, queryText, slop));
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        return allTermsIfPositionless(field, super.getFieldQuery(field, queryText, quoted));
    }

    /** Rewrites phrase queries on positionless fields, recursing into the per-field clauses of a multi-field query. */
    private static Query allTermsIfPositionless(String field, Query q) {
        if (q instanceof BooleanQuery bq && field == null) {
            BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
            for (BooleanClause c : bq.clauses()) {
                b.add(rewritePhrase(c.query()), c.occur());
            }
            return b.build();
        }
        return rewritePhrase(q);
    }

    private static Query rewritePhrase(Query q) {
        if (q instanceof PhraseQuery pq && pq.getTerms().length > 0 && KbSchema.positionless(pq.getField())) {
            return allOf(List.of(pq.getTerms()));
        }
        if (q instanceof MultiPhraseQuery mpq && mpq.getTermArrays().length > 0 && KbSchema.positionless(mpq.getTermArrays()[0][0].field())) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (Term[] alternatives : mpq.getTermArrays()) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (Term t : alternatives) {
                    any.add(new TermQuery(t), BooleanClause.Occur.SHOULD);
                }
                all.add(any.build(), BooleanClause.Occur.MUST);
            }
            return all.build();
        }
        return q;
    }

    private static Query allOf(List<Term> terms) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Term t : terms) {
            b.add(new TermQuery(t), BooleanClause.Occur.MUST);
        }
        return b.build();
    }
}
