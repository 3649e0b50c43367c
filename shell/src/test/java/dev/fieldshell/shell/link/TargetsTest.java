package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void readsEachKindOfTarget() {
        assertThat(Targets.parse("sim")).isEqualTo(new TargetSpec.Sim("sim", ""));
        assertThat(Targets.parse("sim:3.3.005")).isEqualTo(new TargetSpec.Sim("sim:3.3.005", "3.3.005"));
        assertThat(Targets.parse("ssh://admin@10.0.0.5:2222"))
                .isEqualTo(new TargetSpec.Ssh("ssh://admin@10.0.0.5:2222", "admin", "10.0.0.5", 2222, false, Map.of()));
        assertThat(Targets.parse("ssh://[::1]:22?framing=exec"))
                .isEqualTo(new TargetSpec.Ssh("ssh://[::1]:22?framing=exec", "", "::1", 22, false, Map.of("framing", "exec")));
        assertThat(Targets.parse("mycar")).isEqualTo(new TargetSpec.Ssh("mycar", "", "mycar", 0, true, Map.of()));
        assertThat(Targets.parse("serial:/dev/ttyUSB0?baud=921600"))
                .isEqualTo(new TargetSpec.Serial("serial:/dev/ttyUSB0?baud=921600", "/dev/ttyUSB0", 921600));
        assertThat(((TargetSpec.Serial) Targets.parse("serial:/dev/ttyUSB1")).baud()).isEqualTo(115200);
    }

    @Test
    void badTargetsSayWhatIsWrong() {
        assertThatThrownBy(() -> Targets.parse("ssh://admin@host:99999")).hasMessageContaining("port out of range");
        assertThatThrownBy(() -> Targets.parse("serial:/dev/ttyUSB0?baud=fast")).hasMessageContaining("bad baud rate 'fast'");
        assertThatThrownBy(() -> Targets.parse("serial:")).hasMessageContaining("without a device");
        assertThatThrownBy(() -> Targets.parse("sim:latest")).hasMessage("not a firmware version in 'sim:latest' (expected e.g. sim:3.3.005)");
        assertThatThrownBy(() -> Targets.parse("ftp://x y")).hasMessageContaining("unknown target");
        assertThatThrownBy(() -> Targets.parse("ssh://admin:hunter2@192.168.4.1"))
                .hasMessage("a password in the target ('ssh://admin:…@…') is not taken: leave it out and type it when asked, or use a key");
    }

    @Test
    void defaultNamesAreShort() {
        assertThat(Targets.defaultName("ssh://admin@car.local:2222")).isEqualTo("car.local:2222");
        assertThat(Targets.defaultName("serial:/dev/ttyUSB0")).isEqualTo("ttyUSB0");
        assertThat(Targets.defaultName("sim:3.3.005")).isEqualTo("sim:3.3.005");
    }
}
