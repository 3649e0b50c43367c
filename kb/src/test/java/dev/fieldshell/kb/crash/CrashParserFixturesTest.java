package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reference sample (crash-formats.md) parses to the expected crash, frames, version and signature. */
class CrashParserFixturesTest {

    /** fixture, crash count, kind, format, exception, core, frame count, first frame, firmware version, signature of the first crash */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("v33-loadprohibited.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "LoadProhibited", 1, 5, 0x401339f2L, "", "LoadProhibited"),
                Arguments.of("v33-twdt-abort.txt", 1, CrashKind.TASK_WATCHDOG, SourceFormat.PANIC, "abort()", 0, 4, 0x4008e57eL, "", "task watchdog (IDLE0)"),
                Arguments.of("v33-illegal-instruction.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "IllegalInstruction", 0, 3, 0x4015d82aL, "", "IllegalInstruction"),
                Arguments.of("v42-corrupted.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "StoreProhibited", 0, 3, 0x400dc81fL, "", "StoreProhibited"),
                Arguments.of("v5-heap-bad-tail-assert.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.PANIC, "abort()", -1, 5, 0x40375cb6L, "", "CORRUPT HEAP | Bad tail | multi_heap_free"),
                Arguments.of("v5-stack-overflow.txt", 1, CrashKind.STACK_OVERFLOW, SourceFormat.PANIC, "abort()", -1, 6, 0x40081a1eL, "", "stack overflow (main)"),
                Arguments.of("riscv-c6-store-fault.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "Store access fault", 0, 2, 0x4080a6f6L, "", "Store access fault"),
                Arguments.of("pre31-loadprohibited.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "LoadProhibited", 0, 3, 0x400d2a6dL, "", "LoadProhibited"),
                Arguments.of("interrupt-wdt-two-cores.txt", 2, CrashKind.INTERRUPT_WATCHDOG, SourceFormat.PANIC, "Interrupt wdt timeout on CPU0", 0, 3, 0x40090c2aL, "", "interrupt watchdog"),
                Arguments.of("bootloop.txt", 2, CrashKind.EXCEPTION, SourceFormat.PANIC, "InstrFetchProhibited", 1, 3, 0x3ffc1d40L, "", "InstrFetchProhibited"),
                Arguments.of("twdt-v5-nopanic.txt", 2, CrashKind.TASK_WATCHDOG, SourceFormat.TASK_WATCHDOG_LOG, "", -1, 3, 0x400d7e4aL, "", "task watchdog (IDLE1)"),
                Arguments.of("stack-overflow-ovms.txt", 1, CrashKind.STACK_OVERFLOW, SourceFormat.PANIC, "abort()", 1, 4, 0x4008e14cL, "", "stack overflow (OVMS Events)"),
                Arguments.of("configassert.txt", 1, CrashKind.ASSERT, SourceFormat.PANIC, "abort()", 0, 5, 0x4008e14cL, "", "assert | xQueueGenericReceive"),
                Arguments.of("esp-error-check.txt", 1, CrashKind.ASSERT, SourceFormat.PANIC, "abort()", 0, 3, 0x4008e14cL, "", "assert | can_start"),
                Arguments.of("heap-alert-seed.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.HEAP_ALERT, "", -1, 0, -1L, "", "CORRUPT HEAP | Bad tail"),
                Arguments.of("heap-multi-heap-5485.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.PANIC, "abort()", 1, 4, 0x4008b562L, "", "CORRUPT HEAP | multi_heap.c:439"),
                Arguments.of("bootstatus-2024.txt", 1, CrashKind.EXCEPTION, SourceFormat.BOOT_STATUS, "LoadProhibited", 1, 5, 0x401339f2L, "3.3.004-321-gbb821cfc-dirty/ota_0/main", "LoadProhibited"),
                Arguments.of("bootstatus-2018.txt", 1, CrashKind.EXCEPTION, SourceFormat.BOOT_STATUS, "IllegalInstruction", 0, 0, -1L, "", "IllegalInstruction"),
                Arguments.of("bootstatus-2020-twdt.txt", 1, CrashKind.TASK_WATCHDOG, SourceFormat.BOOT_STATUS, "abort()", 0, 4, 0x4008e57eL, "3.2.015-437-g56ef187d-dirty/ota_0/main", "task watchdog (IDLE1, OVMS DukTape)"),
                Arguments.of("bootstatus-flattened-2023.txt", 1, CrashKind.EXCEPTION, SourceFormat.BOOT_STATUS, "LoadProhibited", 1, 4, 0x4008c341L, "3.3.003-132-g2a83fb3d/ota_1/edge", "LoadProhibited"),
                Arguments.of("debugcrash-v2.txt", 1, CrashKind.EXCEPTION, SourceFormat.DEBUG_CRASH_RECORD, "LoadProhibited", 1, 5, 0x4015d82aL, "3.3.005-615-gd132bfe0/ota_0/edge", "LoadProhibited"),
                Arguments.of("debugcrash-mysql-531.txt", 1, CrashKind.TASK_WATCHDOG, SourceFormat.DEBUG_CRASH_RECORD, "abort()", 0, 4, 0x4008e57eL, "3.2.015-437-g56ef187d-dirty/ota_0/main", "task watchdog (IDLE1)"),
                Arguments.of("debugcrash-truncated.txt", 1, CrashKind.EXCEPTION, SourceFormat.DEBUG_CRASH_RECORD, "StoreProhibited", 0, 0, -1L, "3.1.011-27-g1ec1d9c/ota_1/edge", "StoreProhibited"),
                Arguments.of("decoded-addr2line-1582.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.PANIC, "abort()", 0, 6, 0x40087e8cL, "", "CORRUPT HEAP | Bad head | multi_heap_assert | multi_heap_free_impl | heap_caps_free"),
                Arguments.of("decoded-monitor-15168.txt", 1, CrashKind.ASSERT, SourceFormat.PANIC, "abort()", -1, 6, 0x40081a1eL, "", "assert | block_locate_free | tlsf_malloc | http_client_read_body"),
                Arguments.of("decoded-gdb-seed.txt", 2, CrashKind.OTHER, SourceFormat.DECODED, "", -1, 1, 0x4014681eL, "", "OvmsConsole::Poll"),
                Arguments.of("decoded-gdb-bt.txt", 1, CrashKind.OTHER, SourceFormat.DECODED, "", -1, 6, 0x42006686L, "", "bar | foo"),
                Arguments.of("decoded-platformio-8902.txt", 1, CrashKind.STACK_OVERFLOW, SourceFormat.PANIC, "Unhandled debug exception", 1, 5, 0x40377eb3L, "", "stack overflow (loopTask) | recurse | loop"),
                // espflash decodes SP (0x3fc92120) too: a data address is no frame (MEPC and RA are)
                Arguments.of("decoded-espflash-12390.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "Load access fault", 0, 2, 0x42009e4eL, "", "Load access fault | sensor_read | sensor_task"),
                Arguments.of("v5-stack-smashing.txt", 1, CrashKind.ABORT, SourceFormat.PANIC, "abort()", 0, 5, 0x40081a1eL, "", "abort()"),
                Arguments.of("ovms-idf4-abort-current-tasks.txt", 1, CrashKind.ABORT, SourceFormat.PANIC, "abort()", 0, 4, 0x40082ff0L, "", "abort()"),
                Arguments.of("cache-disabled.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "Cache disabled but cached memory region accessed", 0, 3, 0x400d4a2cL, "", "Cache disabled but cached memory region accessed"),
                Arguments.of("decoded-esphome-2062.txt", 1, CrashKind.OTHER, SourceFormat.DECODED, "", -1, 3, 0x420228c8L, "", "String::buffer | String::concat"),
                Arguments.of("v33-double-exception.txt", 1, CrashKind.EXCEPTION, SourceFormat.PANIC, "Double exception", 1, 2, 0x4008f3a6L, "", "Double exception"),
                Arguments.of("v33-debug-canary-sys-evt.txt", 1, CrashKind.STACK_OVERFLOW, SourceFormat.PANIC, "Unhandled debug exception", 0, 3, 0x4008f8a2L, "", "stack overflow (sys_evt)"),
                Arguments.of("newlib-assert-poisoning.txt", 1, CrashKind.ASSERT, SourceFormat.PANIC, "abort()", 0, 5, 0x40087e8cL, "", "assert | multi_heap_free"),
                Arguments.of("heap-size-damaged.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.PANIC, "abort()", 0, 4, 0x40087e8cL, "", "CORRUPT HEAP | Size"),
                Arguments.of("heap-integrity-walk.txt", 1, CrashKind.HEAP_CORRUPTION, SourceFormat.HEAP_ALERT, "", -1, 0, -1L, "", "CORRUPT HEAP | Block points to itself"),
                Arguments.of("pre31-twdt.txt", 1, CrashKind.TASK_WATCHDOG, SourceFormat.PANIC, "abort()", 0, 4, 0x40086e8cL, "", "task watchdog (IDLE)"),
                Arguments.of("v5-twdt-abort.txt", 1, CrashKind.TASK_WATCHDOG, SourceFormat.PANIC, "abort()", 0, 3, 0x40375cb6L, "", "task watchdog (IDLE0)"),
                Arguments.of("riscv-stack-protection.txt", 1, CrashKind.STACK_OVERFLOW, SourceFormat.PANIC, "Stack protection fault", 0, 2, 0x4200b1eaL, "", "stack overflow (mp_task)"),
                // Arduino EspExceptionDecoder: PC and EXCVADDR lines, then "Decoding stack results" — one crash
                Arguments.of("arduino-exception-decoder-esp32.txt", 1, CrashKind.OTHER, SourceFormat.DECODED, "", -1, 3, 0x400d0f5eL, "", "loop | loopTask"),
                Arguments.of("arduino-exception-decoder-esp8266.txt", 1, CrashKind.EXCEPTION, SourceFormat.DECODED, "LoadProhibited", -1, 3, 0x40201c4bL, "", "LoadProhibited | Sensor::read | loop"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleParsesAsExpected(String fixture, int count, CrashKind kind, SourceFormat format, String exception, int core,
            int frames, long firstFrame, String version, String signature) {
        List<CrashReport> crashes = CrashParser.parse(Fixtures.read(fixture));
        assertThat(crashes).hasSize(count);
        CrashReport r = crashes.get(0);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.format()).isEqualTo(format);
        assertThat(r.exception()).isEqualTo(exception);
        assertThat(r.core()).isEqualTo(core);
        assertThat(r.frames()).hasSize(frames);
        if (firstFrame >= 0) {
            assertThat(r.frames().get(0).address()).isEqualTo(firstFrame);
        }
        assertThat(r.firmwareVersion()).isEqualTo(version);
        assertThat(SignatureGenerator.standard().generate(r).text()).isEqualTo(signature);
    }
}
