package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.index.UpsertOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterNotesTest {
    @TempDir
    Path tmp;

    @Test
    void indexListsEveryShippedNoteAndEachHasTheFieldsASuggestionNeeds() throws Exception {
        Path dir = Path.of("src/main/resources/notes");
        List<String> onDisk;
        try (Stream<Path> s = Files.list(dir)) {
            onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        }
        assertThat(StarterNotes.names()).containsExactlyInAnyOrderElementsOf(onDisk);
        List<KbDocument> notes = StarterNotes.load();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(10);
        for (KbDocument n : notes) {
            assertThat(n.id()).startsWith("note:");
            assertThat(n.type()).isEqualTo(DocType.NOTE);
            assertThat(n.title()).as(n.id()).isNotBlank();
            assertThat(n.cause()).as(n.id()).isNotBlank();
            assertThat(n.fix()).as(n.id()).isNotBlank();
            assertThat(n.date()).as(n.id()).matches("\\d{4}-\\d\\d-\\d\\d");
            assertThat(n.links()).as(n.id() + " cites public sources").isNotEmpty().allMatch(l -> l.startsWith("http"));
            assertThat(n.components()).as(n.id()).isNotEmpty();
        }
        KbDocument console = notes.stream().filter(n -> n.id().equals("note:ovms-console-log-registry-race")).findFirst().orElseThrow();
        assertThat(console.fixedIn()).isEqualTo("3.3.005-615");
        assertThat(console.links()).anyMatch(l -> l.contains("069632f48"));
    }

    @Test
    void seedingIsIdempotentAndRemovesNotesNoLongerShipped() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThat(StarterNotes.seed(kb, false)).isTrue();
            long notes = kb.stats().byType().get("note");
            assertThat(notes).isEqualTo(StarterNotes.names().size());
            long generation = kb.stats().generation();
            assertThat(StarterNotes.seed(kb, false)).as("same version: nothing to do").isFalse();
            assertThat(kb.stats().generation()).isEqualTo(generation);
            assertThat(kb.search("frames:mg_send OR text:mg_send", 5)).extracting(h -> h.id())
                    .contains("note:mongoose-thread-safety-mg-send");

            // an older release shipped a note that is gone now
            KbDocument old = NoteImporter.parse("---\ntitle: old\n---\nold text\n", "old-note.md");
            assertThat(kb.upsert(old)).isEqualTo(UpsertOutcome.ADDED);
            kb.commit(Map.of(StarterNotes.VERSION_KEY, "older", StarterNotes.IDS_KEY, "note:old-note,note:debug-heap-alert-config"));
            assertThat(StarterNotes.seed(kb, false)).isTrue();
            assertThat(kb.get("note:old-note")).isEmpty();
            assertThat(kb.get("note:debug-heap-alert-config")).isPresent();
            assertThat(kb.stats().byType().get("note")).isEqualTo(notes);
        }
    }

    @Test
    void frontMatterErrorsNameTheLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NoteImporter.parse("---\ntitle: x\nlinks: [a, b\n---\nbody", "bad.md"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("front matter line");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NoteImporter.parse("---\ntitle: x\nbody", "bad.md"))
                .hasMessageContaining("no closing ---");
    }
}
