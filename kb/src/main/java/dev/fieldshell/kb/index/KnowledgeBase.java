package dev.fieldshell.kb.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The knowledge base: a Lucene index in one directory.
 *
 * <p>Reading never locks, so {@code kb search} works while another process ingests. The first write
 * takes Lucene's write lock ({@link KbLockedException} if another process holds it). {@link #upsert}
 * replaces a document by id and writes nothing when the content hash is unchanged, so re-importing
 * the same input leaves the index byte-for-byte as it was (no new commit, no new segment). Lucene
 * commits are atomic: a process killed at any point leaves the last commit intact and readable, and
 * re-running the import restores whatever was not yet committed.
 *
 * <p>Not safe for concurrent writers; methods are synchronized. A searcher from {@link #searcher()} stays
 * valid until the next write to this instance.
 */
public final class KnowledgeBase implements Closeable {
    /** Lucene's one-time notice about the vector incubator module is noise on a command line. */
    private static final java.util.logging.Logger LUCENE_VECTOR_LOG = quiet("org.apache.lucene.internal.vectorization");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.SEVERE);
        return l;
    }

    /**
     * After this many writes the near-real-time reader is refreshed, bounding the pending map's memory (about
     * 300 bytes an entry). Opening it flushes Lucene's buffer into a segment, so it is done rarely and
     * preferably right after a commit, when there is nothing left to flush.
     */
    private static final int REFRESH_EVERY = 100_000;

    private final Path dir;
    private final Directory directory;
    private final Analyzer analyzer = KbSchema.analyzer();
    private IndexWriter writer;
    private DirectoryReader reader;
    /** id → content hash ("" = deleted) written since {@link #reader} was opened. */
    private final Map<String, String> pending = new HashMap<>();
    private boolean readerStale;
    /** Set when opening for writing rebuilt an index of an older schema; says what happened, in one line. */
    private String rebuildNotice = "";

    private KnowledgeBase(Path dir, Directory directory) {
        this.dir = dir;
        this.directory = directory;
    }

    /** Opens the KB in {@code dir}, creating the directory if needed. Takes no lock until the first write. */
    public static KnowledgeBase open(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("the knowledge base " + dir + " is a file, not a directory; use --kb DIR for a directory");
        }
        refuseForeignDirectory(dir);
        Files.createDirectories(dir);
        KnowledgeBase kb = new KnowledgeBase(dir, FSDirectory.open(dir));
        try {
            if (DirectoryReader.indexExists(kb.directory)) {
                kb.reader = DirectoryReader.open(kb.directory);
            }
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | java.io.EOFException e) {
            kb.directory.close();
            // Lucene's own message is several clauses about format numbers; the user needs the directory and what to do.
            throw new IOException("the knowledge base at " + dir + " is not an index this fieldshell can read ("
                    + e.getClass().getSimpleName() + "); use --kb DIR for another directory, or remove this one to start afresh", e);
        }
        return kb;
    }

    /**
     * A mistyped {@code --kb} (the current directory, a folder of dumps) would get an index written
     * among the user's files: a directory that holds files but no index is refused instead.
     */
    private static void refuseForeignDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String foreign = null;
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("segments")) {
                    return; // an index: whatever else lies beside it was put there on purpose
                }
                if (foreign == null && !name.startsWith("_") && !name.startsWith("pending_segments") && !name.equals("write.lock")) {
                    foreign = name;
                }
            }
        }
        if (foreign != null) {
            throw new IOException("--kb " + dir + " holds other files (" + foreign + ") and no knowledge base; "
                    + "give a new or empty directory, or leave --kb out for the default");
        }
    }

    /** {@code $XDG_DATA_HOME/fieldshell/kb}, else {@code ~/.local/share/fieldshell/kb}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("fieldshell").resolve("kb");
    }

    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv());
    }

    public Path directory() {
        return dir;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** Adds or replaces the document with {@code doc.id()}; writes nothing if its content is unchanged. */
    public UpsertOutcome upsert(KbDocument doc) throws IOException {
        return upsert(PreparedDocument.of(doc));
    }

    /** As {@link #upsert(KbDocument)}, for a document already prepared (possibly on another thread). */
    public synchronized UpsertOutcome upsert(PreparedDocument p) throws IOException {
        String id = p.doc().id();
        String old = currentHash(id);
        if (p.hash().equals(old)) {
            return UpsertOutcome.UNCHANGED;
        }
        if (old.isEmpty()) {
            // No live document has this id (checked above, uncommitted writes included): a plain add spares
            // Lucene buffering a delete term and applying it to every segment at the next flush.
            writer().addDocument(p.lucene());
        } else {
            writer().updateDocument(new Term(KbSchema.ID, id), p.lucene());
        }
        noteWrite(id, p.hash());
        return old.isEmpty() ? UpsertOutcome.ADDED : UpsertOutcome.UPDATED;
    }

    /** Removes the document; true if it existed. */
    public synchronized boolean remove(String id) throws IOException {
        if (currentHash(id).isEmpty()) {
            return false;
        }
        writer().deleteDocuments(new Term(KbSchema.ID, id));
        noteWrite(id, "");
        return true;
    }

    /** Makes all writes durable (fsync). A no-op when nothing changed, so no new commit point appears. */
    public synchronized void commit() throws IOException {
        if (writer != null && writer.hasUncommittedChanges()) {
            writer.commit();
            refreshIfStale(); // cheap now that the commit has flushed everything; empties the pending map
        }
    }

    /** Commits with user data attached to the commit point (e.g. the version of the seeded notes). */
    public synchronized void commit(Map<String, String> userData) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>(commitUserData());
        merged.putAll(userData);
        merged.put(KbSchema.SCHEMA_KEY, Integer.toString(KbSchema.SCHEMA_VERSION));
        if (merged.equals(commitUserData()) && (writer == null || !writer.hasUncommittedChanges())) {
            return;
        }
        IndexWriter w = writer();
        w.setLiveCommitData(merged.entrySet());
        w.commit();
    }

    /** The user data of the last commit; empty when there is none. */
    public synchronized Map<String, String> commitUserData() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Map.of();
        }
        return SegmentInfos.readLatestCommit(directory).getUserData();
    }

    /** The document with this id, if any (uncommitted writes of this instance included). */
    public synchronized Optional<KbDocument> get(String id) throws IOException {
        IndexSearcher s = searcher();
        TopDocs top = s.search(new TermQuery(new Term(KbSchema.ID, id)), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        return Optional.of(KbSchema.fromLucene(s.storedFields().document(top.scoreDocs[0].doc)));
    }

    /** The content hash stored for this id, if it exists. */
    public synchronized Optional<String> contentHash(String id) throws IOException {
        String h = currentHash(id);
        return h.isEmpty() ? Optional.empty() : Optional.of(h);
    }

    /** Searches with Lucene query syntax over {@link KbSchema}; unqualified terms search {@link KbSchema#DEFAULT_SEARCH_FIELDS}. */
    public List<KbHit> search(String luceneQuery, int max) throws IOException, KbQueryException {
        return search(parse(luceneQuery), max);
    }

    /** Parses Lucene query syntax with this KB's analyzers. */
    public Query parse(String luceneQuery) throws KbQueryException {
        try {
            return KbSchema.queryParser(analyzer).parse(luceneQuery);
        } catch (ParseException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new KbQueryException("invalid query \"" + luceneQuery + "\": " + msg, e);
        }
    }

    public synchronized List<KbHit> search(Query query, int max) throws IOException {
        IndexSearcher s = searcher();
        TopDocs top = s.search(query, Math.max(1, max));
        List<KbHit> hits = new ArrayList<>(top.scoreDocs.length);
        // one StoredFields for all hits: each instance has its own decompression state to reuse
        org.apache.lucene.index.StoredFields stored = s.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            hits.add(new KbHit(KbSchema.fromLucene(stored.document(sd.doc)), sd.score));
        }
        return hits;
    }

    /** A searcher over the current content (including this instance's uncommitted writes). */
    public synchronized IndexSearcher searcher() throws IOException {
        refreshIfStale();
        IndexReader r = reader == null ? new MultiReader() : reader;
        return new IndexSearcher(r);
    }

    public synchronized KbStats stats() throws IOException {
        IndexSearcher s = searcher();
        Map<String, Long> byType = new LinkedHashMap<>();
        for (DocType t : DocType.values()) {
            String name = t.name().toLowerCase(Locale.ROOT);
            byType.put(name, (long) s.count(new TermQuery(new Term(KbSchema.TYPE, name))));
        }
        long crashes = s.count(new TermRangeQuery(KbSchema.KIND, null, null, true, true));
        int segments = 0;
        long generation = 0;
        if (DirectoryReader.indexExists(directory)) {
            SegmentInfos infos = SegmentInfos.readLatestCommit(directory);
            segments = infos.size();
            generation = infos.getGeneration();
        }
        long size = 0;
        for (String f : directory.listAll()) {
            try {
                size += directory.fileLength(f);
            } catch (NoSuchFileException e) {
                // merged away while we listed
            }
        }
        return new KbStats(dir.toString(), s.getIndexReader().numDocs(), byType, crashes, segments, size, generation);
    }

    /** Commits pending writes, releases the write lock and closes files. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        } finally {
            try {
                if (writer != null) {
                    writer.close();
                    writer = null;
                }
            } finally {
                directory.close();
            }
        }
    }

    private IndexWriter writer() throws IOException {
        if (writer == null) {
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(48)
                    // Compound files save file handles but cost a copy of every new segment; a KB has few segments.
                    .setUseCompoundFile(false)
                    .setCommitOnClose(true);
            cfg.getMergePolicy().setNoCFSRatio(0.0);
            int onDisk = schemaOnDisk();
            if (onDisk > KbSchema.SCHEMA_VERSION) {
                throw new KbSchemaException(dir, onDisk);
            }
            boolean rebuild = onDisk > 0 && onDisk < KbSchema.SCHEMA_VERSION;
            if (rebuild) {
                cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            }
            try {
                writer = new IndexWriter(directory, cfg);
            } catch (LockObtainFailedException e) {
                throw new KbLockedException(dir, e);
            }
            if (rebuild) {
                try {
                    rebuildFromStored(onDisk);
                } catch (IOException | RuntimeException e) {
                    writer.rollback(); // never let close() commit half a rebuild
                    writer = null;
                    throw e;
                }
            } else if (onDisk == 0) {
                writer.setLiveCommitData(Map.of(KbSchema.SCHEMA_KEY, Integer.toString(KbSchema.SCHEMA_VERSION)).entrySet());
            }
            // Another process may have committed since our reader opened: start from what the writer sees.
            replaceReader(DirectoryReader.open(writer));
        }
        return writer;
    }

    /** The schema version of the last commit: 0 when there is no index, 1 when the commit does not say. */
    private int schemaOnDisk() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return 0;
        }
        String v = SegmentInfos.readLatestCommit(directory).getUserData().get(KbSchema.SCHEMA_KEY);
        try {
            return v == null ? 1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new KbSchemaException(dir, v);
        }
    }

    /**
     * Rewrites every live document of the last commit with the current schema into the writer just opened in
     * CREATE mode, keeping the commit's user data, and commits. Each document is rebuilt from its stored JSON
     * and keeps its content hash, so a later re-import finds it unchanged. Until that commit the old one stays
     * the index on disk: a kill during the rebuild leaves the old index, and the next write starts over.
     */
    private void rebuildFromStored(int oldVersion) throws IOException {
        Map<String, String> userData = new LinkedHashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
        long documents = 0;
        try (DirectoryReader old = DirectoryReader.open(directory)) {
            for (LeafReaderContext ctx : old.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                org.apache.lucene.index.StoredFields stored = leaf.storedFields();
                for (int d = 0; d < leaf.maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    org.apache.lucene.document.Document doc = stored.document(d);
                    String json = doc.get(KbSchema.STORED_DOC);
                    writer.addDocument(KbSchema.toLucene(DocumentCodec.fromJsonString(json), doc.get(KbSchema.HASH), json));
                    documents++;
                }
            }
        }
        userData.put(KbSchema.SCHEMA_KEY, Integer.toString(KbSchema.SCHEMA_VERSION));
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
        rebuildNotice = "rebuilt the knowledge base at " + dir + " for index schema " + KbSchema.SCHEMA_VERSION + " (it had schema "
                + oldVersion + "): " + documents + " documents rewritten from their stored copies";
    }

    /** One line if this instance rebuilt an older index before its first write (see {@link KbSchema#SCHEMA_VERSION}), else empty. */
    public synchronized Optional<String> rebuildNotice() {
        return rebuildNotice.isEmpty() ? Optional.empty() : Optional.of(rebuildNotice);
    }

    private void noteWrite(String id, String hash) throws IOException {
        pending.put(id, hash);
        readerStale = true;
        if (pending.size() >= REFRESH_EVERY) {
            refreshIfStale();
        }
    }

    private void refreshIfStale() throws IOException {
        if (!readerStale || writer == null) {
            return;
        }
        DirectoryReader newer = reader == null ? DirectoryReader.open(writer) : DirectoryReader.openIfChanged(reader, writer);
        if (newer != null) {
            replaceReader(newer);
        }
        readerStale = false;
    }

    private void replaceReader(DirectoryReader newer) throws IOException {
        DirectoryReader old = reader;
        reader = newer;
        pending.clear();
        if (old != null) {
            old.close();
        }
    }

    /** The live content hash of {@code id}, or "" when absent. */
    private String currentHash(String id) throws IOException {
        String p = pending.get(id);
        if (p != null) {
            return p;
        }
        if (reader == null) {
            return "";
        }
        BytesRef term = new BytesRef(id);
        for (LeafReaderContext ctx : reader.leaves()) {
            LeafReader leaf = ctx.reader();
            Terms terms = leaf.terms(KbSchema.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            if (!te.seekExact(term)) {
                continue;
            }
            Bits live = leaf.getLiveDocs();
            PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
            for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
                if (live == null || live.get(d)) {
                    String h = leaf.storedFields().document(d, java.util.Set.of(KbSchema.HASH)).get(KbSchema.HASH);
                    return h == null ? "" : h;
                }
            }
        }
        return "";
    }
}
