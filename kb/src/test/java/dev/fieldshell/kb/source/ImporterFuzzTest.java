package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.KbDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the mbox and GitHub JSON importers: random and mutated inputs never make
 * an importer throw, and every document they produce has an id. Adversarial inputs are fed at sizes
 * n, 2n, 4n, 8n: the work (bytes allocated by the importing thread, a deterministic count) must grow
 * linearly, not quadratically.
 */
class ImporterFuzzTest {
    private static final String[] MAIL_LINES = {
        "From a at b  Mon Jan  5 10:00:00 2026", "From x@y Thu Jan 22 02:20:24 2026", "From: a at b (A)", "Subject: =?utf-8?q?x=C3", "Subject: =?utf-8?b?////?=",
        "Message-ID: <", "Message-ID: <a@b>", "References: <a@b> <c@d", "In-Reply-To: a@b", "Content-Type: multipart/mixed; boundary=\"b\"",
        "Content-Type: multipart/alternative; boundary=", "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
        "--b", "--b--", "=C3=", "=", "> quoted", ">>>> deep", "Am 17.01.26 um 10:18 schrieb X via OvmsDev:", "On Fri, Jun 28, 2024 at 4:08 PM X <", "wrote:",
        "-----Original Message-----", "Von: X", "Gesendet: Y", "An: Z", "-- ", "_______________________________________________", "OvmsDev mailing list",
        "-------------- next part --------------", "URL: <http://x/y>", "Guru Meditation Error: Core  1 panic'ed (LoadProhibited)", "Backtrace: 0x4008:0x3ff",
        "<html><blockquote><div>", "</blockquote>", "&#x1F600;&#99999999;&amp", "", " folded", "\t", "#120 owner/repo#5 https://github.com/o/r/issues/9"};

    @Test
    void randomMboxInputsNeverThrowAndEveryDocumentHasAnId() throws Exception {
        Random r = new Random(20261123);
        for (int round = 0; round < 400; round++) {
            StringBuilder sb = new StringBuilder();
            int lines = r.nextInt(120);
            for (int i = 0; i < lines; i++) {
                switch (r.nextInt(6)) {
                    case 0 -> sb.append(randomText(r, r.nextInt(200)));
                    case 1 -> sb.append(MAIL_LINES[r.nextInt(MAIL_LINES.length)]).append(randomText(r, r.nextInt(5)));
                    default -> sb.append(MAIL_LINES[r.nextInt(MAIL_LINES.length)]);
                }
                sb.append(r.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextBoolean() && bytes.length > 0) {
                bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256); // sometimes not UTF-8
            }
            List<KbDocument> docs = runMail(bytes);
            assertThat(docs).allSatisfy(d -> assertThat(d.id()).isNotBlank());
        }
    }

    @Test
    void randomJsonInputsNeverThrowAndEveryDocumentHasAnId() throws Exception {
        Random r = new Random(7);
        for (int round = 0; round < 400; round++) {
            StringBuilder sb = new StringBuilder("[");
            int n = r.nextInt(8);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append(randomIssue(r));
            }
            sb.append(r.nextInt(5) == 0 ? "" : "]");
            String json = sb.toString();
            if (r.nextInt(4) == 0 && !json.isEmpty()) {
                int cut = r.nextInt(json.length());
                json = json.substring(0, cut) + randomText(r, 3) + json.substring(cut); // mutate
            }
            List<KbDocument> docs = runJson(json.getBytes(StandardCharsets.UTF_8));
            assertThat(docs).allSatisfy(d -> assertThat(d.id()).matches(".+/.+#-?\\d+"));
        }
    }

    @Test
    void adversarialMailInputsTakeLinearWork() throws Exception {
        List<IntFunction<String>> inputs = List.of(
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <a@b>\n\n" + "On ".repeat(n / 3) + "\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <a@b>\n\n" + ("x wrote:\n> y\n").repeat(n / 12),
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <a@b>\n\n" + ">".repeat(n) + "\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <a@b>\n\n" + "#1a/b".repeat(n / 5) + "\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nSubject: " + "=?utf-8?q?a?= ".repeat(n / 14) + "\nMessage-ID: <a@b>\n\nx\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nSubject: " + "Re: AW: [x] ".repeat(n / 12) + "\nMessage-ID: <a@b>\n\nx\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nReferences: " + "<a@b ".repeat(n / 5) + "\nMessage-ID: <a@b>\n\nx\n",
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nContent-Type: text/html\nMessage-ID: <a@b>\n\n" + "<blockquote>".repeat(n / 12) + "\n",
                n -> ("From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <m@b>\n\nbody\n").repeat(n / 60),
                n -> "From a at b  Mon Jan  5 10:00:00 2026\nMessage-ID: <a@b>\n\n" + "mg_send mongoose wifi ".repeat(n / 22) + "\n");
        for (int k = 0; k < inputs.size(); k++) {
            IntFunction<String> gen = inputs.get(k);
            assertLinear("mail input " + k, size -> runMailWork(gen.apply(size).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void adversarialJsonInputsTakeLinearWork() throws Exception {
        List<IntFunction<String>> inputs = List.of(
                n -> "[" + "{\"number\":1,\"repository\":\"o/r\",\"body\":\"#1 #2\"},".repeat(n / 50) + "{}]",
                n -> "[{\"number\":1,\"repository\":\"o/r\",\"body\":\"" + "owner/repo#1 ".repeat(n / 13) + "\"}]",
                n -> "[{\"number\":1,\"repository\":\"o/r\",\"comments\":[" + "{\"body\":\"> q\\nx\"},".repeat(n / 20) + "{}]}]",
                n -> "[{\"number\":1,\"repository\":\"o/r\",\"labels\":[" + "{\"name\":\"Resolution: Done\"},".repeat(n / 28) + "{}]}]");
        for (int k = 0; k < inputs.size(); k++) {
            IntFunction<String> gen = inputs.get(k);
            assertLinear("json input " + k, size -> runJsonWork(gen.apply(size).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Work must at most roughly double when the size doubles (8x the size: under 20x the work; quadratic would be 64x). */
    private static void assertLinear(String what, Work work) throws Exception {
        int base = 20_000;
        work.measure(base); // warm up so JIT effects do not count
        long w1 = work.measure(base);
        long w8 = work.measure(base * 8);
        assertThat((double) w8 / Math.max(1, w1)).as(what + ": work at 8x size vs 1x (" + w1 + " → " + w8 + ")").isLessThan(20);
    }

    @FunctionalInterface
    interface Work {
        long measure(int size) throws Exception;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long runMailWork(byte[] input) throws IOException {
        long before = allocated();
        runMail(input);
        return allocated() - before;
    }

    private static long runJsonWork(byte[] input) throws IOException {
        long before = allocated();
        runJson(input);
        return allocated() - before;
    }

    private static List<KbDocument> runMail(byte[] input) throws IOException {
        List<KbDocument> docs = new ArrayList<>();
        new MailImporter(ImportLimits.DEFAULT).read(new ByteArrayInputStream(input), "fuzz.mbox", collect(docs));
        return docs;
    }

    private static List<KbDocument> runJson(byte[] input) throws IOException {
        List<KbDocument> docs = new ArrayList<>();
        new GithubIssueImporter(ImportLimits.DEFAULT).read(new ByteArrayInputStream(input), "fuzz.json", collect(docs));
        return docs;
    }

    private static ImportSink collect(List<KbDocument> docs) {
        return new ImportSink() {
            @Override
            public void document(KbDocument doc) {
                docs.add(doc);
            }

            @Override
            public void problem(ImportProblem problem) {
                assertThat(problem.line()).isNotBlank();
            }
        };
    }

    private static String randomIssue(Random r) {
        String[] values = {"1", "-3", "\"x\"", "null", "true", "[]", "{}", "[1,{\"name\":2}]", "{\"login\":[]}", "1e999", "\"owner/repo\"",
            "\"https://api.github.com/repos/o/r\"", "\"https://github.com/o/r/pull/3\"", "\"closed\"", "\"not_planned\"",
            "[{\"body\":null},{\"body\":\"> a\\n#4\"},3]", "{\"merged_at\":\"x\"}", nested(r.nextInt(30))};
        String[] keys = {"number", "title", "body", "state", "state_reason", "labels", "comments", "repository", "repository_url", "html_url",
            "url", "user", "pull_request", "created_at", randomText(r, 3)};
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(10);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append('"').append(keys[r.nextInt(keys.length)].replace("\"", "")).append("\":")
                    .append(values[r.nextInt(values.length)]);
        }
        return sb.append('}').toString();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String randomText(Random r, int len) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "aZ09 :;<>\"'#@./\\=?_-()[]{}\t>From\u00e4\u4e2d";
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
