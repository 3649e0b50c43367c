package dev.fieldshell.kb.explain;

import java.util.List;

/**
 * One fact an expert would read from a crash, in a sentence.
 *
 * @param rule     the id of the rule in {@code explain-rules.yaml} that made it
 * @param sentence the sentence
 * @param lookFor  words or phrases a report that diagnosed this cause would use (the rule's {@code look for}),
 *                 for {@code kb suggest} to search; empty for most rules
 */
public record Explanation(String rule, String sentence, List<String> lookFor) {

    public Explanation {
        lookFor = List.copyOf(lookFor);
    }

    public Explanation(String rule, String sentence) {
        this(rule, sentence, List.of());
    }
}
