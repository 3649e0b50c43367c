package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

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
}
