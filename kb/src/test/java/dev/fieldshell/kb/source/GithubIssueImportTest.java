package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubIssueImportTest {
    @TempDir
    Path tmp;

    @Test
    void issuesArrayBecomesDocumentsWithRepoIdsStatusTagsAndLinks() throws Exception {
        Path json = MailImportTest.fixture(tmp, "issues-ovms.json");
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(json.toString()));
            assertThat(s.added()).isEqualTo(3);
            assertThat(s.rejected()).isEqualTo(2);
            assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(json + ": byte ").contains("names no repository"));
            assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(json + ": byte ").contains("not an issue object"));

            KbDocument pr = kb.get("openvehicles/Open-Vehicle-Monitoring-System-3#1322").orElseThrow();
            assertThat(pr.type()).isEqualTo(DocType.ISSUE);
            assertThat(pr.tags()).contains("pull-request");
            assertThat(pr.status()).as("merged PR").isEqualTo("fixed");
            assertThat(pr.url()).isEqualTo("https://github.com/openvehicles/Open-Vehicle-Monitoring-System-3/pull/1322");
            assertThat(pr.references()).containsExactlyInAnyOrder("openvehicles/Open-Vehicle-Monitoring-System-3#120", "espressif/esp-idf#18550");
            assertThat(pr.components()).contains("mongoose");

            KbDocument issue = kb.get("openvehicles/Open-Vehicle-Monitoring-System-3#1073").orElseThrow();
            assertThat(issue.status()).isEqualTo("open");
            assertThat(issue.tags()).containsExactly("bug");
            assertThat(issue.text()).as("embedded comments, own text only").contains("Thanks, will try the edge build.")
                    .contains("See https://github.com").doesNotContain("> Crash in");
            assertThat(issue.references()).containsExactly("openvehicles/Open-Vehicle-Monitoring-System-3#1322");
            assertThat(issue.date()).isEqualTo("2024-10-04T21:08:39Z");
            assertThat(issue.url()).isEqualTo("https://github.com/openvehicles/Open-Vehicle-Monitoring-System-3/issues/1073");

            KbDocument idf = kb.get("espressif/esp-idf#18550").orElseThrow();
            assertThat(idf.status()).as("Resolution: Done label").isEqualTo("fixed");
            assertThat(idf.tags()).containsExactly("Type: Bug", "Resolution: Done");
            assertThat(idf.components()).contains("esp_crt_bundle");

            assertThat(kb.search("tag:pull-request", 10)).hasSize(1);
            assertThat(kb.search("status:fixed", 10)).hasSize(2);
        }
    }
}
