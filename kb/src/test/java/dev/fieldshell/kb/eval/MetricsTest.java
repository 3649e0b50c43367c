package dev.fieldshell.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countsAQueryAtTheRankOfTheFirstCauseHoldingARelevantDocument() {
        List<Metrics.Answer> answers = List.of(
                new Metrics.Answer("a", List.of(Set.of("x#1", "x#2"), Set.of("y#1")), Set.of("x#2")), // rank 1
                new Metrics.Answer("b", List.of(Set.of("q"), Set.of("r"), Set.of("<m@id>")), Set.of("m@id")), // rank 3, <> ignored
                new Metrics.Answer("c", List.of(Set.of("q"), Set.of("r"), Set.of("s"), Set.of("t"), Set.of("hit")), Set.of("hit")), // rank 5
                new Metrics.Answer("d", List.of(), Set.of("nowhere"))); // not found
        Metrics m = Metrics.of(answers);
        assertThat(m.recallAt1()).isEqualTo(0.25);
        assertThat(m.recallAt3()).isEqualTo(0.5);
        assertThat(m.recallAt10()).isEqualTo(0.75);
        assertThat(m.mrr()).isEqualTo((1 + 1.0 / 3 + 1.0 / 5) / 4);
        assertThat(m.lines()).containsExactly("recall@1: 0.25", "recall@3: 0.50", "recall@10: 0.75", "mrr: 0.38");
    }

    @Test
    void queriesFileReportsBadLinesWithLineNumbersAndKeepsTheRest() {
        String text = """
                {"id": "q1", "query": "Guru Meditation Error", "relevant": ["<abc@x>"]}

                not json
                {"id": "q2", "query": "", "relevant": ["a"]}
                {"id": "q3", "query": "abort()", "relevant": []}
                {"id": "q4", "query": "LoadProhibited", "relevant": ["o/r#1"]}
                """;
        QueriesFile.Result r = QueriesFile.parse(text, "queries.jsonl");
        assertThat(r.queries()).extracting(EvalQuery::id).containsExactly("q1", "q4");
        assertThat(r.queries().get(0).relevant()).containsExactly("abc@x");
        assertThat(r.problems()).hasSize(3);
        assertThat(r.problems().get(0)).startsWith("queries.jsonl:3: not a JSON object");
        assertThat(r.problems().get(1)).isEqualTo("queries.jsonl:4: missing \"query\" text");
        assertThat(r.problems().get(2)).isEqualTo("queries.jsonl:5: missing \"relevant\" ids");
    }
}
