package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.utils.InfoCmp;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.Test;

class TerminalCapabilitiesTest {

    /** What JLine's own parser makes of a terminal description ({@code infocmp} output). */
    private static TerminalCapabilities parsedByJline(String description) {
        Set<Capability> bools = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> ints = new EnumMap<>(Capability.class);
        Map<Capability, String> strings = new EnumMap<>(Capability.class);
        InfoCmp.parseInfoCmp(description, bools, ints, strings);
        return new TerminalCapabilities(bools, ints, strings);
    }

    /** The same for a type JLine carries a description of. */
    private static TerminalCapabilities carriedByJline(String type) {
        return parsedByJline(InfoCmp.getDefaultInfoCmp(type));
    }

    @Test
    void readsBackExactlyWhatJlineParsed() {
        for (String type : new String[] {"xterm-256color", "screen-256color", "ansi", "rxvt-unicode"}) {
            TerminalCapabilities jline = carriedByJline(type);
            assertThat(jline.strings()).as(type).containsKey(Capability.cursor_address);
            assertThat(TerminalCapabilities.parse(jline.format("jline-3.30.6.jar"), "jline-3.30.6.jar")).as(type)
                    .contains(jline);
        }
    }

    @Test
    void takesWhatATerminalKnowsAboutItself() throws Exception {
        try (PipedOutputStream keys = new PipedOutputStream();
                ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(keys),
                        new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            // The terminal took the system's description when there is one (infocmp), JLine's own otherwise.
            assertThat(TerminalCapabilities.of(t)).isEqualTo(parsedByJline(InfoCmp.getInfoCmp("xterm-256color")));
        }
    }

    @Test
    void ignoresWhatAnotherJlineWroteOrWhatItDoesNotUnderstand() {
        String text = carriedByJline("xterm-256color").format("jline-3.30.6.jar");
        assertThat(TerminalCapabilities.parse(text, "jline-3.31.0.jar")).isEmpty();
        assertThat(TerminalCapabilities.parse(text + "b\tno_such_capability\n", "jline-3.30.6.jar")).isEmpty();
        assertThat(TerminalCapabilities.parse(text + "x\tbell\n", "jline-3.30.6.jar")).isEmpty();
        assertThat(TerminalCapabilities.parse(text.substring(0, text.indexOf('\n') + 1), "jline-3.30.6.jar")).isEmpty();
        assertThat(TerminalCapabilities.parse("", "jline-3.30.6.jar")).isEmpty();
    }
}
