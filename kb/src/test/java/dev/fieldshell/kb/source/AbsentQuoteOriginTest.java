package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail that answers a message the archive does not hold keeps what it quotes: the quoted crash is
 * the only report of it the KB will have, and the quoted words are often the diagnosis being answered.
 * A reply to a message that is in the archive still drops its quote and links the quoted crash instead.
 */
class AbsentQuoteOriginTest {
    @TempDir
    Path tmp;

    private static final String PANIC = """
            Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.
            Backtrace: 0x400d742b:0x3ffc2a50 0x400d6f36:0x3ffc2a70 0x400f9b01:0x3ffc2a90
            """;

    /** A crash report and a reply that quotes it, both in one archive. */
    private static final String REPORT_AND_REPLY = """
            From someone at y.de  Mon Mar  2 09:00:00 2026
            From: someone at y.de (Someone)
            Date: Mon, 02 Mar 2026 09:00:00 +0100
            Subject: [Ovmsdev] Crash when stopping the CAN log
            Message-ID: <a@x>

            %s
            The log rotation seems to close the file while the CAN task still writes.

            From dexter at expeedo.de  Tue Mar  3 10:00:00 2026
            From: dexter at expeedo.de (Michael Balzer)
            Date: Tue, 03 Mar 2026 11:00:00 +0100
            Subject: Re: [Ovmsdev] Crash when stopping the CAN log
            In-Reply-To: <a@x>
            Message-ID: <b@x>

            Am 02.03.26 um 09:00 schrieb Someone:
            %s
            > The log rotation seems to close the file while the CAN task still writes.

            That is a race between fclose() and fwrite(), I will add a lock.

            """.formatted(PANIC.strip(), quoted(PANIC.strip()));

    private static String quoted(String text) {
        return text.lines().map(l -> "> " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private List<KbDocument> ingest(String archive) throws Exception {
        Path p = tmp.resolve("ovmsdev-2026-March.txt");
        Files.writeString(p, archive);
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(p.toString()));
            assertThat(s.rejected()).isZero();
            return java.util.Arrays.asList(kb.get("a@x").orElse(null), kb.get("b@x").orElse(null));
        }
    }

    @Test
    void replyToAMessageOutsideTheArchiveKeepsItsQuotedCrashAndWords() throws Exception {
        String archive = """
                From dexter at expeedo.de  Tue Mar  3 10:00:00 2026
                From: dexter at expeedo.de (Michael Balzer)
                Date: Tue, 03 Mar 2026 11:00:00 +0100
                Subject: Re: [Ovmsdev] Crash when stopping the CAN log
                In-Reply-To: <never-archived@y>
                Message-ID: <b@x>

                Am 02.03.26 um 09:00 schrieb Someone:
                %s
                > The log rotation seems to close the file while the CAN task still writes.

                That is a race between fclose() and fwrite(), I will add a lock.

                """.formatted(quoted(PANIC.strip()));
        KbDocument reply = ingest(archive).get(1);
        assertThat(reply.crashes()).as("the quote is the only copy of this crash").hasSize(1);
        assertThat(reply.crashes().get(0).exception()).isEqualTo("LoadProhibited");
        assertThat(reply.quotedFrom()).isEmpty();
        assertThat(reply.signatures()).isNotEmpty();
        assertThat(reply.text()).startsWith("That is a race between fclose() and fwrite()")
                .contains("> The log rotation seems to close the file while the CAN task still writes.")
                .doesNotContain("schrieb");
    }

    @Test
    void replyToAnArchivedMessageStillDropsItsQuoteAndLinksTheCrash() throws Exception {
        String archive = REPORT_AND_REPLY;
        List<KbDocument> docs = ingest(archive);
        assertThat(docs.get(0).crashes()).hasSize(1);
        KbDocument reply = docs.get(1);
        assertThat(reply.crashes()).isEmpty();
        assertThat(reply.quotedFrom()).containsExactly("a@x");
        assertThat(reply.text()).isEqualTo("That is a race between fclose() and fwrite(), I will add a lock.");
    }

    @Test
    void aMailWithoutReplyHeadersWhoseSubjectStartsNoEarlierThreadKeepsItsQuote() throws Exception {
        String archive = """
                From dexter at expeedo.de  Tue Mar  3 10:00:00 2026
                From: dexter at expeedo.de (Michael Balzer)
                Date: Tue, 03 Mar 2026 11:00:00 +0100
                Subject: Re: [Ovmsdev] Module reboots during boot
                Message-ID: <b@x>

                >> If your ESP32 really lost its efuses, I think that's a warranty issue.
                > I ran the dump.

                The CRC check is done on the data level.

                """;
        KbDocument reply = ingest(archive).get(1);
        assertThat(reply.text()).isEqualTo("""
                The CRC check is done on the data level.

                > If your ESP32 really lost its efuses, I think that's a warranty issue.
                > I ran the dump.""");
    }

    @Test
    void anImporterWhoseMemoryIsFullTakesAReplysQuoteAsAnsweredInsteadOfKeepingAForgottenOrigin() throws Exception {
        // In a large archive the importer stops remembering mails; the origin of a quote may then be in the KB
        // although the importer no longer knows it, and keeping the quote would index the same crash text again.
        String archive = """
                From someone at y.de  Mon Mar  2 08:00:00 2026
                From: someone at y.de (Someone)
                Date: Mon, 02 Mar 2026 08:00:00 +0100
                Subject: [Ovmsdev] Unrelated
                Message-ID: <first@x>

                Nothing to see.

                """ + REPORT_AND_REPLY;
        List<KbDocument> docs = new java.util.ArrayList<>();
        new MailImporter(ImportLimits.DEFAULT, 1).read(
                new java.io.ByteArrayInputStream(archive.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "ovmsdev.txt",
                new ImportSink() {
                    @Override
                    public void document(KbDocument doc) {
                        docs.add(doc);
                    }

                    @Override
                    public void problem(ImportProblem problem) {
                        throw new AssertionError(problem.toString());
                    }
                });
        assertThat(docs).extracting(KbDocument::id).containsExactly("first@x", "a@x", "b@x");
        KbDocument reply = docs.get(2);
        assertThat(reply.text()).isEqualTo("That is a race between fclose() and fwrite(), I will add a lock.");
        assertThat(reply.crashes()).isEmpty();
    }
}
