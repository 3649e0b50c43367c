package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.kb.index.KbDocument;
import org.junit.jupiter.api.Test;

/**
 * A comment's quote of its own thread is dropped, as before; a quote the thread does not hold that carries
 * a crash (a mail answered by e-mail) is kept with its words, and the crash is the issue's crash. A quote
 * without a crash is dropped as before: most quotes repeat something said elsewhere.
 */
class GithubUnseenQuoteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode issue(String body, String... comments) {
        ObjectNode i = JSON.createObjectNode();
        i.put("number", 282);
        i.put("title", "`can log stop` crashes");
        i.put("html_url", "https://github.com/openvehicles/Open-Vehicle-Monitoring-System-3/issues/282");
        i.put("state", "open");
        i.put("body", body);
        ArrayNode cs = i.putArray("comments");
        for (String c : comments) {
            ObjectNode n = cs.addObject();
            n.putObject("user").put("login", "dexterbg");
            n.put("body", c);
        }
        return i;
    }

    @Test
    void quoteOfAMailTheThreadLacksIsKeptWithItsCrash() {
        KbDocument d = GithubIssueImporter.toDocument(issue("This seems to happen with all vfs logging.",
                """
                Am 10.04.20 um 10:54 schrieb Tamás Kovács:
                > the crash info:
                >
                > Last crash: LoadProhibited exception on core 1
                > Backtrace: 0x400d742b 0x400d6f36 0x400f9b01
                > Version: 3.2.011-169-g4b2f3c64/ota_0/eap (build idf v3.3-beta3-776-g3d198cd50 Apr  5 2020 10:56:45)
                """), "issues.json");
        assertThat(d.crashes()).hasSize(1);
        assertThat(d.crashes().get(0).exception()).isEqualTo("LoadProhibited");
        assertThat(d.text()).contains("> the crash info:").contains("> Last crash: LoadProhibited exception on core 1")
                .doesNotContain("schrieb");
    }

    @Test
    void quoteWithoutACrashIsDroppedAsBefore() {
        KbDocument d = GithubIssueImporter.toDocument(issue("Crashes with all vfs logging.",
                """
                > Did you try the edge build?

                Yes, same crash.
                """), "issues.json");
        assertThat(d.text()).doesNotContain("edge build").contains("Yes, same crash.");
    }

    @Test
    void quoteOfTheThreadItselfIsDroppedEvenWhenRewrapped() {
        KbDocument d = GithubIssueImporter.toDocument(issue("""
                Seems to indicate stack overflow, make your stack bigger?
                Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.
                Backtrace: 0x400d742b:0x3ffc2a50 0x400d6f36:0x3ffc2a70
                """,
                """
                > Seems to indicate stack overflow,
                > make your stack   bigger?
                > Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.
                > Backtrace: 0x400d742b:0x3ffc2a50     0x400d6f36:0x3ffc2a70

                did that, but it did not help
                """), "issues.json");
        assertThat(d.text()).doesNotContain(">").contains("did that, but it did not help");
        assertThat(d.crashes()).as("the body's crash, not again from the quote").hasSize(1);
    }
}
