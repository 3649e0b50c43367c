package dev.fieldshell.kb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index schema 2 (no positions on code/frames): old indexes are rebuilt before the first write, newer ones refused. */
class KbSchemaVersionTest {
    @TempDir
    Path tmp;

    private final KbDocument a = KnowledgeBaseTest.mail("a@x", "Crash on a vtable indirection in mg_send, see OvmsConsole::Poll too.");
    private final KbDocument b = KnowledgeBaseTest.mail("b@x", "second report of the same crash");
    private final KbDocument gone = KnowledgeBaseTest.mail("gone@x", "deleted before the upgrade");

    /** Writes {@code docs} the way schema 1 did: positions on code and frames, no schema key in the commit. */
    private void writeSchema1(Path dir, Map<String, String> userData, KbDocument... docs) throws Exception {
        try (Directory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(KbSchema.analyzer()))) {
            for (KbDocument doc : docs) {
                String json = DocumentCodec.toJsonString(doc);
                Document lucene = KbSchema.toLucene(doc, DocumentCodec.hashOfJson(json), json);
                for (String field : List.of(KbSchema.CODE, KbSchema.FRAMES)) {
                    List<String> values = java.util.Arrays.stream(lucene.getFields(field)).map(IndexableField::stringValue).toList();
                    lucene.removeFields(field);
                    values.forEach(v -> lucene.add(new TextField(field, v, Field.Store.NO)));
                }
                w.addDocument(lucene);
            }
            w.deleteDocuments(new Term(KbSchema.ID, gone.id()));
            w.setLiveCommitData(userData.entrySet());
            w.commit();
        }
    }

    private static IndexOptions optionsOf(Path dir, String field) throws Exception {
        try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            IndexOptions seen = null;
            for (LeafReaderContext ctx : r.leaves()) {
                FieldInfo fi = ctx.reader().getFieldInfos().fieldInfo(field);
                if (fi == null) {
                    continue; // a segment without this field
                }
                assertThat(seen == null || fi.getIndexOptions() == seen).as("one index option per field").isTrue();
                seen = fi.getIndexOptions();
            }
            return seen;
        }
    }

    private static Map<String, String> userData(Path dir) throws Exception {
        try (Directory d = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(d).getUserData();
        }
    }

    @Test
    void aNewIndexIsWrittenWithoutPositionsOnCodeAndSaysItsSchema() throws Exception {
        Path dir = tmp.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            kb.upsert(a);
            kb.commit();
            assertThat(kb.rebuildNotice()).isEmpty();
        }
        assertThat(optionsOf(dir, KbSchema.CODE)).isEqualTo(IndexOptions.DOCS_AND_FREQS);
        assertThat(optionsOf(dir, KbSchema.FRAMES)).isEqualTo(IndexOptions.DOCS_AND_FREQS);
        assertThat(optionsOf(dir, KbSchema.TEXT)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        assertThat(userData(dir)).containsEntry(KbSchema.SCHEMA_KEY, "2");
        // later commits, plain or with user data, keep saying it
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            kb.upsert(b);
            kb.commit();
            kb.commit(Map.of("other", "x"));
        }
        assertThat(userData(dir)).containsEntry(KbSchema.SCHEMA_KEY, "2").containsEntry("other", "x");
    }

    @Test
    void phraseQueriesOnCodeFieldsAskForAllTermsWhileProsePhrasesKeepTheirOrder() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            kb.upsert(a);
            kb.upsert(b);
            kb.commit();
            assertThat(kb.search("code:\"OvmsConsole::Poll mg_send\"", 10)).extracting(KbHit::id).containsExactly("a@x");
            assertThat(kb.search("frames:\"mg_send poll\"", 10)).extracting(KbHit::id).containsExactlyInAnyOrder("a@x", "b@x");
            assertThat(kb.search("\"vtable indirection\"", 10)).extracting(KbHit::id).containsExactly("a@x");
            assertThat(kb.search("text:\"indirection vtable\"", 10)).isEmpty();
            assertThat(kb.search("\"indirection vtable\"~3", 10)).extracting(KbHit::id).containsExactly("a@x");
        }
    }

    @Test
    void anIndexOfSchema1IsRebuiltBeforeTheFirstWriteKeepingEveryDocumentAndItsCommitData() throws Exception {
        Path dir = tmp.resolve("kb");
        writeSchema1(dir, Map.of("starter.version", "abc"), a, b, gone);
        assertThat(optionsOf(dir, KbSchema.CODE)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            // reading an old index needs no rebuild
            assertThat(kb.search("frames:mg_send", 10)).hasSize(2);
            assertThat(kb.rebuildNotice()).isEmpty();
            assertThat(kb.upsert(a)).isEqualTo(UpsertOutcome.UNCHANGED);
            assertThat(kb.rebuildNotice()).as("nothing written yet").isEmpty();
            assertThat(kb.upsert(KnowledgeBaseTest.mail("c@x", "third"))).isEqualTo(UpsertOutcome.ADDED);
            assertThat(kb.rebuildNotice()).hasValueSatisfying(n -> assertThat(n)
                    .contains("schema 2").contains("schema 1").contains("2 documents"));
            kb.commit();
        }
        assertThat(optionsOf(dir, KbSchema.CODE)).isEqualTo(IndexOptions.DOCS_AND_FREQS);
        assertThat(optionsOf(dir, KbSchema.FRAMES)).isEqualTo(IndexOptions.DOCS_AND_FREQS);
        assertThat(userData(dir)).containsEntry(KbSchema.SCHEMA_KEY, "2").containsEntry("starter.version", "abc");
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            assertThat(kb.stats().documents()).isEqualTo(3);
            assertThat(kb.get("a@x")).contains(a);
            assertThat(kb.get("b@x")).contains(b);
            assertThat(kb.get("gone@x")).isEmpty();
            assertThat(kb.upsert(b)).isEqualTo(UpsertOutcome.UNCHANGED);
            assertThat(kb.rebuildNotice()).isEmpty();
        }
    }

    @Test
    void aRebuildThatFailsLeavesTheOldIndexAsItWas() throws Exception {
        Path dir = tmp.resolve("kb");
        writeSchema1(dir, Map.of(), a, b);
        // damage one stored copy so that the rebuild cannot read it back
        try (Directory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(KbSchema.analyzer()))) {
            Document broken = new Document();
            broken.add(new org.apache.lucene.document.StringField(KbSchema.ID, "broken@x", Field.Store.YES));
            broken.add(new org.apache.lucene.document.StoredField(KbSchema.STORED_DOC, "{not json"));
            w.addDocument(broken);
            w.commit();
        }
        Map<String, String> before = userData(dir);
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            assertThatThrownBy(() -> kb.upsert(KnowledgeBaseTest.mail("c@x", "third"))).isInstanceOf(Exception.class);
        }
        assertThat(userData(dir)).isEqualTo(before).doesNotContainKey(KbSchema.SCHEMA_KEY);
        assertThat(optionsOf(dir, KbSchema.CODE)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            assertThat(kb.stats().documents()).isEqualTo(3);
            assertThat(kb.get("a@x")).contains(a);
        }
    }

    @Test
    void anIndexOfANewerSchemaIsRefusedWithOneClearLineAndLeftAlone() throws Exception {
        Path dir = tmp.resolve("kb");
        writeSchema1(dir, Map.of(KbSchema.SCHEMA_KEY, "3"), a);
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            assertThat(kb.get("a@x")).contains(a);
            assertThatThrownBy(() -> kb.upsert(b)).isInstanceOf(KbSchemaException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("schema 3")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(userData(dir)).containsEntry(KbSchema.SCHEMA_KEY, "3");
        assertThat(optionsOf(dir, KbSchema.CODE)).isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    }
}
