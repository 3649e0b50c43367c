package dev.fieldshell.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.IngestSummary;
import dev.fieldshell.kb.source.Ingestor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass analysis gives every field exactly the terms (and positions, and so norms) its Lucene analyzer gives,
 * so rankings and {@code kb search} do not change: checked on every document of the evaluation corpus, on generated
 * text, and by comparing a whole index written both ways.
 */
class FieldAnalysisTest {
    private static final Analyzer PROSE = new ProseAnalyzer();
    private static final Analyzer CODE = new FrameAnalyzer();

    @TempDir
    static Path tmp;

    private static List<KbDocument> corpus;

    @BeforeAll
    static void importEvalCorpus() throws Exception {
        corpus = new ArrayList<>();
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of("src/test/resources/eval/corpus"));
            assertThat(s.problems()).isEmpty();
            var searcher = kb.searcher();
            var stored = searcher.storedFields();
            for (int d = 0; d < searcher.getIndexReader().maxDoc(); d++) {
                corpus.add(KbSchema.fromLucene(stored.document(d)));
            }
        }
        assertThat(corpus.size()).isGreaterThan(100);
    }

    private static void assertSameAsAnalyzers(String text) {
        AnalyzedText prose = AnalyzedText.of(PROSE, KbSchema.TEXT, text);
        AnalyzedText code = AnalyzedText.of(CODE, KbSchema.CODE, text);
        String shown = text.codePoints().limit(400).collect(StringBuilder::new, (b, c) -> {
            if (c < 32 || c > 126) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        }, StringBuilder::append).toString();
        assertThat(FieldAnalysis.prose(text)).as("prose terms of \"%s\"", shown).isEqualTo(prose);
        assertThat(FieldAnalysis.code(text)).as("code terms of \"%s\"", shown).isEqualTo(code);
        FieldAnalysis.Terms both = FieldAnalysis.both(text);
        assertThat(both.prose()).as("prose terms of \"%s\" (both)", shown).isEqualTo(prose);
        assertThat(both.code()).as("code terms of \"%s\" (both)", shown).isEqualTo(code);
    }

    @Test
    void everyTextOfTheEvalCorpusGetsTheAnalyzersTerms() {
        long terms = 0;
        for (KbDocument d : corpus) {
            for (String t : List.of(d.title(), d.text(), d.cause(), d.fix())) {
                assertSameAsAnalyzers(t);
                terms += FieldAnalysis.prose(t).size();
            }
            for (CrashReport c : d.crashes()) {
                assertSameAsAnalyzers(KbSchema.frameText(c));
            }
        }
        assertThat(terms).as("the corpus is not empty text").isGreaterThan(20_000);
    }

    @Test
    void knownCasesOfBothAnalyzers() {
        assertThat(FieldAnalysis.prose("Guru Meditation: e.g. 3.3.005, mg_send's x:y a..b 1,000;2 __ _x_ a_:b").describe())
                .containsExactly("guru", "meditation", "e.g", "3.3.005", "mg_send's", "x:y", "a", "b", "1,000;2", "_x_", "a_", "b");
        assertThat(FieldAnalysis.code("at OvmsConsole::Poll(unsigned int, void*) 0x4008dd5e: esp_crt_bundle.c:12.").describe())
                .containsExactly("at", "ovmsconsole::poll", "ovmsconsole/0", "poll/0", "unsigned", "int", "void", "0x4008dd5e",
                        "esp_crt_bundle.c:12");
        assertSameAsAnalyzers("Jürgen schrieb: OvmsConsole::Poll() → 死 🚗 naïve ﬁle x\u0301y \u00a0a\u2003b");
    }

    /** Characters each analyzer treats specially, ASCII and not, for generated text. */
    private static final String[] PIECES = {"a", "Z", "q", "0", "7", "_", ":", "::", ".", "'", ",", ";", "~", "$", "-", "(", ")",
        "*", "#", "@", "/", "\\", "\"", "<", ">", "&", "=", "+", "!", "?", "%", "^", "`", "|", "{", "[", " ", " ", "\t", "\n",
        "\r\n", "\u000b", "\u0000", "\u007f", "é", "Ü", "ß", "İ", "ς", "\u0301", "\u00a0", "\u2003", "\u200b", "\u200d", "\ufe0f",
        "\u20e3", "死", "の", "カ", "ー", "א", "\"", "ก", "한", "🚗", "👍🏽", "\ud83c\udde9\ud83c\uddea", "\ud800", "\udc00", "ﬁ", "½",
        "٣", "Ⅻ", "ﾊ", "０", "mg_send", "0x4008dd5e", "OvmsConsole::Poll", "3.3.005", "e.g.", "don't"};

    @Test
    void generatedTextGetsTheAnalyzersTerms() {
        Random r = new Random(20261202);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int pieces = r.nextInt(40);
            boolean asciiOnly = i % 3 == 0;
            for (int p = 0; p < pieces; p++) {
                String piece = PIECES[r.nextInt(PIECES.length)];
                if (asciiOnly && piece.chars().anyMatch(c -> c > 127)) {
                    piece = String.valueOf((char) (32 + r.nextInt(95)));
                }
                sb.append(piece);
            }
            assertSameAsAnalyzers(sb.toString());
        }
    }

    @Test
    void longRunsAroundTheTermLimitGetTheAnalyzersTerms() {
        Random r = new Random(7);
        for (int len : new int[] {254, 255, 256, 300, 511, 512, 600}) {
            for (String unit : List.of("a", "1", "a.", "1,", "x:", "é", "a::b")) {
                String run = unit.repeat(len / unit.length() + 1).substring(0, len);
                assertSameAsAnalyzers(run);
                assertSameAsAnalyzers("start " + run + " end " + run + "\u00e9 tail");
                assertSameAsAnalyzers(run.substring(0, r.nextInt(len)) + " " + run);
            }
        }
    }

    /**
     * Every document of the corpus written twice, once with the text analysed by Lucene's analyzers as before and once
     * from {@link PreparedDocument}: the two indexes hold the same terms with the same documents, frequencies,
     * positions and norms in every field.
     */
    @Test
    void anIndexWrittenFromPreparedDocumentsEqualsOneWrittenByTheAnalyzers() throws Exception {
        try (Directory analyzed = new ByteBuffersDirectory(); Directory prepared = new ByteBuffersDirectory()) {
            try (IndexWriter a = new IndexWriter(analyzed, new IndexWriterConfig(KbSchema.analyzer()));
                    IndexWriter p = new IndexWriter(prepared, new IndexWriterConfig(KbSchema.analyzer()))) {
                int pre = 0;
                for (KbDocument d : corpus) {
                    Document doc = PreparedDocument.of(d).lucene();
                    Document plain = new Document();
                    for (IndexableField f : doc.getFields()) {
                        if (f instanceof PreAnalyzedField) {
                            plain.add(new Field(f.name(), f.stringValue(), f.fieldType()));
                            pre++;
                        } else {
                            plain.add(f);
                        }
                    }
                    a.addDocument(plain);
                    p.addDocument(doc);
                }
                assertThat(pre).isGreaterThan(2 * corpus.size());
                a.forceMerge(1);
                p.forceMerge(1);
            }
            try (DirectoryReader ra = DirectoryReader.open(analyzed); DirectoryReader rp = DirectoryReader.open(prepared)) {
                assertThat(rp.leaves()).hasSize(1);
                LeafReader la = ra.leaves().get(0).reader();
                LeafReader lp = rp.leaves().get(0).reader();
                long compared = 0;
                for (FieldInfo fi : la.getFieldInfos()) {
                    if (fi.getIndexOptions() == IndexOptions.NONE) {
                        continue;
                    }
                    assertThat(lp.getFieldInfos().fieldInfo(fi.name).getIndexOptions()).isEqualTo(fi.getIndexOptions());
                    compared += assertSamePostings(fi, la.terms(fi.name), lp.terms(fi.name));
                    assertSameNorms(fi.name, la.getNormValues(fi.name), lp.getNormValues(fi.name), la.maxDoc());
                }
                assertThat(compared).isGreaterThan(20_000);
            }
        }
    }

    private static long assertSamePostings(FieldInfo fi, Terms a, Terms p) throws Exception {
        TermsEnum ea = a.iterator();
        TermsEnum ep = p.iterator();
        boolean positions = fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
        long postings = 0;
        for (BytesRef t = ea.next(); t != null; t = ea.next()) {
            BytesRef tp = ep.next();
            assertThat(tp).as("field %s: term %s", fi.name, t.utf8ToString()).isEqualTo(t);
            PostingsEnum pa = ea.postings(null, PostingsEnum.ALL);
            PostingsEnum pp = ep.postings(null, PostingsEnum.ALL);
            for (int d = pa.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pa.nextDoc()) {
                assertThat(pp.nextDoc()).as("field %s term %s", fi.name, t.utf8ToString()).isEqualTo(d);
                assertThat(pp.freq()).as("field %s term %s doc %d", fi.name, t.utf8ToString(), d).isEqualTo(pa.freq());
                for (int k = 0; positions && k < pa.freq(); k++) {
                    assertThat(pp.nextPosition()).as("field %s term %s doc %d", fi.name, t.utf8ToString(), d).isEqualTo(pa.nextPosition());
                }
                postings++;
            }
            assertThat(pp.nextDoc()).isEqualTo(DocIdSetIterator.NO_MORE_DOCS);
        }
        assertThat(ep.next()).as("field %s has no extra term", fi.name).isNull();
        return postings;
    }

    private static void assertSameNorms(String field, NumericDocValues a, NumericDocValues p, int maxDoc) throws Exception {
        if (a == null) {
            assertThat(p).as("norms of %s", field).isNull();
            return;
        }
        for (int d = 0; d < maxDoc; d++) {
            boolean has = a.advanceExact(d);
            assertThat(p.advanceExact(d)).isEqualTo(has);
            if (has) {
                assertThat(p.longValue()).as("norm of %s in doc %d", field, d).isEqualTo(a.longValue());
            }
        }
    }
}
