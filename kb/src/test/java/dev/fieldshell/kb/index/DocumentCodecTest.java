package dev.fieldshell.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldshell.kb.source.CrashLogImporter;
import dev.fieldshell.kb.source.GithubIssueImporter;
import dev.fieldshell.kb.source.ImportLimits;
import dev.fieldshell.kb.source.ImportProblem;
import dev.fieldshell.kb.source.ImportSink;
import dev.fieldshell.kb.source.MailImporter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The canonical JSON (stored and hashed) is written by streaming; it must stay byte-for-byte what the tree gives. */
class DocumentCodecTest {
    @Test
    void streamedJsonIsExactlyTheTreeJsonForRealImports() throws Exception {
        List<KbDocument> docs = new ArrayList<>();
        ImportSink sink = new ImportSink() {
            @Override
            public void document(KbDocument d) {
                docs.add(d);
            }

            @Override
            public void problem(ImportProblem p) {}
        };
        try (InputStream in = resource("/dev/fieldshell/kb/source/pipermail-2026-January.txt")) {
            new MailImporter(ImportLimits.DEFAULT).read(in, "pipermail", sink);
        }
        try (InputStream in = resource("/dev/fieldshell/kb/source/issues-ovms.json")) {
            new GithubIssueImporter(ImportLimits.DEFAULT).read(in, "issues", sink);
        }
        Path crashes = Path.of(DocumentCodecTest.class.getResource("/crash").toURI());
        try (Stream<Path> files = Files.list(crashes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    new CrashLogImporter(ImportLimits.DEFAULT).read(in, f.toString(), f.getFileName().toString(), sink);
                }
            }
        }
        assertThat(docs).hasSizeGreaterThan(30);
        assertThat(docs).anySatisfy(d -> assertThat(d.crashes()).anySatisfy(c -> assertThat(c.heapCorruption()).isPresent()));
        assertThat(docs).anySatisfy(d -> assertThat(d.crashes()).anySatisfy(c -> assertThat(c.registers()).isNotEmpty()));
        ObjectMapper tree = new ObjectMapper();
        for (KbDocument d : docs) {
            String json = DocumentCodec.toJsonString(d);
            assertThat(json).as(d.id()).isEqualTo(tree.writeValueAsString(DocumentCodec.toJson(d)));
            assertThat(DocumentCodec.toJsonString(DocumentCodec.fromJsonString(json))).as("round trip of " + d.id()).isEqualTo(json);
            // every fact of every crash survives the index: blocked and running tasks, reset reason, all CORRUPT HEAP
            // lines, ISR context, the error logged before an abort (suggestions and explanations read them back)
            assertThat(DocumentCodec.fromJsonString(json).crashes()).as("crashes of " + d.id()).isEqualTo(d.crashes());
        }
        assertThat(docs).anySatisfy(d -> assertThat(d.crashes()).anySatisfy(c -> assertThat(c.blockedTasks()).isNotEmpty()));
        assertThat(docs).anySatisfy(d -> assertThat(d.crashes()).anySatisfy(c -> assertThat(c.heapLines()).hasSizeGreaterThan(1)));
        assertThat(docs).anySatisfy(d -> assertThat(d.crashes()).anySatisfy(c -> assertThat(c.isrContext()).isTrue()));
    }

    @Test
    void theErrorLoggedBeforeAnAbortSurvivesTheIndex() throws Exception {
        List<KbDocument> docs = new ArrayList<>();
        String log = "E (1210) spiram: SPI RAM enabled but initialization failed. Bailing out.\n"
                + "abort() was called at PC 0x40081a6b on core 0\n";
        new CrashLogImporter(ImportLimits.DEFAULT).read(new java.io.ByteArrayInputStream(log.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "boot.log", "boot.log", new ImportSink() {
                    @Override
                    public void document(KbDocument d) {
                        docs.add(d);
                    }

                    @Override
                    public void problem(ImportProblem p) {}
                });
        KbDocument back = DocumentCodec.fromJsonString(DocumentCodec.toJsonString(docs.get(0)));
        assertThat(back.crashes().get(0).loggedError()).isEqualTo("spiram: SPI RAM enabled but initialization failed. Bailing out.");
    }

    private static InputStream resource(String name) {
        return DocumentCodecTest.class.getResourceAsStream(name);
    }
}
