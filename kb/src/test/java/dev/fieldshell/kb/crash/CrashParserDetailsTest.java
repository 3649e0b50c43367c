package dev.fieldshell.kb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts a reader needs beyond kind and signature: registers, heap details, tasks, events, versions, decodes. */
class CrashParserDetailsTest {

    private static CrashReport only(String fixture) {
        List<CrashReport> r = CrashParser.parse(Fixtures.read(fixture));
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    @Test
    void v33PanicKeepsRegistersShaAndStackPointers() {
        CrashReport r = only("v33-loadprohibited.txt");
        assertThat(r.registers()).hasSize(24).containsEntry("EXCVADDR", 0xa5L).containsEntry("A0", 0x801695e0L);
        assertThat(r.faultAddress()).hasValue(0xa5L);
        assertThat(r.pc()).hasValue(0x401339f2L);
        assertThat(r.elfSha()).isEqualTo("5e6a07d4d02b1a79");
        assertThat(r.frames().get(1)).isEqualTo(Frame.raw(0x401695ddL, 0x3ffc3f30L));
        assertThat(r.startLine()).isEqualTo(1);
    }

    @Test
    void taskWatchdogNamesBlockedAndRunningTasks() {
        CrashReport r = only("v33-twdt-abort.txt");
        assertThat(r.blockedTasks()).containsExactly("IDLE0");
        assertThat(r.currentTasks()).containsExactly("loopTask", "IDLE1");
        assertThat(r.detail()).isEqualTo("abort() was called at PC 0x400d1537 on core 0");
    }

    @Test
    void theErrorLoggedRightBeforeABareAbortIsKeptWithItsTagAndWrappedTail() {
        String text = "I (598) cpu_start: Starting scheduler on PRO CPU.\n"
                + "E (1210) spiram: SPI RAM enabled but initialization failed.\n"
                + "Bailing out.\n"
                + "abort() was called at PC 0x40081a6b on core 0\n"
                + "Backtrace: 0x4008a9d4:0x3ffe3b80 0x4008ac05:0x3ffe3ba0 0x40081a6b:0x3ffe3bc0\n";
        List<CrashReport> r = CrashParser.parse(text);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).loggedError()).isEqualTo("spiram: SPI RAM enabled but initialization failed. Bailing out.");
        assertThat(r.get(0).detail()).isEqualTo("abort() was called at PC 0x40081a6b on core 0");
    }

    @Test
    void anErrorSeparatedFromTheAbortByOtherLogLinesOrABlankLineIsNotItsCause() {
        String laterInfo = "E (1210) wifi: esp_wifi_connect 1134 wifi not start\n"
                + "I (1220) main: retrying\n"
                + "abort() was called at PC 0x40081a6b on core 0\n";
        String blank = "E (1210) wifi: esp_wifi_connect 1134 wifi not start\n\n"
                + "abort() was called at PC 0x40081a6b on core 0\n";
        assertThat(CrashParser.parse(laterInfo).get(0).loggedError()).isEmpty();
        assertThat(CrashParser.parse(blank).get(0).loggedError()).isEmpty();
    }

    @Test
    void anAssertOrErrorCheckIsTheAbortsOwnMessageNotTheLogLineBeforeIt() {
        String assertAbort = "E (1210) app: queue full\n"
                + "assert failed: xQueueGenericSend queue.c:820 (pxQueue)\n"
                + "abort() was called at PC 0x40081a6b on core 0\n";
        CrashReport r = CrashParser.parse(assertAbort).get(0);
        assertThat(r.loggedError()).isEmpty();
        assertThat(r.detail()).startsWith("assert failed: xQueueGenericSend");
    }

    @Test
    void corruptedBacktraceIsFlagged() {
        assertThat(only("v42-corrupted.txt").backtraceCorrupted()).isTrue();
        assertThat(only("heap-multi-heap-5485.txt").backtraceCorrupted()).isFalse(); // |<-CONTINUES is not corruption
    }

    @Test
    void heapAlertWithOwnerFromTheSeedThread() {
        CrashReport r = only("heap-alert-seed.txt");
        HeapCorruption h = r.heapCorruption().orElseThrow();
        assertThat(h.problem()).isEqualTo("Bad tail");
        assertThat(h.block()).isEqualTo(0x3f8e44f0L);
        assertThat(h.hasOwner()).isTrue();
        assertThat(h.owner()).isEqualTo(0x3ffea9bcL);
        assertThat(h.expected()).isEqualTo(0xbaad5678L);
        assertThat(h.got()).isEqualTo(0xbaad5600L);
    }

    @Test
    void heapLineWithoutOwner() {
        HeapCorruption h = only("v5-heap-bad-tail-assert.txt").heapCorruption().orElseThrow();
        assertThat(h.hasOwner()).isFalse();
        assertThat(h.got()).isEqualTo(0x63414141L);
    }

    @Test
    void bootStatusCarriesEventVersionIdfAndResetReason() {
        CrashReport r = only("bootstatus-2024.txt");
        assertThat(r.event()).isEqualTo("ticker.1");
        assertThat(r.eventHandler()).isEqualTo("ovms-server-v2");
        assertThat(r.idfVersion()).isEqualTo("v3.3.4-851-gfa4f07fb3");
        assertThat(r.resetReason()).isEqualTo("Exception/panic");
        assertThat(r.currentTasks()).containsExactly("IDLE0", "OVMS Events");
        assertThat(r.registers()).hasSize(24);
        assertThat(r.startLine()).isEqualTo(9);
    }

    @Test
    void debugCrashRecordReadsFieldsByPosition() {
        CrashReport r = only("debugcrash-v2.txt");
        assertThat(r.registers()).hasSize(24).containsEntry("EXCVADDR", 0x14L).containsEntry("PC", 0x4015d82aL);
        assertThat(r.event()).isEqualTo("network.interface.change");
        assertThat(r.eventHandler()).isEqualTo("netmanager");
        assertThat(r.currentTasks()).containsExactly("IDLE0", "OVMS NetMan");
        assertThat(r.idfVersion()).isEqualTo("v3.3.4-851-gfa4f07fb3");
    }

    @Test
    void mysqlRenderingOfIssue531() {
        CrashReport r = only("debugcrash-mysql-531.txt");
        assertThat(r.resetReason()).isEqualTo("Task watchdog");
        assertThat(r.blockedTasks()).containsExactly("IDLE1");
        assertThat(r.frames()).extracting(Frame::address).containsExactly(0x4008e57eL, 0x4008e819L, 0x400e7558L, 0x4008405aL);
    }

    @Test
    void addr2lineDecodeSymbolizesTheRawBacktraceWithInlinedFrames() {
        CrashReport r = only("decoded-addr2line-1582.txt");
        assertThat(r.frames()).extracting(Frame::function).containsExactly("invoke_abort", "abort", "__assert_func",
                "multi_heap_assert", "multi_heap_free_impl", "heap_caps_free");
        Frame inlined = r.frames().get(3);
        assertThat(inlined.inlined()).isTrue();
        assertThat(inlined.address()).isEqualTo(0x400889bbL);
        assertThat(inlined.line()).isEqualTo(339);
        assertThat(r.frames().get(4).inlined()).isFalse();
        assertThat(r.frames().get(2).line()).isEqualTo(63); // "(discriminator 8)" does not spoil the line
        assertThat(r.frames().get(0).sp()).isEqualTo(0x3ffd8c10L);
    }

    @Test
    void gdbIsInFromTheSeedThreadSurvivesQuotingAndMailWrapping() {
        List<CrashReport> r = CrashParser.parse(Fixtures.read("decoded-gdb-seed.txt"));
        Frame console = r.get(0).frames().get(0);
        assertThat(console.function()).isEqualTo("OvmsConsole::Poll(unsigned int, void*)");
        assertThat(console.file()).endsWith("vehicle/OVMS.V3/main/ovms_console.cpp");
        assertThat(console.line()).isEqualTo(226);
        Frame send = r.get(1).frames().get(0);
        assertThat(send.function()).isEqualTo("mg_send");
        assertThat(send.line()).isEqualTo(2776);
        assertThat(r.get(0).startLine()).isEqualTo(6);
    }

    @Test
    void decodedFramesPastedLaterJoinTheirRawPanic() {
        String text = Fixtures.read("v33-illegal-instruction.txt")
                + "\nI decoded it with a2l:\n\n"
                + "0x4015d82a is in mg_send (/ovms/components/mongoose/mongoose/mongoose.c:2776).\n"
                + "2776        len = nc->iface->vtable->tcp_send(nc, buf, len);\n"
                + "0x4015dd69 is in mg_mgr_poll (/ovms/components/mongoose/mongoose/mongoose.c:3001).\n";
        List<CrashReport> r = CrashParser.parse(text);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).frames()).extracting(Frame::function).containsExactly("mg_send", "mg_mgr_poll", "");
        assertThat(r.get(0).rawText()).contains("mg_mgr_poll");
    }

    @Test
    void arduinoExceptionDecoderOutputIsOneCrashWithItsRegisters() {
        CrashReport r = only("arduino-exception-decoder-esp32.txt");
        assertThat(r.registers()).containsEntry("PC", 0x400d0f5eL).containsEntry("EXCVADDR", 0L);
        assertThat(r.faultAddress()).hasValue(0L);
        // the stack results start with the PC again: it is one frame, not two
        assertThat(r.frames()).extracting(Frame::function).containsExactly("loop()", "loopTask(void*)", "vPortTaskWrapper");
        assertThat(r.frames().get(0).line()).isEqualTo(20);
    }

    @Test
    void arduinoExceptionDecoderKeepsTheExceptionAndThePcFrameBeforeTheStack() {
        CrashReport r = only("arduino-exception-decoder-esp8266.txt");
        assertThat(r.exception()).isEqualTo("LoadProhibited");
        assertThat(r.registers()).containsEntry("PC", 0x40201c4bL).containsEntry("EXCVADDR", 0x10L);
        assertThat(r.frames()).extracting(Frame::function).containsExactly("Sensor::read()", "loop()", "loop_wrapper()");
        assertThat(r.frames().get(0).file()).endsWith("sensor.cpp");
    }

    @Test
    void unrelatedDecodeStaysItsOwnReport() {
        String text = Fixtures.read("v33-illegal-instruction.txt")
                + "\nunrelated:\n0x400d1234 is in foo (/x/foo.c:1).\n";
        List<CrashReport> r = CrashParser.parse(text);
        assertThat(r).hasSize(2);
        assertThat(r.get(1).format()).isEqualTo(SourceFormat.DECODED);
    }

    @Test
    void riscvDumpSkipsStackMemoryAndUsesMepcAndRa() {
        CrashReport r = only("riscv-c6-store-fault.txt");
        assertThat(r.registers()).containsEntry("MCAUSE", 7L).containsEntry("MTVAL", 0L).containsEntry("S0", 0L);
        assertThat(r.faultAddress()).hasValue(0L);
        assertThat(r.frames()).extracting(Frame::address).containsExactly(0x4080a6f6L, 0x4080a6c8L);
        assertThat(r.elfSha()).isEqualTo("7a2e9f31c0b4d6e8");
    }

    @Test
    void isrContextIsKeptForTheCoreThatWasInAnInterruptHandler() {
        List<CrashReport> r = CrashParser.parse(Fixtures.read("interrupt-wdt-two-cores.txt"));
        assertThat(r).extracting(CrashReport::isrContext).containsExactly(true, false);
        assertThat(r.get(0).registers()).containsEntry("EPC1", 0x400d7d8eL);
        assertThat(only("v33-loadprohibited.txt").isrContext()).isFalse();
    }

    @Test
    void bootLoopGivesOneReportPerPanicWithTheBannerIdf() {
        List<CrashReport> r = CrashParser.parse(Fixtures.read("bootloop.txt"));
        assertThat(r).hasSize(2);
        assertThat(r.get(1).startLine()).isEqualTo(16);
        assertThat(r.get(1).idfVersion()).isEqualTo("v3.3.4-851-gfa4f07fb3");
    }

    @Test
    void interruptWatchdogDumpsBothCores() {
        List<CrashReport> r = CrashParser.parse(Fixtures.read("interrupt-wdt-two-cores.txt"));
        assertThat(r).extracting(CrashReport::core).containsExactly(0, 1);
        assertThat(r.get(0).registers()).containsKey("EPC1");
        assertThat(r.get(1).detail()).contains("other core");
        assertThat(r.get(1).frames().get(0).address()).isEqualTo(0x400d7d8eL);
    }

    @Test
    void espErrorCheckKeepsFileFunctionAndExpression() {
        assertThat(only("esp-error-check.txt").detail())
                .contains("ESP_ERR_INVALID_STATE").contains("func: can_start").contains("expression: twai_start()");
    }

    @Test
    void ovmsCurrentTasksLineOfIdf4Builds() {
        CrashReport r = only("ovms-idf4-abort-current-tasks.txt");
        assertThat(r.currentTasks()).containsExactly("OVMS Events", "IDLE1");
        assertThat(r.backtraceCorrupted()).isFalse();
    }

    @Test
    void sanitizerAndStackProtectorDetails() {
        assertThat(only("v5-stack-smashing.txt").detail()).isEqualTo("Stack smashing protect failure!");
        CrashReport ubsan = CrashParser.parseStrict("Undefined behavior of type out_of_bounds\n\nabort() was called at PC 0x40081234 on core 1\n\n"
                + "Backtrace: 0x40081231:0x3ffb0000 0x400d1234:0x3ffb0020\n").get(0);
        assertThat(ubsan.detail()).isEqualTo("Undefined behavior of type out_of_bounds");
        assertThat(ubsan.frames()).hasSize(2);
    }

    @Test
    void noCrashInProseOrEmptyInput() {
        assertThat(CrashParser.parse("")).isEmpty();
        assertThat(CrashParser.parse(null)).isEmpty();
        assertThat(CrashParser.parse("Hi all,\nthe module rebooted twice today.\nRegards\n")).isEmpty();
    }
}
