package dev.fieldshell.kb.index;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.util.BytesRef;

/**
 * The one place that says what a KB document looks like in Lucene.
 *
 * <p>Text fields: {@link #TITLE}, {@link #TEXT}, {@link #CAUSE}, {@link #FIX} use the {@link ProseAnalyzer};
 * {@link #CODE} (title and text again) and {@link #FRAMES} (each crash's functions and addresses,
 * innermost first, one field value per crash) use the {@link FrameAnalyzer}. Keyword fields (exact,
 * case as stored): {@link #ID}, {@link #TYPE}, {@link #SIGNATURE}, {@link #EXCEPTION}, {@link #KIND},
 * {@link #TOP_FRAME}, {@link #EVENT}, {@link #COMPONENT}, {@link #TAG}, {@link #VERSION}, {@link #STATUS}, {@link #THREAD},
 * {@link #REFERENCE}, {@link #QUOTED_FROM}, {@link #DATE}, {@link #HASH}. The whole document is stored as
 * canonical JSON in {@link #STORED_DOC} so it can be rebuilt exactly.
 */
public final class KbSchema {
    /** Where a firmware version's describe ends, and the release at its start (compiled once, used per crash). */
    private static final java.util.regex.Pattern VERSION_END = java.util.regex.Pattern.compile("[/\\s]");
    private static final java.util.regex.Pattern RELEASE = java.util.regex.Pattern.compile("^\\d+\\.\\d+\\.\\d+");
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String CODE = "code";
    public static final String FRAMES = "frames";
    public static final String CAUSE = "cause";
    public static final String FIX = "fix";
    public static final String SIGNATURE = "signature";
    public static final String EXCEPTION = "exception";
    public static final String KIND = "kind";
    public static final String TOP_FRAME = "top_frame";
    public static final String EVENT = "event";
    public static final String COMPONENT = "component";
    public static final String TAG = "tag";
    public static final String VERSION = "version";
    public static final String STATUS = "status";
    public static final String THREAD = "thread";
    public static final String REFERENCE = "ref";
    public static final String QUOTED_FROM = "quoted_from";
    public static final String DATE = "date";
    public static final String HASH = "hash";
    public static final String STORED_DOC = "_doc";

    /**
     * Version of this schema, kept in every commit's user data under {@link #SCHEMA_KEY}. An index without
     * the key is version 1 (positions on {@link #CODE} and {@link #FRAMES}). Version 2 indexes those two fields
     * with documents and frequencies only: the suggester only ever asks them for terms, and positions were
     * a large part of the import's indexing cost. Lucene cannot mix the two in one field, so an older index is
     * rebuilt from its stored documents before the first write (see {@link KnowledgeBase}).
     */
    public static final int SCHEMA_VERSION = 2;
    public static final String SCHEMA_KEY = "fieldshell.schema";

    /** Fields a query without a field name searches. */
    public static final List<String> DEFAULT_SEARCH_FIELDS = List.of(TITLE, TEXT, CODE, FRAMES, CAUSE, FIX);

    private static final Set<String> PROSE_FIELDS = Set.of(TITLE, TEXT, CAUSE, FIX);
    private static final Set<String> CODE_FIELDS = Set.of(CODE, FRAMES);

    /** Code text: tokens and their frequencies, no positions (phrase queries on it become all-terms queries). */
    static final FieldType CODE_TYPE = codeType();

    private static FieldType codeType() {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        t.freeze();
        return t;
    }

    /** Whether {@code field} is indexed without positions. */
    static boolean positionless(String field) {
        return CODE_FIELDS.contains(field);
    }

    /** How many innermost named frames of each crash go into {@link #TOP_FRAME}. */
    private static final int TOP_FRAMES = 3;

    private KbSchema() {}

    /** The analyzer for every field: prose, code, or keyword (the default). */
    public static Analyzer analyzer() {
        Analyzer prose = new ProseAnalyzer();
        Analyzer code = new FrameAnalyzer();
        Map<String, Analyzer> perField = new java.util.HashMap<>();
        PROSE_FIELDS.forEach(f -> perField.put(f, prose));
        CODE_FIELDS.forEach(f -> perField.put(f, code));
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    /** A parser for Lucene query syntax over this schema; not thread-safe, make one per query. */
    public static QueryParser queryParser(Analyzer analyzer) {
        MultiFieldQueryParser p = new PositionlessAwareParser(DEFAULT_SEARCH_FIELDS.toArray(String[]::new), analyzer);
        p.setAllowLeadingWildcard(false);
        return p;
    }

    /** The Lucene document for {@code d}, with its content hash. */
    public static Document toLucene(KbDocument d, String contentHash) {
        return toLucene(d, contentHash, DocumentCodec.toJsonString(d));
    }

    /** As {@link #toLucene(KbDocument, String)}, with the canonical JSON already made. */
    static Document toLucene(KbDocument d, String contentHash, String canonicalJson) {
        Document doc = new Document();
        doc.add(new StringField(ID, d.id(), Field.Store.YES));
        doc.add(new StringField(TYPE, d.type().name().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new StringField(HASH, contentHash, Field.Store.YES));
        doc.add(new StoredField(STORED_DOC, canonicalJson));
        text(doc, TITLE, d.title());
        text(doc, TEXT, d.text());
        code(doc, CODE, d.title());
        code(doc, CODE, d.text());
        text(doc, CAUSE, d.cause());
        text(doc, FIX, d.fix());
        keyword(doc, STATUS, d.status());
        keyword(doc, THREAD, d.threadId());
        keyword(doc, DATE, d.date());
        if (!d.date().isEmpty()) {
            doc.add(new SortedDocValuesField(DATE, new BytesRef(d.date())));
        }
        keywords(doc, REFERENCE, d.references());
        keywords(doc, QUOTED_FROM, d.quotedFrom());
        keywords(doc, COMPONENT, d.components());
        keywords(doc, TAG, d.tags());
        Set<String> signatures = new LinkedHashSet<>(d.signatures());
        Set<String> versions = new LinkedHashSet<>();
        if (!d.fixedIn().isEmpty()) {
            versions.add(d.fixedIn());
        }
        Set<String> exceptions = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> topFrames = new LinkedHashSet<>();
        Set<String> events = new LinkedHashSet<>();
        for (CrashReport c : d.crashes()) {
            code(doc, FRAMES, frameText(c));
            if (!c.exception().isEmpty()) {
                exceptions.add(c.exception());
            }
            if (c.kind() != null) {
                kinds.add(c.kind().name().toLowerCase(Locale.ROOT));
            }
            if (!c.event().isEmpty()) {
                events.add(c.event());
            }
            versions.addAll(versionTerms(c.firmwareVersion()));
            int named = 0;
            for (Frame f : c.frames()) {
                if (f.hasFunction() && named++ < TOP_FRAMES) {
                    topFrames.add(FrameNames.shortName(f.function()));
                }
            }
        }
        keywords(doc, SIGNATURE, signatures);
        keywords(doc, VERSION, versions);
        keywords(doc, EXCEPTION, exceptions);
        keywords(doc, KIND, kinds);
        keywords(doc, TOP_FRAME, topFrames);
        keywords(doc, EVENT, events);
        return doc;
    }

    /** Rebuilds the document from its stored JSON. */
    public static KbDocument fromLucene(Document doc) {
        return DocumentCodec.fromJsonString(doc.get(STORED_DOC));
    }

    /** The frames of one crash as code text: function (short name) and address, innermost first. */
    static String frameText(CrashReport c) {
        StringBuilder sb = new StringBuilder();
        for (Frame f : c.frames()) {
            if (f.hasFunction()) {
                sb.append(f.function().replace('(', ' ').replace(')', ' ')).append(' ');
            }
            if (f.address() != 0) {
                sb.append(f.hexAddress()).append(' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code 3.3.005-615-gd132bfe0/ota_0/edge (build …)} → the full describe and its release {@code 3.3.005}. */
    static Set<String> versionTerms(String firmwareVersion) {
        Set<String> out = new LinkedHashSet<>();
        if (firmwareVersion.isBlank()) {
            return out;
        }
        String describe = VERSION_END.split(firmwareVersion.strip(), 2)[0];
        out.add(describe);
        java.util.regex.Matcher m = RELEASE.matcher(describe);
        if (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static void text(Document doc, String field, String value) {
        if (!value.isEmpty()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void code(Document doc, String field, String value) {
        if (!value.isEmpty()) {
            doc.add(new Field(field, value, CODE_TYPE));
        }
    }

    private static void keyword(Document doc, String field, String value) {
        if (!value.isEmpty()) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void keywords(Document doc, String field, Iterable<String> values) {
        for (String v : values) {
            keyword(doc, field, v);
        }
    }
}
