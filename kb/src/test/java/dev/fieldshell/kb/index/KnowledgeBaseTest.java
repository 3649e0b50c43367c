package dev.fieldshell.kb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
    @TempDir
    Path tmp;

    static CrashReport mgSendCrash() {
        return new CrashReport(CrashKind.EXCEPTION, SourceFormat.PANIC, "LoadProhibited", 1, Map.of("PC", 0x4015d82aL, "EXCVADDR", 0x10L),
                List.of(new Frame(0x4015d82a, 0x3ffc3f00, "mg_send", "mongoose.c", 2776, false),
                        new Frame(0x40160000, 0, "OvmsConsole::Poll(unsigned int, void*)", "", 0, false)),
                false, "3.3.005-615-gd132bfe0/ota_0/edge (build idf v3.3.4-851-gfa4f07fb3 Jan 1 2026)", "v3.3.4-851-gfa4f07fb3", "",
                "", "ticker.1", "ovms-server-v2", List.of("OVMS Events"), Optional.empty(), "Guru Meditation ...", 3);
    }

    static KbDocument mail(String id, String text) {
        return new KbDocument(id, DocType.MAIL, "Heap corruption alerts", "http://lists.example/1.html", "2026-01-22T02:20:24Z",
                "Michael Balzer", text, List.of(mgSendCrash()), List.of(), id, List.of(), List.of("LoadProhibited | mg_send"),
                List.of("mongoose"), "", "", "", "", List.of());
    }

    @Test
    void documentsRoundTripThroughTheIndexAndAreFoundByIdentifier() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            KbDocument d = mail("abc@example.org", "Crash on a vtable indirection in mg_send, see OvmsConsole::Poll too.");
            assertThat(kb.upsert(d)).isEqualTo(UpsertOutcome.ADDED);
            kb.commit();
            assertThat(kb.get("abc@example.org")).contains(d);
            assertThat(kb.search("mg_send", 10)).extracting(KbHit::id).containsExactly("abc@example.org");
            assertThat(kb.search("frames:poll", 10)).extracting(KbHit::id).containsExactly("abc@example.org");
            assertThat(kb.search("code:\"OvmsConsole::Poll\"", 10)).hasSize(1);
            assertThat(kb.search("frames:0x4015d82a", 10)).hasSize(1);
            assertThat(kb.search("exception:LoadProhibited AND version:3.3.005 AND type:mail", 10)).hasSize(1);
            assertThat(kb.search("top_frame:OvmsConsole\\:\\:Poll", 10)).hasSize(1);
            assertThat(kb.search("signature:\"LoadProhibited | mg_send\"", 10)).hasSize(1);
            assertThat(kb.search("exception:IllegalInstruction", 10)).isEmpty();
        }
        // reopened from disk
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThat(kb.get("abc@example.org")).map(KbDocument::crashes).get().asList().hasSize(1);
            assertThat(kb.stats().documents()).isEqualTo(1);
            assertThat(kb.stats().byType()).containsEntry("mail", 1L);
            assertThat(kb.stats().crashes()).isEqualTo(1);
            // `kb stats` lists the types in this order on every run (an immutable Map.copyOf reorders per JVM)
            assertThat(kb.stats().byType().keySet()).containsExactly("mail", "issue", "note", "crash");
        }
    }

    @Test
    void upsertReplacesByIdAndUnchangedContentWritesNothing() throws Exception {
        Path dir = tmp.resolve("kb");
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            kb.upsert(mail("a@x", "first"));
            kb.upsert(mail("b@x", "second"));
            kb.commit();
        }
        List<String> filesBefore = files(dir);
        long genBefore;
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            genBefore = kb.stats().generation();
            assertThat(kb.upsert(mail("a@x", "first"))).isEqualTo(UpsertOutcome.UNCHANGED);
            assertThat(kb.upsert(mail("b@x", "second"))).isEqualTo(UpsertOutcome.UNCHANGED);
            kb.commit();
            assertThat(kb.stats().generation()).isEqualTo(genBefore);
        }
        assertThat(files(dir)).isEqualTo(filesBefore);
        try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
            assertThat(kb.upsert(mail("a@x", "first, edited"))).isEqualTo(UpsertOutcome.UPDATED);
            assertThat(kb.upsert(mail("a@x", "first, edited"))).isEqualTo(UpsertOutcome.UNCHANGED);
            kb.commit();
            assertThat(kb.stats().documents()).isEqualTo(2);
            assertThat(kb.get("a@x")).map(KbDocument::text).contains("first, edited");
            assertThat(kb.remove("a@x")).isTrue();
            assertThat(kb.remove("a@x")).isFalse();
            assertThat(kb.get("a@x")).isEmpty();
            kb.commit();
            assertThat(kb.stats().documents()).isEqualTo(1);
        }
    }

    @Test
    void aSecondWriterGetsAClearLockMessageWhileReadersStillWork() throws Exception {
        Path dir = tmp.resolve("kb");
        try (KnowledgeBase writer = KnowledgeBase.open(dir); KnowledgeBase other = KnowledgeBase.open(dir)) {
            writer.upsert(mail("a@x", "one"));
            writer.commit();
            assertThatThrownBy(() -> other.upsert(mail("b@x", "two")))
                    .isInstanceOf(KbLockedException.class)
                    .hasMessageContaining("being written by another fieldshell")
                    .hasMessageContaining(dir.toString());
            try (KnowledgeBase reader = KnowledgeBase.open(dir)) {
                assertThat(reader.get("a@x")).isPresent();
            }
        }
    }

    @Test
    void badQuerySyntaxIsReportedNotThrownRaw() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThatThrownBy(() -> kb.search("title:(unclosed", 5)).isInstanceOf(KbQueryException.class)
                    .hasMessageContaining("invalid query");
        }
    }

    @Test
    void defaultDirectoryHonoursXdgDataHome() {
        assertThat(KnowledgeBase.defaultDirectory(Map.of("XDG_DATA_HOME", "/data/x"))).isEqualTo(Path.of("/data/x/fieldshell/kb"));
        assertThat(KnowledgeBase.defaultDirectory(Map.of()).toString()).endsWith(".local/share/fieldshell/kb");
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString() + ":" + p.toFile().length() + ":" + p.toFile().lastModified()).sorted().toList();
        }
    }
}
