package dev.fieldshell.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.eval.EvalSetFiles.Doc;
import dev.fieldshell.kb.eval.EvalSetFiles.EvalSet;
import dev.fieldshell.kb.eval.EvalSetFiles.Query;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out validation set under {@code src/test/resources/eval-holdout}: same formats and rules as
 * the development set, and disjoint from it (no shared query, document id, source thread or crash text),
 * so its figures say how well tuning on the development set carries over to crashes never seen.
 */
class HoldoutSetTest {

    /** ROM loader messages of other chips and runtime errors count as crash text here too. */
    private static final Pattern CRASH_MARKER = Pattern.compile(
            EvalSetFiles.CRASH_MARKER.pattern() + "|csum err|Runtime error|invalid magic", Pattern.CASE_INSENSITIVE);

    private static EvalSet holdout;
    private static EvalSet dev;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        holdout = EvalSetFiles.load("/eval-holdout");
        dev = EvalSetFiles.load("/eval");
    }

    @Test
    void has25To35QueriesWithUniqueIdsAnd100To200Documents() {
        assertThat(holdout.queries()).hasSizeBetween(25, 35);
        Set<String> ids = new HashSet<>();
        for (Query q : holdout.queries()) {
            assertThat(ids.add(q.id())).as("duplicate query id %s (line %d)", q.id(), q.line()).isTrue();
        }
        assertThat(holdout.corpus()).hasSizeBetween(100, 200);
    }

    @Test
    void everyQueryIsCrashTextWithRelevantDocumentsInTheCorpus() {
        for (Query q : holdout.queries()) {
            assertThat(CRASH_MARKER.matcher(q.text()).find()).as("query %s looks like crash text", q.id()).isTrue();
            assertThat(q.relevant()).as("query %s relevant", q.id()).isNotEmpty();
            for (String r : q.relevant()) {
                assertThat(holdout.corpus()).as("query %s names relevant document %s", q.id(), r).containsKey(r);
            }
        }
    }

    @Test
    void everyDocumentKeepsItsSourceUrl() {
        for (Doc d : holdout.corpus().values()) {
            assertThat(d.url()).as("source URL of %s", d.id()).startsWith("http");
        }
    }

    @Test
    void queryTextsAreHeldOutOfTheCorpus() {
        assertNoQueryIn(holdout.queries(), holdout.normalizedCorpusTexts(), "its own corpus");
    }

    @Test
    void sharesNoQueryDocumentOrSourceThreadWithTheDevelopmentSet() {
        Set<String> devQueryIds = dev.queries().stream().map(Query::id).collect(Collectors.toSet());
        for (Query q : holdout.queries()) {
            assertThat(devQueryIds).as("query id %s also in the development set", q.id()).doesNotContain(q.id());
        }
        assertThat(holdout.corpus().keySet()).as("document ids shared with the development corpus")
                .doesNotContainAnyElementsOf(dev.corpus().keySet());
        Set<String> devUrls = dev.corpus().values().stream().map(Doc::url).filter(u -> !u.isEmpty())
                .collect(Collectors.toSet());
        for (Doc d : holdout.corpus().values()) {
            assertThat(devUrls).as("source of %s also in the development corpus", d.id()).doesNotContain(d.url());
        }
    }

    @Test
    void noCrashTextCrossesBetweenTheTwoSets() {
        assertNoQueryIn(holdout.queries(), dev.normalizedCorpusTexts(), "the development corpus");
        assertNoQueryIn(dev.queries(), holdout.normalizedCorpusTexts(), "the held-out corpus");
    }

    @Test
    void noDocumentNamesAQueryId() {
        // A note "held out as query freertos-timer-task-stack-canary" would hand the relevant document the
        // query's descriptive words (timer, task, stack, canary) that the query text itself may not have.
        EvalSetFiles.assertNoQueryIdIn(holdout);
    }

    @Test
    void corpusHasDistractorsBeyondTheRelevantDocuments() {
        Set<String> relevant = holdout.relevantIds();
        assertThat(holdout.corpus().size() - relevant.size())
                .as("documents relevant to no query (distractors)")
                .isGreaterThanOrEqualTo(relevant.size());
    }

    private static void assertNoQueryIn(List<Query> queries, List<String> texts, String where) {
        for (Query q : queries) {
            String needle = EvalSetFiles.normalize(q.text());
            for (String t : texts) {
                assertThat(t.contains(needle)).as("query %s appears verbatim in %s", q.id(), where).isFalse();
            }
        }
    }
}
