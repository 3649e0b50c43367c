package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lines a stopped macro and a stopped {@code :js} line print, for every reason (SandboxTest stops real runs). */
class StopReasonTest {
    private static final Path FILE = Path.of("escape.js");

    @Test
    void aMacroSaysWhyAfterItsFile() {
        assertThat(new StopReason.OverTime(Duration.ofMillis(2000)).inMacro(FILE))
                .hasMessage("escape.js: stopped: ran longer than the JavaScript time limit (2000 ms)");
        assertThat(new StopReason.OverHeap(256L << 20).inMacro(FILE))
                .hasMessage("escape.js: stopped: ran out of memory (held more than 256 MB of heap)");
        assertThat(new StopReason.Cancelled().inMacro(FILE)).hasMessage("escape.js: stopped: ran longer than the JavaScript time limit");
        assertThat(new StopReason.Exhausted("Java heap space").inMacro(FILE))
                .hasMessage("escape.js: stopped: ran out of memory (Java heap space)");
        assertThat(new StopReason.Exhausted("Maximum call stack size exceeded").inMacro(FILE))
                .hasMessage("escape.js: stopped: ran out of resources (Maximum call stack size exceeded)");
    }

    @Test
    void aSessionLineSaysItsTimeAndThatTheSessionStartsAfresh() {
        assertThat(new StopReason.OverTime(Duration.ofMillis(2000)).inSession())
                .hasMessage("stopped after 2000 ms of JavaScript time; the session starts afresh");
        assertThat(new StopReason.OverHeap(256L << 20).inSession())
                .hasMessage("stopped: ran out of memory (held more than 256 MB of heap); the session starts afresh");
        assertThat(new StopReason.Exhausted("Java heap space").inSession())
                .hasMessage("stopped: ran out of memory (Java heap space); the session starts afresh");
    }
}
