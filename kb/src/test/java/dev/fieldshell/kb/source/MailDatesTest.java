package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class MailDatesTest {
    @Test
    void rfcAndCtimeDatesBecomeUtcInstants() {
        assertThat(MailDates.iso("Thu, 22 Jan 2026 03:20:24 +0100")).isEqualTo("2026-01-22T02:20:24Z");
        assertThat(MailDates.iso("22 Jan 26 00:10 -0330")).isEqualTo("2026-01-22T03:40:00Z");
        assertThat(MailDates.iso("Thu, 22 Jan 2026 03:20:24 CET")).isEqualTo("2026-01-22T02:20:24Z");
        assertThat(MailDates.iso("Thu Jan 22 03:20:24 2026")).isEqualTo("2026-01-22T03:20:24Z");
        assertThat(MailDates.iso("Thu, 22 Jan 2026 03:20:24 +9900")).as("no such offset").isEmpty();
        assertThat(MailDates.iso("Thu, 22 Jan 2026 03:20:24 +0175")).as("no such offset").isEmpty();
        assertThat(MailDates.iso("yesterday")).isEmpty();
    }

    /** Every numeric offset gives what Java's own offset parser gives, or nothing where that one refuses it. */
    @Test
    void numericOffsetsAgreeWithTheJdkParser() {
        for (char sign : new char[] {'+', '-'}) {
            for (int h = 0; h <= 25; h++) {
                for (int m = 0; m <= 99; m += 7) {
                    String zone = String.format("%c%02d%02d", sign, h, m);
                    String expected;
                    try {
                        ZoneOffset off = OffsetDateTime.parse("2026-01-22T03:20:24" + zone,
                                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")).getOffset();
                        expected = OffsetDateTime.of(2026, 1, 22, 3, 20, 24, 0, off).toInstant().toString();
                    } catch (java.time.DateTimeException e) {
                        expected = "";
                    }
                    assertThat(MailDates.iso("Thu, 22 Jan 2026 03:20:24 " + zone)).as(zone).isEqualTo(expected);
                }
            }
        }
    }
}
