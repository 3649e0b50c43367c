package dev.fieldshell.kb.explain;

/**
 * One fact an expert would read from a crash, in a sentence.
 *
 * @param rule     the id of the rule in {@code explain-rules.yaml} that made it
 * @param sentence the sentence
 */
public record Explanation(String rule, String sentence) {}
