package dev.fieldshell.kb.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every entry of the boilerplate list is a word a query can hold; an entry that is not never matches, silently. */
class BoilerplateWordsTest {

    @Test
    void eachEntryIsOneQueryWord() throws IOException {
        List<String> entries;
        try (InputStream in = SuggestQuery.class.getResourceAsStream("boilerplate-words.txt")) {
            entries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.strip().toLowerCase(Locale.ROOT))
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
        assertThat(entries).isNotEmpty();
        List<String> neverMatched = entries.stream().filter(w -> !Tokens.words(w).equals(List.of(w))).toList();
        assertThat(neverMatched).as("entries the query tokenizer splits or changes, so they never match").isEmpty();
    }
}
