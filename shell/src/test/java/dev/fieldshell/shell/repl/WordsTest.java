package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void quotesCountOnlyAtTheStartOfAWordAndHaveNoEscapes() {
        assertThat(Words.split("macro heapcheck --after \"a b\" it's 'x\\y'"))
                .containsExactly("macro", "heapcheck", "--after", "a b", "it's", "x\\y");
    }

    @Test
    void statementsSplitAtSemicolonsOutsideQuotes() {
        assertThat(Words.splitStatements(":connect sim; vfs echo \"a;b\" /store/x ;; boot status"))
                .containsExactly(":connect sim", "vfs echo \"a;b\" /store/x", "boot status");
    }
}
