package dev.fieldshell.kb.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Fixtures;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.SourceFormat;
import dev.fieldshell.kb.signature.Decision.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureGeneratorTest {

    private final SignatureGenerator gen = SignatureGenerator.standard();

    private static CrashReport exception(String name, Frame... frames) {
        return new CrashReport(CrashKind.EXCEPTION, SourceFormat.PANIC, name, 1, Map.of(), List.of(frames), false,
                "3.3.005-615-gd132bfe0/ota_0/edge", "", "", "", "", "", List.of(), Optional.empty(), "", 1);
    }

    @Test
    void mongooseCrashReadsLikeTheIssueExample() {
        CrashReport r = exception("LoadProhibited",
                Frame.named(0x4015d82aL, "mg_send"),
                Frame.named(0x4015dd69L, "mg_mgr_poll"),
                Frame.named(0x4015f0e1L, "OvmsNetManager::MongooseTask()"));
        Signature s = gen.generate(r);
        assertThat(s.text()).isEqualTo("LoadProhibited | mg_send | mg_mgr_poll");
        assertThat(s.decisions()).extracting(Decision::action).containsExactly(Action.KEPT, Action.KEPT, Action.NOT_REACHED);
        assertThat(s.addressSignature()).isEqualTo("3.3.005-615-gd132bfe0 | LoadProhibited | 0x4015d82a 0x4015dd69 0x4015f0e1");
    }

    @Test
    void panicReasonsEndingInExceptionKeepTheirWholeName() {
        // v3.3 panicHandler reasons (crash-formats.md §1.2): "Double" alone names nothing a user would search for
        for (String reason : List.of("Double exception", "Unhandled kernel exception", "Coprocessor exception")) {
            CrashReport r = CrashParser.parse("Guru Meditation Error: Core  1 panic'ed (" + reason + ")\n"
                    + "Backtrace: 0x4008f3a6:0x3ffc0f60 0x4008c2de:0x3ffc0f90\n").get(0);
            assertThat(gen.generate(r).text()).isEqualTo(reason);
        }
    }

    @Test
    void abortMachinerySkippedAllocatorsPrefixed() {
        CrashReport r = exception("LoadProhibited",
                Frame.named(1, "panic_abort"), Frame.named(2, "esp_system_abort"), Frame.named(3, "abort"),
                Frame.named(4, "__assert_func"), Frame.named(5, "multi_heap_free"), Frame.named(6, "heap_caps_free"),
                Frame.named(7, "free"), Frame.named(8, "OvmsConsole::Poll(unsigned int, void*)"),
                Frame.named(9, "OvmsConsole::Service()"), Frame.named(10, "vPortTaskWrapper"));
        Signature s = gen.generate(r);
        assertThat(s.text()).isEqualTo("LoadProhibited | multi_heap_free | heap_caps_free | free | OvmsConsole::Poll | OvmsConsole::Service");
        assertThat(s.decisions().get(0).rule()).isEqualTo("irrelevant.txt: panic_abort");
        assertThat(s.decisions().get(4).action()).isEqualTo(Action.PREFIX);
        assertThat(s.decisions().get(4).rule()).isEqualTo("prefix-allocator.txt: multi_heap_*");
        assertThat(s.frames()).containsExactly("multi_heap_free", "heap_caps_free", "free", "OvmsConsole::Poll", "OvmsConsole::Service");
    }

    @Test
    void sentinelStartsTheSignature() {
        CrashReport r = exception("IllegalInstruction",
                Frame.named(1, "some_helper"), Frame.named(2, "__cxa_pure_virtual"), Frame.named(3, "Vehicle::Ticker1(unsigned int)"));
        Signature s = gen.generate(r);
        assertThat(s.text()).isEqualTo("IllegalInstruction | __cxa_pure_virtual | Vehicle::Ticker1");
        assertThat(s.decisions().get(0).action()).isEqualTo(Action.SKIPPED_ABOVE_SENTINEL);
    }

    @Test
    void unsymbolizedCrashGetsHeadAndAddressSignature() {
        CrashReport r = CrashParser.parse(Fixtures.read("bootstatus-2024.txt")).get(0);
        Signature s = gen.generate(r);
        assertThat(s.text()).isEqualTo("LoadProhibited");
        assertThat(s.symbolic()).isFalse();
        assertThat(s.addressSignature())
                .isEqualTo("3.3.004-321-gbb821cfc-dirty | LoadProhibited | 0x401339f2 0x401695dd 0x4016b665 0x4016da8e 0x4008e225");
        assertThat(s.decisions()).allMatch(d -> d.action() == Action.SKIPPED_NO_SYMBOL);
    }

    @Test
    void recursionAndInliningDoNotRepeatAName() {
        CrashReport r = exception("StoreProhibited",
                Frame.named(1, "esp_crt_copy_asn1"), Frame.named(2, "esp_crt_copy_asn1.constprop.0"), Frame.named(3, "esp_crt_ca_cb_callback"));
        assertThat(gen.generate(r).text()).isEqualTo("StoreProhibited | esp_crt_copy_asn1 | esp_crt_ca_cb_callback");
    }

    @Test
    void heapAlertSignature() {
        CrashReport r = CrashParser.parse(Fixtures.read("heap-alert-seed.txt")).get(0);
        assertThat(gen.generate(r).text()).isEqualTo("CORRUPT HEAP | Bad tail");
    }

    @Test
    void emptyIsSaidExplicitly() {
        CrashReport r = new CrashReport(CrashKind.OTHER, SourceFormat.DECODED, "", -1, Map.of(), List.of(), false, "", "", "",
                "", "", "", List.of(), Optional.empty(), "", 1);
        assertThat(gen.generate(r).text()).isEqualTo("EMPTY: no frame data available");
    }

    @Test
    void longSignaturesAreCut() {
        Frame[] many = new Frame[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = Frame.named(i + 1, "std::vector<T>::push_back" + "x".repeat(i % 3 == 0 ? 0 : 1));
        }
        many[39] = Frame.named(99, "caller");
        String text = gen.generate(exception("LoadProhibited", many)).text();
        assertThat(text.length()).isLessThanOrEqualTo(255);
    }
}
