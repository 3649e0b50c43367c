package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.data.DataFile;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a crash and a report may share without it saying they are related ({@code weak-evidence.txt}):
 * the CPU exceptions every bad pointer ends in, and the panic header's own words.
 */
final class WeakEvidence {

    private static final WeakEvidence BUNDLED = load();

    private final Set<String> exceptions;
    private final Set<String> words;

    private WeakEvidence(Set<String> exceptions, Set<String> words) {
        this.exceptions = Set.copyOf(exceptions);
        this.words = Set.copyOf(words);
    }

    /** The words that are no evidence alone for a crash with this {@code exception}, lower case. */
    static Set<String> wordsFor(String exception) {
        Set<String> out = new HashSet<>(BUNDLED.words);
        String e = exception.strip().toLowerCase(Locale.ROOT);
        if (BUNDLED.exceptions.contains(e)) {
            out.addAll(Tokens.of(e));
        }
        return out;
    }

    private static WeakEvidence load() {
        Set<String> exceptions = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (DataFile.Line line : DataFile.bundled(WeakEvidence.class, "weak-evidence.txt").lines()) {
            String l = line.text();
            int space = l.indexOf(' ');
            String kind = space < 0 ? l : l.substring(0, space);
            String value = space < 0 ? "" : l.substring(space + 1).strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty() || !(kind.equals("exception") || kind.equals("word"))) {
                throw line.bad("'exception NAME' or 'word WORD'");
            }
            (kind.equals("exception") ? exceptions : words).add(value);
        }
        return new WeakEvidence(exceptions, words);
    }
}
