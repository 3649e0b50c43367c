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

    /** What a helper types on someone's module: the secret goes through other commands too. */
    @Test
    void secretsInsideOtherCommandsAreMasked() {
        assertThat(Secrets.mask("vfs echo hunter2 /store/ovms_config/password")).isEqualTo("vfs echo **** /store/ovms_config/password");
        assertThat(Secrets.mask("vfs append \"config set password module hunter2\" /store/events/usr.x/00-pw"))
                .isEqualTo("vfs append **** /store/events/usr.x/00-pw");
        assertThat(Secrets.mask(":js ovms.exec(\"enable hunter2\")")).isEqualTo(":js ovms.exec(\"enable ****\")");
        assertThat(Secrets.mask(":js ovms.exec('config set wifi.ssid Home hunter2'); 1"))
                .isEqualTo(":js ovms.exec('config set wifi.ssid Home ****'); 1");
        assertThat(Secrets.mask(":js ovms.config.set('password', \"module\", 'hunter2')"))
                .isEqualTo(":js ovms.config.set('password', \"module\", '****')");
        assertThat(Secrets.mask(":js ovms.config.set('module', 'debug.heap.alert', 'yes')"))
                .isEqualTo(":js ovms.config.set('module', 'debug.heap.alert', 'yes')");
    }

    /** A readable param lists its instances with their values (console reference §8): the server password among them. */
    @Test
    void secretValuesInConfigListOutputAreMasked() {
        String listed = "server.v2 (readable)\n  password: hunter2\n  server: api.openvehicles.com\n";
        assertThat(Secrets.maskOutput("config list server.v2", listed))
                .isEqualTo("server.v2 (readable)\n  password: ****\n  server: api.openvehicles.com\n");
        assertThat(Secrets.maskOutput("co li wifi.ssid", "wifi.ssid (readable)\n  MyHome: hunter2")).isEqualTo("wifi.ssid (readable)\n  MyHome: ****");
        assertThat(Secrets.maskOutput("config list module", "module (readable)\n  debug.heap.alert: yes\n"))
                .isEqualTo("module (readable)\n  debug.heap.alert: yes\n");
        assertThat(Secrets.maskOutput("vfs cat /store/x", "  password: x\n")).as("not config output").isEqualTo("  password: x\n");
    }

    @Test
    void ordinaryLinesAreUntouched() {
        assertThat(Secrets.mask("vfs echo \"event raise -d5000 usr.check.heap\" /store/events/x/90-y"))
                .isEqualTo("vfs echo \"event raise -d5000 usr.check.heap\" /store/events/x/90-y");
        assertThat(Secrets.mask("event list")).isEqualTo("event list");
        assertThat(Secrets.mask("vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap"))
                .isEqualTo("vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap");
        assertThat(Secrets.mask(":js ovms.vfs.ls('/store/events')")).isEqualTo(":js ovms.vfs.ls('/store/events')");
    }
}
