package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KbHit;
import dev.fieldshell.kb.index.KbSchema;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Crash → likely causes, over a {@link KnowledgeBase}. The Lucene edge: builds one candidate query
 * (exact signature, top frames, position-weighted frame terms in backtraces and in text, exception,
 * build, the words around the crash), reads the rarity of each query word, pulls in the rest of
 * each candidate thread, and hands everything to the pure {@link Suggestions#rank}.
 */
public final class Suggester {

    /** Candidates read per query; reranking looks at all of them. */
    static final int CANDIDATES = 60;
    /** Threads of this many best candidates are read whole (a reply may hold the diagnosis). */
    static final int EXPAND_THREADS = 12;
    static final int THREAD_LIMIT = 40;

    private final KnowledgeBase kb;
    private final FrameFilter classifier;
    private final Function<CrashReport, String> signer;
    private final Function<CrashReport, List<String>> causeTerms;
    private final double threshold;

    public Suggester(KnowledgeBase kb, FrameFilter classifier, Function<CrashReport, String> signer) {
        this(kb, classifier, signer, c -> List.of());
    }

    /** {@code causeTerms}: what a report of a crash's cause would say (the explanation rules' {@code look for}). */
    public Suggester(KnowledgeBase kb, FrameFilter classifier, Function<CrashReport, String> signer,
            Function<CrashReport, List<String>> causeTerms) {
        this(kb, classifier, signer, causeTerms, Suggestions.THRESHOLD);
    }

    public Suggester(KnowledgeBase kb, FrameFilter classifier, Function<CrashReport, String> signer,
            Function<CrashReport, List<String>> causeTerms, double threshold) {
        this.kb = kb;
        this.classifier = classifier;
        this.signer = signer;
        this.causeTerms = causeTerms;
        this.threshold = threshold;
    }

    /** Suggestions for the crashes found in {@code text} (already parsed and symbolized by the caller). */
    public SuggestResult suggest(List<CrashReport> crashes, String text, int top) throws IOException {
        return suggest(query(crashes, text), top);
    }

    public SuggestQuery query(List<CrashReport> crashes, String text) {
        return SuggestQuery.of(crashes, text, classifier, signer, causeTerms);
    }

    public SuggestResult suggest(SuggestQuery q, int top) throws IOException {
        if (q.isEmpty()) {
            return Suggestions.rank(q, List.of(), TermWeights.uniform(), classifier, signer, top, threshold);
        }
        IndexSearcher searcher = kb.searcher();
        List<KbHit> hits = kb.search(candidateQuery(q), CANDIDATES);
        List<Suggestions.Candidate> docs = new ArrayList<>();
        for (KbHit h : hits) {
            docs.add(new Suggestions.Candidate(h.document(), h.score()));
        }
        for (KbDocument d : threadMembers(hits)) {
            docs.add(new Suggestions.Candidate(d, 0));
        }
        return Suggestions.rankCandidates(q, docs, weights(q, searcher.getIndexReader()), classifier, signer, top, threshold);
    }

    /** The Lucene query that finds candidates; public for {@code --explain}-style inspection. */
    public Query candidateQuery(SuggestQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        if (!q.signature().isEmpty()) {
            b.add(boost(new TermQuery(new Term(KbSchema.SIGNATURE, q.signature())), 8f), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        for (QueryFrame f : q.frames()) {
            float w = (float) Ranking.depthWeight(f.depth());
            if (f.depth() < 3 && f.named()) {
                b.add(boost(new TermQuery(new Term(KbSchema.TOP_FRAME, f.shortName())), 2f * w), BooleanClause.Occur.SHOULD);
            }
            b.add(boost(new TermQuery(new Term(KbSchema.FRAMES, f.key())), 3f * w), BooleanClause.Occur.SHOULD);
            b.add(boost(new TermQuery(new Term(KbSchema.CODE, f.key())), 2f * w), BooleanClause.Occur.SHOULD);
            clauses += 3;
        }
        if (!q.exception().isEmpty()) {
            b.add(boost(new TermQuery(new Term(KbSchema.EXCEPTION, q.exception())), 1.5f), BooleanClause.Occur.SHOULD);
            b.add(boost(new TermQuery(new Term(KbSchema.CODE, q.exception().toLowerCase(java.util.Locale.ROOT))), 0.8f),
                    BooleanClause.Occur.SHOULD);
        }
        for (String task : q.traits().tasks()) {
            // the task the crash names, and its twin on the other core (IDLE0/IDLE1, ipc0/ipc1)
            String twin = CrashTraits.perCore(task);
            for (String t : twin.equals(task) ? List.of(task) : List.of(twin + "0", twin + "1")) {
                if (!t.contains(" ")) {
                    b.add(boost(new TermQuery(new Term(KbSchema.CODE, t)), 1f), BooleanClause.Occur.SHOULD);
                }
            }
        }
        if (!q.buildKey().isEmpty()) {
            b.add(boost(new TermQuery(new Term(KbSchema.VERSION, q.buildKey())), 0.5f), BooleanClause.Occur.SHOULD);
        }
        for (String phrase : q.causeTerms()) {
            // a report that names the cause the crash's own facts point to (the stack option, vTaskDelete)
            b.add(boost(causeQuery(phrase), 1.5f), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        Set<String> words = new LinkedHashSet<>(q.detailTerms());
        words.addAll(q.crashWords());
        words.addAll(q.freeTerms());
        for (String t : words) {
            if (clauses++ > 400) {
                break;
            }
            b.add(boost(new TermQuery(new Term(KbSchema.CODE, t)), 0.6f), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    /** One word as a code term; a phrase as all of its words. */
    private static Query causeQuery(String phrase) {
        List<String> words = Tokens.of(phrase);
        if (words.size() == 1) {
            return new TermQuery(new Term(KbSchema.CODE, words.get(0)));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        words.forEach(w -> all.add(new TermQuery(new Term(KbSchema.CODE, w)), BooleanClause.Occur.MUST));
        return all.build();
    }

    private static Query boost(Query q, float boost) {
        return new BoostQuery(q, boost);
    }

    private List<KbDocument> threadMembers(List<KbHit> hits) throws IOException {
        Set<String> threads = new LinkedHashSet<>();
        for (KbHit h : hits) {
            if (threads.size() >= EXPAND_THREADS) {
                break;
            }
            if (!h.document().threadId().isEmpty()) {
                threads.add(h.document().threadId());
            }
        }
        List<KbDocument> out = new ArrayList<>();
        for (String t : threads) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(new TermQuery(new Term(KbSchema.THREAD, t)), BooleanClause.Occur.SHOULD);
            b.add(new TermQuery(new Term(KbSchema.ID, t)), BooleanClause.Occur.SHOULD);
            for (KbHit h : kb.search(b.build(), THREAD_LIMIT)) {
                out.add(h.document());
            }
        }
        return out;
    }

    /** The rarity of every query word in the KB (by document frequency in code text and backtraces). */
    static TermWeights weights(SuggestQuery q, IndexReader reader) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        q.frames().forEach(f -> terms.add(f.key()));
        terms.addAll(q.detailTerms());
        terms.addAll(q.crashWords());
        terms.addAll(q.freeTerms());
        terms.addAll(q.causeWords());
        long n = Math.max(1, reader.numDocs());
        Map<String, Long> df = new HashMap<>();
        for (String t : terms) {
            long f = docFreq(reader, t);
            // Documents match a word in the forms Ranking accepts: a module name also as its source file
            // (intr_alloc ↔ intr_alloc.c), a per-core task also as its twin (ipc0 ↔ ipc1). A word that
            // only such forms carry is not "never seen": read its rarity from them (only then, so the
            // common case costs no extra look-up).
            if (f == 0 && Tokens.moduleName(t)) {
                for (String ext : SOURCE_EXTENSIONS) {
                    f = Math.max(f, reader.docFreq(new Term(KbSchema.CODE, t + ext)));
                }
            }
            String base = CrashTraits.perCore(t);
            if (!base.equals(t)) {
                f = Math.max(f, Math.max(docFreq(reader, base + "0"), docFreq(reader, base + "1")));
            }
            df.put(t, f);
        }
        return new TermWeights(df, n);
    }

    private static final List<String> SOURCE_EXTENSIONS = List.of(".c", ".cpp");

    private static long docFreq(IndexReader reader, String t) throws IOException {
        return Math.max(reader.docFreq(new Term(KbSchema.CODE, t)), reader.docFreq(new Term(KbSchema.FRAMES, t)));
    }
}
