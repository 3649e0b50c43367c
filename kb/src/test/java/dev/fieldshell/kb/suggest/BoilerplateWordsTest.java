package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.data.DataFile;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every entry of the boilerplate list is a word a query can hold; an entry that is not never matches, silently. */
class BoilerplateWordsTest {

    @Test
    void eachEntryIsOneQueryWord() {
        List<String> entries = DataFile.bundled(SuggestQuery.class, "boilerplate-words.txt").texts().stream()
                .map(l -> l.toLowerCase(Locale.ROOT)).toList();
        assertThat(entries).isNotEmpty();
        List<String> neverMatched = entries.stream().filter(w -> !Tokens.words(w).equals(List.of(w))).toList();
        assertThat(neverMatched).as("entries the query tokenizer splits or changes, so they never match").isEmpty();
    }
}
