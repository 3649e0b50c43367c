package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.Frame;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The hand-written forms of signature, task and address normalization that ranking runs for every
 * candidate give what the regular expressions and the formatter they replaced gave, so rankings stay put.
 */
class NormalizationEquivalenceTest {

    static final List<String> SIGNATURES = List.of("LoadProhibited | mg_send | mg_mgr_poll", "  abort ( ipc0 )|x|| y ",
            "a | | b", "A\t|\n b |", "|lead", "no bar here", "", " | ", "x \u000B| y\f|\r z", "Ünïcode | Straße");

    @Test
    void signaturesNormalizeAsTheRegularExpressionDid() {
        for (String s : SIGNATURES) {
            assertThat(DocumentView.normalizeSignature(s)).as(s)
                    .isEqualTo(s.strip().replaceAll("\\s*\\|\\s*", " | ").toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void tasksNormalizeAsTheRegularExpressionDid() {
        for (String t : List.of("Tmr Svc", "  Tmr \t Svc ", "IDLE0", "a\n\nb", "", "x y  z")) {
            assertThat(CrashTraits.task(t)).as(t).isEqualTo(t.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        }
        for (String t : List.of("idle0", "idle1", "idle2", "ipc0", "ipc_task1", "xipc0", "ipc", "0", "tmr svc")) {
            assertThat(CrashTraits.perCore(t)).as(t)
                    .isEqualTo(t.matches("(idle|ipc|ipc_task)[01]") ? t.substring(0, t.length() - 1) : t);
        }
    }

    @Test
    void addressesFormatAsTheFormatterDid() {
        for (long a : new long[] {0, 0x10, 0x4008dd5eL, 0xffffffffL, 0x1ffffffffL, -1L}) {
            assertThat(Frame.hex(a)).isEqualTo(String.format("0x%08x", a));
        }
    }
}
