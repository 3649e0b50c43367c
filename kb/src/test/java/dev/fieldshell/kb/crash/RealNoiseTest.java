package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Captures as users paste them (crash-formats.md §1.6, §3.1): the noise goes, the facts stay. */
class RealNoiseTest {

    private static CrashReport only(String fixture) {
        List<CrashReport> r = CrashParser.parseStrict(Fixtures.read(fixture));
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    private static String signature(CrashReport r) {
        return SignatureGenerator.standard().generate(r).text() + " @ " + SignatureGenerator.standard().generate(r).addressSignature();
    }

    @Test
    void terminalCaptureWithLiteralEscTimestampsAndVisibleLineEnds() {
        CrashReport noisy = only("noisy/panic-terminal-literal-esc.txt");
        CrashReport clean = only("v33-loadprohibited.txt");
        assertThat(signature(noisy)).isEqualTo(signature(clean));
        assertThat(noisy.faultAddress()).hasValue(0xa5L);
        assertThat(noisy.elfSha()).isEqualTo("5e6a07d4d02b1a79");
    }

    @Test
    void aMailClientThatBrokeEachLogLineAfterItsLevelLetter() {
        // seen in the list archives: every ESP_LOG line split after "E"/"I", and the abort line after "abort()"
        String wrapped = "I\n(602) wifi: config NVS flash: enabled\n"
                + "E\n(631) system_api: Base MAC address from BLK0 of EFUSE CRC\nerror, efuse_crc = 0xb2; calc_crc = 0x3d\n"
                + "abort()\nwas called at PC 0x400dc76b on core 1\n";
        List<CrashReport> r = CrashParser.parse(wrapped);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).kind()).isEqualTo(CrashKind.ABORT);
        assertThat(r.get(0).detail()).isEqualTo("abort() was called at PC 0x400dc76b on core 1");
        assertThat(dev.fieldshell.kb.crash.noise.NoiseRemover.cleanText(wrapped).lines().toList())
                .startsWith("config NVS flash: enabled", "Base MAC address from BLK0 of EFUSE CRC");
    }

    @Test
    void sdCardLogOfATaskWatchdog() {
        CrashReport r = only("noisy/twdt-sdcard-log.txt");
        assertThat(r.kind()).isEqualTo(CrashKind.TASK_WATCHDOG);
        assertThat(r.format()).isEqualTo(SourceFormat.TASK_WATCHDOG_LOG);
        assertThat(r.blockedTasks()).containsExactly("IDLE0");
        assertThat(r.currentTasks()).containsExactly("OVMS DukTape", "IDLE1");
        assertThat(SignatureGenerator.standard().generate(r).text()).isEqualTo("task watchdog (IDLE0)");
    }

    @Test
    void bootStatusWithSerialMonitorTimestamps() {
        CrashReport r = only("noisy/bootstatus-serial-timestamps-1247.txt");
        assertThat(r.exception()).isEqualTo("StoreProhibited");
        assertThat(r.firmwareVersion()).isEqualTo("3.3.001-12-g7c4a4d7/ota_1/edge");
        assertThat(r.frames()).hasSize(4);
        assertThat(r.faultAddress()).hasValue(0x30L);
        assertThat(r.event()).isEqualTo("vehicle.charge.start");
        assertThat(r.eventHandler()).isEqualTo("EventScript");
    }

    @Test
    void registerDumpBrokenMidTokenAndBacktraceWrappedInsideAPair() {
        CrashReport r = only("noisy/register-dump-broken-midtoken.txt");
        assertThat(r.registers()).containsEntry("LEND", 0x4008c351L).containsEntry("LCOUNT", 0xffffffffL).containsEntry("A2", 0L);
        assertThat(r.frames()).extracting(Frame::address).containsExactly(0x4008c341L, 0x4008c5a7L, 0x4015d827L, 0x4015e0b2L);
        assertThat(r.frames().get(3).sp()).isEqualTo(0x3ffd2d90L);
        assertThat(r.startLine()).isEqualTo(3);
    }

    @Test
    void quotedFlattenedBootStatusInAGermanReply() {
        CrashReport r = only("noisy/mail-quoted-flattened-282.txt");
        assertThat(r.kind()).isEqualTo(CrashKind.TASK_WATCHDOG);
        assertThat(r.blockedTasks()).containsExactly("IDLE1");
        assertThat(r.firmwareVersion()).isEqualTo("3.2.013-206-g1ad2b3c1/ota_0/edge");
        assertThat(r.idfVersion()).isEqualTo("v3.3.1-1-g4c7b2e0");
        assertThat(r.frames()).hasSize(4);
        assertThat(r.startLine()).isEqualTo(8);
        assertThat(SignatureGenerator.standard().generate(r).text()).isEqualTo("task watchdog (IDLE1)");
    }

    @Test
    void heapAlertQuotedSixDeepAndWrappedInTheSeedThread() {
        CrashReport r = only("noisy/heap-alert-seed-quoted.txt");
        assertThat(r.format()).isEqualTo(SourceFormat.HEAP_ALERT);
        HeapCorruption h = r.heapCorruption().orElseThrow();
        assertThat(h.owner()).isEqualTo(0x3ffea9bcL);
        assertThat(h.got()).isEqualTo(0xbaad5600L);
        assertThat(signature(r)).isEqualTo(signature(only("heap-alert-seed.txt")));
    }

    @Test
    void monitorDecodesInterleavedWithRegistersAndAfterTheBacktrace() {
        CrashReport r = only("noisy/monitor-interleaved.txt");
        assertThat(r.registers()).containsEntry("A2", 0L).containsEntry("EXCVADDR", 0x10L);
        assertThat(r.frames()).extracting(Frame::function)
                .containsExactly("capture_tcp_transport_error", "transport_poll_read", "mqtt_task");
        assertThat(SignatureGenerator.standard().generate(r).text())
                .isEqualTo("LoadProhibited | capture_tcp_transport_error | transport_poll_read");
    }
}
