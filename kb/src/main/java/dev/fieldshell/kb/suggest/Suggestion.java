package dev.fieldshell.kb.suggest;

import java.util.List;

/**
 * One likely cause: the documents that describe it, why it matched, what the diagnosis was, where
 * to read more and whether it was fixed.
 *
 * @param rank          1-based
 * @param score         0..1 (how close the best document is)
 * @param title         the cause's title (a note's title, the thread's or issue's subject)
 * @param documents     the documents of this cause, best first
 * @param matchedFrames query frames found in them, innermost first
 * @param signatureMatch a document names the crash's signature exactly
 * @param diagnosis     the sentence or paragraph that gives the diagnosis; empty when none was found
 * @param diagnosisFrom the id of the document it came from
 * @param fix           what fixed or works around it (notes); empty if unknown
 * @param status        {@code open}, {@code fixed in 3.3.005}, {@code fixed by commit 069632f}, {@code closed}, or empty
 * @param links         URLs of the documents and the links they give
 * @param matchedFacts  crash facts the best document shares ({@code same kind: stack overflow}, {@code task tmr svc})
 * @param matchedWords  the rarest words of the crash the best document also has, besides its matched frames
 */
public record Suggestion(int rank, double score, String title, List<DocumentRef> documents, List<String> matchedFrames,
        boolean signatureMatch, String diagnosis, String diagnosisFrom, String fix, String status, List<String> links,
        List<String> matchedFacts, List<String> matchedWords) {

    public Suggestion {
        documents = List.copyOf(documents);
        matchedFrames = List.copyOf(matchedFrames);
        links = List.copyOf(links);
        matchedFacts = List.copyOf(matchedFacts);
        matchedWords = List.copyOf(matchedWords);
    }

    /** True when one of the documents has this id (ids compare without surrounding {@code <>}). */
    public boolean contains(String id) {
        String bare = DocumentRef.bare(id);
        return documents.stream().anyMatch(d -> DocumentRef.bare(d.id()).equals(bare));
    }

    /** A document of a cause. */
    public record DocumentRef(String id, String type, String title, String url, double score) {
        static String bare(String id) {
            String s = id.strip();
            return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
        }
    }
}
