package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComponentTaggerTest {
    @Test
    void namesComponentsFromFramesAndProseWhateverTheCase() {
        assertThat(ComponentTagger.components("0x4015d82a is in mg_send (mongoose.c:2776)")).contains("mongoose");
        assertThat(ComponentTagger.components("Crash in OvmsConsole::Poll")).contains("console");
        assertThat(ComponentTagger.components("CORRUPT HEAP: Bad tail at 0x3f8e44f0")).contains("heap");
        assertThat(ComponentTagger.components("leak in esp_crt_copy_asn1")).contains("esp_crt_bundle").doesNotContain("mongoose");
        assertThat(ComponentTagger.components("Power management shuts the modem down")).contains("power-management", "modem");
        assertThat(ComponentTagger.components("nothing relevant here")).isEmpty();
    }

    @Test
    void literalPrefilterNeverHidesAMatch() {
        assertThat(ComponentTagger.requiredLiterals("\\bmg_[a-z_]+|\\bmongoose\\b")).containsExactly("mg_", "mongoose");
        assertThat(ComponentTagger.requiredLiterals("\\bpower ?management\\b")).containsExactly("management");
        assertThat(ComponentTagger.requiredLiterals("\\bcan[0-9]\\b|x")).as("an alternative without a literal disables the filter").isEmpty();
        assertThat(ComponentTagger.requiredLiterals("ovms-server-v2|\\bserver\\.v2\\b")).containsExactly("ovms-server-v2", "server.v2");
    }

    /** Where a match can start relative to its literal: the tagger tries only those starts. */
    @Test
    void knowsHowFarBeforeItsLiteralAnAlternativeCanStart() {
        assertThat(ComponentTagger.literals("\\bmg_[a-z_]+|\\bmongoose\\b")).containsExactly(
                new ComponentTagger.Literal("mg_", 0), new ComponentTagger.Literal("mongoose", 0));
        assertThat(ComponentTagger.literals("\\bpower ?management\\b")).containsExactly(new ComponentTagger.Literal("management", 6));
        assertThat(ComponentTagger.literals("[a-z]\\.?server\\.v2")).containsExactly(new ComponentTagger.Literal("server.v2", 2));
        assertThat(ComponentTagger.literals("x+abcdef|(?:a|b)ghijkl")).containsExactly(
                new ComponentTagger.Literal("abcdef", ComponentTagger.Literal.UNKNOWN), new ComponentTagger.Literal("ghijkl", ComponentTagger.Literal.UNKNOWN));
        assertThat(ComponentTagger.components("the powermanagement")).containsExactly("power-management");
        assertThat(ComponentTagger.components("power management")).containsExactly("power-management");
        assertThat(ComponentTagger.components("xpower management")).isEmpty();
    }

    /** Trying the patterns only around their literals must tag exactly what a full scan of the text tags. */
    @Test
    void agreesWithAFullScanOnRandomText() throws IOException {
        List<String> names = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        try (InputStream in = ComponentTagger.class.getResourceAsStream("components.tsv")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] kv = l.split("\t", 2);
                if (!l.isBlank() && !l.startsWith("#") && kv.length == 2) {
                    names.add(kv[0].strip());
                    patterns.add(Pattern.compile(kv[1].strip(), Pattern.CASE_INSENSITIVE));
                }
            }
        }
        String[] words = {"mg_send", "mg_", "mongoose", "Mongoose!", "can", "can0", "CAN bus", "canX", "heap", "CORRUPT HEAP", "heap_caps_",
            "wifi", "wifix", "xQueueSend", "xqueue", "/store/", "vfs", "power management", "powermanagement", "ovms-server-v2", "server.v2",
            "_", " ", " ", "\n", "x", "0x4008", "esp_crt_", "crt_bundle", "lwip_", "ppp", "modem", "task_wdt", "Task watchdog", "duk_"};
        Random r = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(40); k > 0; k--) {
                sb.append(words[r.nextInt(words.length)]);
                if (r.nextInt(8) == 0) {
                    sb.append("y".repeat(r.nextInt(100)));
                }
            }
            String text = sb.toString();
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                if (patterns.get(k).matcher(text.toLowerCase(Locale.ROOT)).find()) {
                    expected.add(names.get(k));
                }
            }
            assertThat(ComponentTagger.components(text)).as(text).isEqualTo(expected);
        }
    }
}
