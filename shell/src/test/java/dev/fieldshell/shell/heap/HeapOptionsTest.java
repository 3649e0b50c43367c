package dev.fieldshell.shell.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the words after {@code heap} / {@code :heap} read; the command line's agreement with picocli is HeapArgsTest's. */
class HeapOptionsTest {

    private static HeapOptions.Reading read(String line) {
        return HeapOptions.read(List.of(line.split(" ")));
    }

    private static String wrong(String line) {
        return ((HeapOptions.Reading.Wrong) read(line)).message();
    }

    @Test
    void readsFilesAndOptionsInAnyOrder() {
        assertThat(read("compare a.txt --kb k --json b.txt --clock-mhz 160")).isEqualTo(new HeapOptions.Reading.Read("compare",
                new HeapOptions(null, null, null, Path.of("k"), 160, true, null), List.of(Path.of("a.txt"), Path.of("b.txt")), false, true));
    }

    @Test
    void saysWhatIsWrongInOneLine() {
        assertThat(wrong("trace a.txt")).isEqualTo("heap: say 'analyze FILE…' or 'compare A B'");
        assertThat(wrong("analyze a.txt --colour")).isEqualTo("heap: unknown option --colour");
        assertThat(wrong("analyze a.txt --kb")).isEqualTo("heap: --kb needs a value");
        assertThat(wrong("analyze a.txt --clock-mhz fast")).isEqualTo("heap: --clock-mhz wants a number of MHz, e.g. 240");
        assertThat(wrong("compare a.txt")).isEqualTo("heap compare: give exactly two dumps, A and B");
    }

    @Test
    void takesUnusualLinesButSaysTheyAreNotPlain() {
        // the last of a repeated option counts; a value may look like an option; -x is a file
        assertThat(read("analyze a.txt --kb one --kb two")).isInstanceOfSatisfying(HeapOptions.Reading.Read.class, r -> {
            assertThat(r.options().kbDir()).isEqualTo(Path.of("two"));
            assertThat(r.plain()).isFalse();
        });
        assertThat(read("analyze a.txt --clock-mhz -5")).isInstanceOfSatisfying(HeapOptions.Reading.Read.class, r -> {
            assertThat(r.options().clockMhz()).isEqualTo(-5);
            assertThat(r.plain()).isFalse();
        });
        assertThat(read("analyze -x")).isInstanceOfSatisfying(HeapOptions.Reading.Read.class, r -> {
            assertThat(r.files()).containsExactly(Path.of("-x"));
            assertThat(r.plain()).isFalse();
        });
    }
}
