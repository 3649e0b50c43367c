package dev.fieldshell.kb.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    private static List<Explanation> explain(String text) {
        return Explainer.standard().explain(CrashParser.parse(text).get(0));
    }

    private static List<String> rules(String text) {
        return explain(text).stream().map(Explanation::rule).toList();
    }

    @Test
    void nulByteAfterTheBlockAndOwnerCaveatFromTheSeedThread() {
        List<Explanation> e = explain(Fixtures.read("heap-alert-seed.txt"));
        assertThat(e).extracting(Explanation::rule).containsExactly("tail-canary-nul-byte", "heap-owner-caveat", "heap-check-not-crash");
        assertThat(e.get(0).sentence()).contains("0x3f8e44f0").contains("0xbaad5600").contains("one NUL byte");
        assertThat(e.get(1).sentence()).contains("0x3ffea9bc").contains("grain of salt");
    }

    @Test
    void asciiOverrunIsShownAsText() {
        List<Explanation> e = explain(Fixtures.read("v5-heap-bad-tail-assert.txt"));
        assertThat(e.get(0).rule()).isEqualTo("tail-canary-overrun-text");
        assertThat(e.get(0).sentence()).contains("\"AAAc\"");
    }

    @Test
    void otherTailDamageShowsTheBytes() {
        List<Explanation> e = explain("CORRUPT HEAP: Bad tail at 0x3ffb0000. Expected 0xbaad5678 got 0x00000000\n");
        assertThat(e.get(0).rule()).isEqualTo("tail-canary-overrun");
        assertThat(e.get(0).sentence()).contains("4 of 4 bytes").contains("00 00 00 00");
    }

    @Test
    void ownerOfABlockWithADamagedHeadGetsNoTailCaveat() {
        // the tail caveat ("only the tail canary damaged") would be false here
        List<Explanation> e = explain("CORRUPT HEAP: Bad head at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xabba1234 got 0x00000000\n");
        assertThat(e).extracting(Explanation::rule).containsExactly("head-canary-damaged", "heap-owner-head-damaged", "heap-check-not-crash");
        assertThat(e.get(1).sentence()).contains("0x3ffea9bc").contains("block before it").doesNotContain("tail");
    }

    @Test
    void integrityWalkAndSizeFieldDamageAreExplained() {
        List<Explanation> walk = explain(Fixtures.read("heap-integrity-walk.txt"));
        assertThat(walk).extracting(Explanation::rule).containsExactly("heap-block-list-damaged", "heap-check-not-crash");
        assertThat(walk.get(0).sentence()).contains("0x3ffb5a10").contains("Block points to itself");
        assertThat(rules("CORRUPT HEAP: Expected 1024 free bytes counted 768\n")).containsExactly("heap-free-bytes-mismatch", "heap-check-not-crash");
        List<Explanation> size = explain(Fixtures.read("heap-size-damaged.txt"));
        assertThat(size.get(0).rule()).isEqualTo("heap-size-field-damaged");
        assertThat(size.get(0).sentence()).contains("0x41414141").contains("0x00001000");
    }

    @Test
    void assertsInsideTheAllocatorMeanHeapDamage() {
        assertThat(rules(Fixtures.read("decoded-monitor-15168.txt"))).containsExactly("heap-allocator-assert");
        assertThat(explain(Fixtures.read("newlib-assert-poisoning.txt")).get(0).sentence())
                .contains("multi_heap_poisoning.c").contains("heap's own data is damaged");
        // with a CORRUPT HEAP line the canary rules say it better
        assertThat(rules(Fixtures.read("v5-heap-bad-tail-assert.txt"))).doesNotContain("heap-allocator-assert");
        assertThat(rules(Fixtures.read("configassert.txt"))).doesNotContain("heap-allocator-assert");
    }

    @Test
    void aWatchdogAbortsBacktraceIsTheWatchdogsOwn() {
        for (String f : List.of("v33-twdt-abort.txt", "bootstatus-2020-twdt.txt", "debugcrash-mysql-531.txt", "v5-twdt-abort.txt")) {
            assertThat(rules(Fixtures.read(f))).as(f).contains("task-watchdog-abort-backtrace");
        }
        // without panic the watchdog prints the busy CPU's backtrace and does not abort
        assertThat(rules(Fixtures.read("twdt-v5-nopanic.txt"))).doesNotContain("task-watchdog-abort-backtrace");
    }

    @Test
    void espErrorCheckPointsAtTheFailedCall() {
        List<Explanation> e = explain(Fixtures.read("esp-error-check.txt"));
        assertThat(e).extracting(Explanation::rule).containsExactly("esp-error-check");
        assertThat(e.get(0).sentence()).contains("ESP_ERR_INVALID_STATE").contains("twai_start()");
    }

    @Test
    void theErrorLoggedBeforeABareAbortIsNamedAsTheCause() {
        String text = "E (631) system_api: Base MAC address from BLK0 of EFUSE CRC error, efuse_crc = 0xb2; calc_crc = 0x3d\n"
                + "abort() was called at PC 0x400dc76b on core 1\n";
        List<Explanation> e = explain(text);
        assertThat(e).extracting(Explanation::rule).containsExactly("error-logged-before-abort");
        assertThat(e.get(0).sentence()).contains("\"system_api: Base MAC address from BLK0 of EFUSE CRC error, efuse_crc = 0xb2;");
        // an abort() alone says nothing more
        assertThat(rules("abort() was called at PC 0x400dc76b on core 1\n")).doesNotContain("error-logged-before-abort");
    }

    @Test
    void headCanaryDamage() {
        assertThat(rules(Fixtures.read("decoded-addr2line-1582.txt"))).contains("head-canary-damaged");
    }

    @Test
    void nullStructMemberWithOffset() {
        List<Explanation> e = explain(Fixtures.read("bootstatus-2024.txt"));
        assertThat(e.get(0).rule()).isEqualTo("null-struct-member");
        assertThat(e.get(0).sentence()).contains("EXCVADDR is 0x000000a5").contains("offset 165");
        assertThat(e).extracting(Explanation::rule).contains("event-with-handler");
        assertThat(e.get(1).sentence()).contains("ticker.1").contains("ovms-server-v2");
    }

    @Test
    void anEventWhoseScriptsWereRunningPointsAtTheScriptsNotAtAHandlerCalledEventScript() {
        // boot status "Event: <event>@EventScript": the Duktape handlers and /store/events/<event>/ were running
        List<Explanation> e = explain(Fixtures.read("bootstatus-2020-twdt.txt"));
        assertThat(e).extracting(Explanation::rule).contains("event-scripts").doesNotContain("event-with-handler");
        assertThat(e).filteredOn(x -> x.rule().equals("event-scripts")).singleElement().extracting(Explanation::sentence).asString()
                .contains("system.modem.received.ussd was running its scripts", "/store/events/system.modem.received.ussd/");
    }

    @Test
    void nullPointerOnRiscVNamesMtval() {
        assertThat(explain(Fixtures.read("riscv-c6-store-fault.txt")).get(0).sentence()).startsWith("MTVAL is 0x00000000");
    }

    @Test
    void poisonFills() {
        String freed = "Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.\n"
                + "Core 1 register dump:\nPC      : 0x400d1234  PS      : 0x00060530  A0      : 0x800d2345  A1      : 0x3ffc3f00\n"
                + "A2      : 0xfefefefe  EXCCAUSE: 0x0000001c  EXCVADDR: 0xfefefefe\n";
        assertThat(rules(freed)).contains("fault-address-freed").doesNotContain("registers-freed-fill");
        String uninit = freed.replace("0xfefefefe", "0xcececece");
        assertThat(rules(uninit)).contains("fault-address-uninitialized");
        String stack = freed.replace("EXCVADDR: 0xfefefefe", "EXCVADDR: 0x00000000").replace("0xfefefefe", "0xa5a5a5a5");
        assertThat(explain(stack)).extracting(Explanation::rule).contains("null-pointer", "stack-fill");
    }

    @Test
    void pcOutsideCodeMeansCorruptFunctionPointer() {
        List<Explanation> e = explain(Fixtures.read("bootloop.txt"));
        assertThat(e.get(0).rule()).isEqualTo("pc-not-executable");
        assertThat(e.get(0).sentence()).contains("0x3ffc1d40").contains("DRAM").contains("vtable");
    }

    @Test
    void illegalInstructionInFlash() {
        assertThat(rules(Fixtures.read("v33-illegal-instruction.txt"))).containsExactly("illegal-instruction-in-flash");
    }

    @Test
    void watchdogsOverflowAndSmashedStacks() {
        assertThat(explain(Fixtures.read("bootstatus-2020-twdt.txt")).get(0).sentence()).contains("IDLE1, OVMS DukTape");
        assertThat(rules(Fixtures.read("twdt-v5-nopanic.txt"))).contains("task-watchdog", "task-watchdog-idle-starved", "tasks-running");
        assertThat(rules(Fixtures.read("interrupt-wdt-two-cores.txt"))).contains("interrupt-watchdog");
        assertThat(explain(Fixtures.read("stack-overflow-ovms.txt")).get(0).sentence()).contains("OVMS Events");
        assertThat(rules(Fixtures.read("v42-corrupted.txt"))).contains("backtrace-corrupted", "null-struct-member");
        assertThat(rules(Fixtures.read("heap-multi-heap-5485.txt"))).contains("heap-structure-assert");
    }

    @Test
    void anEspIdfSystemTaskThatOverflowsNamesTheSdkconfigOptionThatSizesItsStack() {
        // task "main" is ESP-IDF's: the fix is a build option, named differently before and after ESP-IDF 4.0
        assertThat(rules(Fixtures.read("v5-stack-overflow.txt"))).contains("stack-overflow-system-task").doesNotContain("stack-overflow");
        assertThat(explain(Fixtures.read("v5-stack-overflow.txt")).get(0).sentence())
                .contains("Task main overflowed its stack", "CONFIG_MAIN_TASK_STACK_SIZE (ESP-IDF 3.x; CONFIG_ESP_MAIN_TASK_STACK_SIZE from 4.0)");
        // an application's task has no such option: the general advice
        assertThat(rules(Fixtures.read("stack-overflow-ovms.txt"))).contains("stack-overflow").doesNotContain("stack-overflow-system-task");
        // what a report of the same cause would name, for kb suggest: both sdkconfig names and their Kconfig symbols
        assertThat(explain(Fixtures.read("v5-stack-overflow.txt")).get(0).lookFor()).containsExactly(
                "CONFIG_MAIN_TASK_STACK_SIZE", "MAIN_TASK_STACK_SIZE", "CONFIG_ESP_MAIN_TASK_STACK_SIZE", "ESP_MAIN_TASK_STACK_SIZE");
        assertThat(explain(Fixtures.read("stack-overflow-ovms.txt")).get(0).lookFor()).isEmpty();
    }

    static String illegalInstruction(String returnAddress) {
        return "Guru Meditation Error: Core  0 panic'ed (IllegalInstruction). Exception was unhandled.\n"
                + "Backtrace: 0x400d949a:0x3ffe9500 " + returnAddress + ":0x3ffe9520 0x400d9203:0x3ffe9540\n";
    }

    @Test
    void anIllegalInstructionReturningToAnAddressThatIsNotCodeIsAReturnWithoutACaller() {
        // RETW raises IllegalInstruction when a0 lacks the caller's window bits (a task function has no caller)
        List<Explanation> e = explain(illegalInstruction("0x000000c6"));
        assertThat(e).extracting(Explanation::rule).containsExactly("return-address-not-code");
        assertThat(e.get(0).sentence()).contains("return address 0x000000c6, which is not code", "vTaskDelete(NULL)");
        assertThat(e.get(0).lookFor()).containsExactly("vTaskDelete");
        // returning into flash code: the bytes at PC were not an instruction (a bad function pointer)
        assertThat(rules(illegalInstruction("0x400d9100"))).containsExactly("illegal-instruction-in-flash");
        // a backtrace that ends at PC says nothing about the return
        assertThat(rules(illegalInstruction("0x00000000"))).containsExactly("illegal-instruction-in-flash");
    }

    @Test
    void stackSmashingAndFlashCacheAccess() {
        assertThat(rules(Fixtures.read("v5-stack-smashing.txt"))).containsExactly("stack-smashing");
        assertThat(explain(Fixtures.read("cache-disabled.txt")).get(0).sentence()).contains("IRAM_ATTR");
    }

    @Test
    void exceptionResetByTheInterruptWatchdog() {
        String text = "Reset reason: Interrupt watchdog (5)\n\nLast crash: Alloca exception on core 0\n  Registers:\n"
                + "  PC      : 0x4008b4c2  PS      : 0x00060d34  A0      : 0x8008a1d9  A1      : 0x3ffbe6d0\n"
                + "  Backtrace:\n  0x4008b4c2 0x4008a1d6\n";
        CrashReport r = CrashParser.parse(text).get(0);
        assertThat(r.exception()).isEqualTo("Alloca");
        assertThat(r.resetReason()).isEqualTo("Interrupt watchdog");
        assertThat(Explainer.standard().explain(r)).extracting(Explanation::rule).contains("reset-by-watchdog");
    }

    @Test
    void aCrashInAnInterruptHandlerSaysTheFramesAreTheHandlersAndTheTaskWasInterrupted() {
        String panic = Fixtures.read("interrupt-wdt-two-cores.txt");
        List<Explanation> alone = explain(panic);
        assertThat(alone).extracting(Explanation::rule).contains("isr-context").doesNotContain("isr-context-task");
        assertThat(alone.stream().filter(e -> e.rule().equals("isr-context")).findFirst().orElseThrow().sentence())
                .contains("Core 0").contains("interrupt handler").contains("not a task's");
        // OVMS prints the running tasks before the panic: with an ISR they are the interrupted ones
        List<Explanation> withTasks = explain("[OVMS] Current tasks: OVMS Events|IDLE1\n" + panic);
        assertThat(withTasks).extracting(Explanation::rule).contains("isr-context-task").doesNotContain("isr-context");
        assertThat(withTasks.stream().filter(e -> e.rule().equals("isr-context-task")).findFirst().orElseThrow().sentence())
                .contains("OVMS Events, IDLE1").contains("interrupt came in on");
        // a panic without the ISR block says nothing of interrupt handlers
        assertThat(rules(Fixtures.read("v33-loadprohibited.txt"))).doesNotContain("isr-context", "isr-context-task");
    }

    @Test
    void zeroRegistersAreNotMisread() {
        assertThat(rules(Fixtures.read("bootstatus-2018.txt"))).containsExactly("registers-not-captured");
    }

    @Test
    void rulesAreData() {
        Explainer custom = Explainer.fromYaml("""
                - rule: mine
                  when: {exception: {equals: LoadProhibited}}
                  say: "custom {exception} at {pc}"
                """);
        CrashReport r = CrashParser.parse(Fixtures.read("v33-loadprohibited.txt")).get(0);
        assertThat(custom.explain(r)).containsExactly(new Explanation("mine", "custom LoadProhibited at 0x401339f2"));
    }

    @Test
    void lookForWordsAreDataAndDropAWordWhoseFactIsMissing() {
        Explainer custom = Explainer.fromYaml("""
                - rule: mine
                  when: {exception: {equals: LoadProhibited}}
                  say: "custom"
                  look for: ["handler_{pc}", "{stackOverflowTask}", "plain words"]
                """);
        CrashReport r = CrashParser.parse(Fixtures.read("v33-loadprohibited.txt")).get(0);
        assertThat(custom.explain(r).get(0).lookFor()).containsExactly("handler_0x401339f2", "plain words");
    }
}
