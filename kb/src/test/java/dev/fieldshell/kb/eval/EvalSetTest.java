package dev.fieldshell.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.eval.EvalSetFiles.EvalSet;
import dev.fieldshell.kb.eval.EvalSetFiles.Query;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Well-formedness of the development evaluation set under {@code src/test/resources/eval}: the
 * corpus parses in the shapes PRODUCT.md promises (GitHub REST issue arrays, pipermail/mbox text),
 * every relevant id of every query names a corpus document, and no query text leaks into the corpus.
 * Reading is done by {@link EvalSetFiles}, independent of the project's importers.
 */
class EvalSetTest {

    /** The set must stay at least this large (issue 6: "at least 40 queries"). */
    private static final int MIN_QUERIES = 40;

    private static EvalSet set;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        set = EvalSetFiles.load("/eval");
    }

    @Test
    void hasEnoughQueriesWithUniqueIds() {
        assertThat(set.queries().size()).as("number of queries").isGreaterThanOrEqualTo(MIN_QUERIES);
        Set<String> ids = new HashSet<>();
        for (Query q : set.queries()) {
            assertThat(ids.add(q.id())).as("duplicate query id %s (line %d)", q.id(), q.line()).isTrue();
        }
    }

    @Test
    void everyQueryIsCrashTextWithRelevantDocumentsInTheCorpus() {
        for (Query q : set.queries()) {
            assertThat(q.text()).as("query %s text", q.id()).isNotBlank();
            assertThat(EvalSetFiles.CRASH_MARKER.matcher(q.text()).find()).as("query %s looks like crash text", q.id()).isTrue();
            assertThat(q.relevant()).as("query %s relevant", q.id()).isNotEmpty();
            for (String r : q.relevant()) {
                assertThat(set.corpus()).as("query %s names relevant document %s", q.id(), r).containsKey(r);
            }
        }
    }

    @Test
    void queryTextsAreHeldOutOfTheCorpus() {
        List<String> texts = set.normalizedCorpusTexts();
        for (Query q : set.queries()) {
            String needle = EvalSetFiles.normalize(q.text());
            for (String t : texts) {
                assertThat(t.contains(needle)).as("query %s appears verbatim in the corpus", q.id()).isFalse();
            }
        }
    }

    @Test
    void noDocumentNamesAQueryId() {
        // A note "held out as query freertos-timer-task-stack-canary" would hand the relevant document the
        // query's descriptive words (timer, task, stack, canary) that the query text itself may not have.
        EvalSetFiles.assertNoQueryIdIn(set);
    }

    @Test
    void corpusHasDistractorsBeyondTheRelevantDocuments() {
        Set<String> relevant = set.relevantIds();
        assertThat(set.corpus().size() - relevant.size())
                .as("documents relevant to no query (distractors)")
                .isGreaterThanOrEqualTo(relevant.size());
    }
}
