package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteSplitterTest {
    @Test
    void germanThunderbirdAttributionWithViaListIsSeparatedFromOwnText() {
        MailBody b = QuoteSplitter.split("""
                I've been running the lock for three days now.

                Regards,
                Michael


                Am 17.01.26 um 10:18 schrieb Michael Balzer via OvmsDev:
                > FTR, I was too optimistic.
                >
                >> older text
                """);
        assertThat(b.own()).isEqualTo("I've been running the lock for three days now.\n\nRegards,\nMichael");
        assertThat(b.attributions()).containsExactly("Am 17.01.26 um 10:18 schrieb Michael Balzer:");
        assertThat(b.quoted()).contains("FTR, I was too optimistic.").contains("older text").doesNotContain(">");
    }

    @Test
    void englishAttributionsIncludingOneWrappedOverTwoLinesAreRecognized() {
        MailBody gmail = QuoteSplitter.split("""
                Thanks.

                On Fri, Jun 28, 2024 at 4:08 PM lijiang <lijiang at example.com>
                wrote:
                > the crash
                """);
        assertThat(gmail.own()).isEqualTo("Thanks.");
        assertThat(gmail.attributions()).hasSize(1);
        MailBody apple = QuoteSplitter.split("""
                Ok
                On 17 Nov 2018, at 5:37 PM, Michael Balzer <dexter at expeedo.de> wrote:
                > quoted
                """);
        assertThat(apple.own()).isEqualTo("Ok");
        MailBody plain = QuoteSplitter.split("Michael Balzer wrote:\n> quoted\nmy answer\n");
        assertThat(plain.own()).isEqualTo("my answer");
    }

    @Test
    void inlineRepliesKeepOwnTextInOrder() {
        MailBody b = QuoteSplitter.split("""
                > Regarding config, should I use debug.heap?
                No, use debug.heap.alert.
                > And the delay?
                5 seconds is a guess.
                """);
        assertThat(b.own()).isEqualTo("No, use debug.heap.alert.\n5 seconds is a guess.");
        assertThat(b.quoted()).contains("Regarding config").contains("And the delay?");
    }

    @Test
    void footerSignatureMobileSignoffAndScrubbedAttachmentsAreNotOwnText() {
        MailBody b = QuoteSplitter.split("""
                The fix is in edge.

                --\s
                Michael Balzer * Ennepetal

                Von meinem iPhone gesendet
                _______________________________________________
                OvmsDev mailing list
                OvmsDev at lists.openvehicles.com
                http://lists.openvehicles.com/mailman/listinfo/ovmsdev
                """);
        assertThat(b.own()).isEqualTo("The fix is in edge.");
        MailBody att = QuoteSplitter.split("""
                See attachment.
                -------------- next part --------------
                An HTML attachment was scrubbed...
                URL: <http://lists.openvehicles.com/pipermail/ovmsdev/attachments/20200718/f9915c69/attachment.html>
                """);
        assertThat(att.own()).isEqualTo("See attachment.");
        assertThat(att.attachments()).containsExactly("http://lists.openvehicles.com/pipermail/ovmsdev/attachments/20200718/f9915c69/attachment.html");
    }

    @Test
    void outlookOriginalMessageHeaderStartsQuotedTextWithoutMarkers() {
        MailBody b = QuoteSplitter.split("""
                Same here on 3.3.004.

                Von: Michael Balzer
                Gesendet: Freitag, 16. Januar 2026 10:00
                An: ovmsdev
                Betreff: Heap corruption
                Please send the boot status.
                """);
        assertThat(b.own()).isEqualTo("Same here on 3.3.004.");
        assertThat(b.quoted()).contains("Please send the boot status.");
        MailBody en = QuoteSplitter.split("mine\n-----Original Message-----\nFrom: x\ntheirs\n");
        assertThat(en.own()).isEqualTo("mine");
        assertThat(en.quoted()).contains("theirs");
    }

    @Test
    void aWroteLineWithoutAQuoteAfterItIsOwnText() {
        MailBody b = QuoteSplitter.split("Cesanta wrote: never call mg_* from two tasks.\nSo we need a lock.\n");
        assertThat(b.own()).contains("Cesanta wrote:").contains("So we need a lock.");
    }
}
