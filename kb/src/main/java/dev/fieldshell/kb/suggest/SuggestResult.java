package dev.fieldshell.kb.suggest;

import java.util.List;

/**
 * The answer to "have we seen this?": the ranked causes, or a plain statement that nothing in the KB
 * is close, plus what was searched for.
 *
 * @param suggestions  ranked causes (empty when nothing is close)
 * @param nothingClose true when candidates existed but none reached the threshold, or the KB had none
 * @param message      one line for people when there are no suggestions
 * @param signature    the crash's signature; empty if none
 * @param frames       the relevant frames compared (short names or addresses)
 * @param skipped      frames skipped as irrelevant
 * @param explanations what the crash's own facts say (NULL member, canary byte, …)
 * @param notes        symbolization and identity notes (e.g. a wrong-ELF warning)
 */
public record SuggestResult(List<Suggestion> suggestions, boolean nothingClose, String message, String signature,
        List<String> frames, List<String> skipped, List<String> explanations, List<String> notes) {

    public SuggestResult {
        suggestions = List.copyOf(suggestions);
        frames = List.copyOf(frames);
        skipped = List.copyOf(skipped);
        explanations = List.copyOf(explanations);
        notes = List.copyOf(notes);
    }

    public SuggestResult withContext(List<String> explanations, List<String> notes) {
        return new SuggestResult(suggestions, nothingClose, message, signature, frames, skipped, explanations, notes);
    }
}
