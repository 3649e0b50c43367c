package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailImportTest {
    @TempDir
    Path tmp;

    static Path fixture(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = MailImportTest.class.getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void pipermailMonthIsSplitIntoMailsWithIdsThreadsAndOwnText() throws Exception {
        Path archive = fixture(tmp, "pipermail-2026-January.txt");
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(archive.toString()));
            assertThat(s.added()).isEqualTo(3);
            assertThat(s.rejected()).isZero();

            KbDocument first = kb.get("crash-0002@expeedo.de").orElseThrow();
            assertThat(first.type()).isEqualTo(DocType.MAIL);
            assertThat(first.title()).isEqualTo("Heap corruption alerts & heap tracing");
            assertThat(first.author()).isEqualTo("Michael Balzer");
            assertThat(first.date()).isEqualTo("2026-01-14T10:22:10Z");
            assertThat(first.threadId()).isEqualTo("root-0001@expeedo.de");
            assertThat(first.text()).contains("Got another one").doesNotContain("mailing list").doesNotContain("Ennepetal");
            assertThat(first.url()).startsWith("https://lists.openvehicles.com/archives/list/ovmsdev@lists.openvehicles.com/message/");
            assertThat(first.components()).contains("mongoose");

            KbDocument reply = kb.get("reply-0003@webb-johnson.net").orElseThrow();
            assertThat(reply.author()).isEqualTo("Mark Webb-Johnson");
            assertThat(reply.text()).startsWith("That vtable indirection").doesNotContain("Guru Meditation")
                    .doesNotContain("schrieb").doesNotContain("iPhone");
            assertThat(reply.crashes()).isEmpty();
            assertThat(reply.references()).containsExactly("crash-0002@expeedo.de", "root-0001@expeedo.de");
            assertThat(reply.threadId()).isEqualTo("root-0001@expeedo.de");

            KbDocument bySubject = kb.get("subject-0004@expeedo.de").orElseThrow();
            assertThat(bySubject.threadId()).as("thread found by normalized subject").isEqualTo("root-0001@expeedo.de");
            assertThat(bySubject.links()).contains("http://lists.openvehicles.com/pipermail/ovmsdev/attachments/20260116/abcd1234/attachment.htm");
            assertThat(bySubject.text()).doesNotContain("scrubbed");
        }
    }

    @Test
    void gzippedArchiveIsDetectedByContentWhateverItsName() throws Exception {
        byte[] plain = MailImportTest.class.getResourceAsStream("pipermail-2026-January.txt").readAllBytes();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(plain);
        }
        Path p = tmp.resolve("archive.bin");
        Files.write(p, bo.toByteArray());
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(p.toString()));
            assertThat(s.added()).isEqualTo(3);
        }
    }

    @Test
    void standardMboxWithMimeQuotedPrintableAndEncodedSubjectIsRead() throws Exception {
        String mbox = """
                From someone@example.org Mon Jan  5 10:00:00 2026
                Return-Path: <someone@example.org>
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <someone@example.org>
                Date: Mon, 5 Jan 2026 10:00:00 +0100
                Subject: =?UTF-8?Q?Absturz_nach_Update?=
                Message-ID: <mime-1@example.org>
                Archived-At: <https://lists.example.org/msg/1>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Nach dem Update st=C3=BCrzt das Modul ab.
                >From the log it is the modem.

                Am 04.01.2026 um 09:00 schrieb Greg D.:
                > alte Nachricht
                --b1
                Content-Type: text/html; charset=utf-8

                <p>HTML version</p>
                --b1--

                From other@example.org Tue Jan  6 10:00:00 2026
                From: other@example.org
                Subject: Re: Absturz nach Update
                Message-ID: <mime-2@example.org>
                Content-Type: text/html; charset=utf-8

                <div>Only HTML here, <b>bold</b> &amp; clear.</div><blockquote type="cite"><div>quoted old text</div></blockquote>
                """;
        Path p = tmp.resolve("list.mbox");
        Files.writeString(p, mbox);
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(p.toString()));
            KbDocument d = kb.get("mime-1@example.org").orElseThrow();
            assertThat(d.author()).isEqualTo("Jürgen Müller");
            assertThat(d.title()).isEqualTo("Absturz nach Update");
            assertThat(d.url()).isEqualTo("https://lists.example.org/msg/1");
            // the quoted message (Greg D.'s) is not in the archive, so its words stay, marked as a quote
            assertThat(d.text()).isEqualTo("Nach dem Update stürzt das Modul ab.\nFrom the log it is the modem.\n\n> alte Nachricht");
            KbDocument html = kb.get("mime-2@example.org").orElseThrow();
            assertThat(html.text()).contains("Only HTML here, bold & clear.").doesNotContain("quoted old text");
            assertThat(html.threadId()).isEqualTo("mime-1@example.org");
        }
    }
}
