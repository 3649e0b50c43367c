package dev.fieldshell.kb.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataFileTest {

    @Test
    void keepsEntriesWithTheirLineNumbersAndSkipsCommentsAndBlankLines() {
        DataFile f = DataFile.of("t.tsv", "# a comment\n\nfirst\tone  \n   # indented comment\r\n  second\n");
        assertThat(f.lines()).containsExactly(new DataFile.Line("t.tsv", 3, "first\tone"), new DataFile.Line("t.tsv", 5, "second"));
        assertThat(f.texts()).containsExactly("first\tone", "second");
    }

    @Test
    void aBadEntryIsOneMessageNamingFileLineAndEntry() {
        DataFile.Line l = DataFile.of("words.txt", "# words\n\ntwo words\n").lines().get(0);
        assertThat(l.bad("one word a line")).hasMessage("words.txt:3: expected one word a line, got: two words");
    }

    @Test
    void aBundledFileIsNamedByItsFileName() {
        DataFile words = DataFile.bundled(DataFile.class, "/dev/fieldshell/kb/suggest/boilerplate-words.txt");
        assertThat(words.name()).isEqualTo("boilerplate-words.txt");
        assertThat(words.texts()).contains("guru", "meditation").allSatisfy(t -> assertThat(t).doesNotStartWith("#").isNotBlank());
        assertThatThrownBy(() -> DataFile.bundled(DataFile.class, "nope.tsv")).hasMessage("nope.tsv missing from the class path");
    }
}
