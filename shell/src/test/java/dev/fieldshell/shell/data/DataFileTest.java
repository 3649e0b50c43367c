package dev.fieldshell.shell.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataFileTest {

    @Test
    void keepsEntriesWithTheirLineNumbers() {
        DataFile f = DataFile.of("t.tsv", "# a comment\n\nfirst\tone  \n   # indented comment\r\n  second\n");
        assertThat(f.lines()).containsExactly(new DataFile.Line("t.tsv", 3, "first\tone"), new DataFile.Line("t.tsv", 5, "second"));
        assertThat(f.lines().get(1).where()).isEqualTo("t.tsv:5");
    }

    @Test
    void aBundledFileIsNamedByItsFileName() {
        DataFile events = DataFile.bundled(DataFile.class, "/dev/fieldshell/shell/sim/sim-events.txt");
        assertThat(events.name()).isEqualTo("sim-events.txt");
        assertThat(events.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.text()).doesNotStartWith("#").isNotBlank());
        assertThatThrownBy(() -> DataFile.bundled(DataFile.class, "nope.tsv")).hasMessage("nope.tsv missing from the class path");
    }
}
