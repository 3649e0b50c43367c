package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The phrases reports use for each crash kind in prose ({@code kind-words.txt}), as code-word
 * sequences, and whether a document's words contain one. Pure once loaded.
 */
final class KindWords {

    private static final KindWords BUNDLED = load();

    private final Map<CrashKind, List<List<String>>> phrases;

    KindWords(Map<CrashKind, List<List<String>>> phrases) {
        this.phrases = phrases;
    }

    static KindWords bundled() {
        return BUNDLED;
    }

    /**
     * True when one of the token sequences (a document's title, text, cause…) holds a phrase of {@code kind}
     * as consecutive words. {@code words} holds every word of them: a phrase with a word not in it is
     * not looked for (most documents, at a hash look-up each).
     */
    boolean said(CrashKind kind, java.util.Set<String> words, List<List<String>> texts) {
        for (List<String> phrase : phrases.getOrDefault(kind, List.of())) {
            if (!words.containsAll(phrase)) {
                continue;
            }
            for (List<String> text : texts) {
                if (contains(text, phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(List<String> text, List<String> phrase) {
        String first = phrase.get(0);
        for (int i = 0; i + phrase.size() <= text.size(); i++) {
            if (text.get(i).equals(first) && text.subList(i, i + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code KIND<TAB>phrase} lines; a bad line is a packaging error and says which line. */
    static KindWords parse(String data) {
        return parse(DataFile.of("kind-words.txt", data));
    }

    private static KindWords parse(DataFile file) {
        Map<CrashKind, List<List<String>>> out = new EnumMap<>(CrashKind.class);
        for (DataFile.Line line : file.lines()) {
            String[] parts = line.text().split("\t", 2);
            List<String> words = parts.length == 2 ? Tokens.of(parts[1]) : List.of();
            CrashKind kind = parts.length == 2 ? kindOf(parts[0].strip()) : null;
            if (kind == null || words.isEmpty()) {
                throw line.bad("KIND<TAB>phrase");
            }
            out.computeIfAbsent(kind, k -> new ArrayList<>()).add(List.copyOf(words));
        }
        return new KindWords(out);
    }

    private static CrashKind kindOf(String name) {
        try {
            return CrashKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static KindWords load() {
        return parse(DataFile.bundled(KindWords.class, "kind-words.txt"));
    }
}
