package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrashSpotterTest {

    private final CrashSpotter spotter = CrashSpotter.bundled();

    @Test
    void eachMarkerOfTheReferenceIsRecognized() {
        assertThat(spotter.spot("Guru Meditation Error: Core  1 panic'ed (LoadProhibited)")).get()
                .extracting(CrashSpotter.Sighting::label).isEqualTo("Guru Meditation");
        assertThat(spotter.spot("abort() was called at PC 0x400d2c1a on core 0")).isPresent();
        assertThat(spotter.spot("CORRUPT HEAP: Bad tail at 0x3f8e44f0 owner 0x3ffea9bc. Expected 0xbaad5678 got 0xbaad5600"))
                .isPresent();
        assertThat(spotter.spot("Last boot was 318 second(s) ago\n\nLast crash: LoadProhibited exception on core 1\n"))
                .get().extracting(CrashSpotter.Sighting::label).isEqualTo("Last crash");
        assertThat(spotter.spot("  Backtrace:\n  0x4028fbea 0x401e1f9a")).isPresent();
    }

    @Test
    void ordinaryOutputIsNotACrash() {
        assertThat(spotter.spot("Last boot was 318 second(s) ago\n  Crash counters: 0 total, 0 early\n")).isEmpty();
        assertThat(spotter.spot("Heap integrity OK")).isEmpty();
    }
}
