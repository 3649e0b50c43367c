package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirmwareAndEventsTest {

    @Test
    void parsesBannerVersionsAndComparesEdgeBuilds() {
        FirmwareVersion v = FirmwareVersion.of("3.3.006-259-g1aa1daff1/ota_0/edge");
        assertThat(v.release()).isEqualTo("3.3.006-259");
        assertThat(FirmwareVersion.of("3.3.005").compareTo(FirmwareVersion.of("3.3.005-723"))).isNegative();
        assertThat(FirmwareVersion.of("3.3.005-800-gabc/ota_1/edge").atLeast(FirmwareVersion.of("3.3.005-723"))).isTrue();
        assertThat(FirmwareVersion.parse("Firmware: 3.2.017/ota_0/main")).hasValue(new FirmwareVersion(3, 2, 17, 0, "3.2.017/ota_0/main"));
        assertThat(FirmwareVersion.parse("garbage")).isEmpty();
        assertThat(FirmwareVersion.parse("")).isEmpty();
    }

    @Test
    void featureTableKnowsVfsEchoAndRun() {
        FeatureTable t = FeatureTable.bundled();
        assertThat(t.has(FirmwareVersion.of("3.3.006"), FeatureTable.VFS_ECHO)).isTrue();
        assertThat(t.has(FirmwareVersion.of("3.3.005-999"), FeatureTable.VFS_ECHO)).isFalse();
        assertThat(t.has(FirmwareVersion.of("3.3.005-723"), "run")).isTrue();
        assertThat(t.missingFor(FirmwareVersion.of("3.3.005"), List.of("module", "check", "alert"))).map(Feature::id).hasValue("module.check.alert");
        assertThat(t.missingFor(FirmwareVersion.of("3.3.005"), List.of("module", "check"))).isEmpty();
        assertThat(t.missingFor(FirmwareVersion.of("3.2.016"), List.of("echo", "hi"))).map(Feature::id).hasValue("root.echo");
    }

    @Test
    void eventNamesWithDidYouMean() {
        EventNames names = EventNames.bundled();
        assertThat(names.check("server.v3.stopped")).isInstanceOf(EventNames.Verdict.Known.class);
        assertThat(names.check("clock.0730")).isInstanceOf(EventNames.Verdict.Known.class);
        assertThat(names.check("clock.2460")).isInstanceOf(EventNames.Verdict.Unknown.class);
        assertThat(names.check("usr.check.heap")).isInstanceOf(EventNames.Verdict.Family.class);
        assertThat(names.check("wifi.down")).isInstanceOfSatisfying(EventNames.Verdict.Unknown.class,
                u -> assertThat(u.suggestions()).containsExactly("network.wifi.down", "system.wifi.down"));
        assertThat(names.check("server.v2.stoped")).isInstanceOfSatisfying(EventNames.Verdict.Unknown.class,
                u -> assertThat(u.suggestions()).first().isEqualTo("server.v2.stopped"));
    }
}
