package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void enableWithAPasswordIsMaskedAlsoAbbreviated() {
        assertThat(Secrets.mask("enable hunter2")).isEqualTo("enable ****");
        assertThat(Secrets.mask("en hunter2")).isEqualTo("en ****");
        assertThat(Secrets.mask("enable")).isEqualTo("enable");
    }

    @Test
    void configSecretsKeepParamAndInstanceButNotTheValue() {
        assertThat(Secrets.mask("config set password module s3cret")).isEqualTo("config set password module ****");
        assertThat(Secrets.mask("config set wifi.ssid MyNet \"my wifi key\"")).isEqualTo("config set wifi.ssid MyNet ****");
        assertThat(Secrets.mask("config set server.v2 password abc")).isEqualTo("config set server.v2 password ****");
        assertThat(Secrets.mask("config set module debug.heap.alert yes")).isEqualTo("config set module debug.heap.alert yes");
    }

    @Test
    void quotedWordsAndPasswordsInATargetAreMaskedToo() {
        // The module's tokenizer drops the quotes, so these set the module password as well.
        assertThat(Secrets.mask("config set \"password\" module s3cret")).isEqualTo("config set \"password\" module ****");
        assertThat(Secrets.mask("config set server.v3 'password' s3cret")).isEqualTo("config set server.v3 'password' ****");
        assertThat(Secrets.mask(":connect ssh://admin:hunter2@192.168.4.1 as car")).isEqualTo(":connect ssh://admin:****@192.168.4.1 as car");
    }

    @Test
    void secretConfigIsJudgedByWholeWords() {
        assertThat(Secrets.isSecretConfig("modem", "sim.pin")).isTrue();
        assertThat(Secrets.isSecretConfig("password", "admin")).isTrue();
        assertThat(Secrets.isSecretConfig("usr", "ping.host")).as("ping is not a pin").isFalse();
        assertThat(Secrets.isSecretConfig("module", "debug.heap.alert")).isFalse();
    }

    @Test
    void ordinaryLinesAreUntouched() {
        assertThat(Secrets.mask("vfs echo \"event raise -d5000 usr.check.heap\" /store/events/x/90-y"))
                .isEqualTo("vfs echo \"event raise -d5000 usr.check.heap\" /store/events/x/90-y");
        assertThat(Secrets.mask("event list")).isEqualTo("event list");
    }
}
