package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken inputs are rejected or skipped with one line naming the file and byte offset; the rest goes on. */
class BadInputTest {
    @TempDir
    Path tmp;

    private IngestSummary ingest(List<Path> inputs) throws IOException {
        return ingest(inputs, ImportLimits.DEFAULT);
    }

    private IngestSummary ingest(List<Path> inputs, ImportLimits limits) throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            return new Ingestor(kb, limits).ingest(inputs.stream().map(Path::toString).toList());
        }
    }

    private long docs() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            return kb.stats().documents();
        }
    }

    private Path good() throws Exception {
        return MailImportTest.fixture(tmp, "pipermail-2026-January.txt");
    }

    @Test
    void truncatedGzipKeepsTheMailsBeforeTheCutAndNamesTheOffset() throws Exception {
        StringBuilder archive = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            archive.append("From a at b  Mon Jan  5 10:00:00 2026\nFrom: a at b\nSubject: m").append(i)
                    .append("\nMessage-ID: <m").append(i).append("@x>\n\nbody ").append(i).append(' ').append(Integer.toHexString(i * 7919 * 104729)).append("\n\n");
        }
        byte[] gz = gzip(archive.toString().getBytes(StandardCharsets.US_ASCII));
        Path cut = tmp.resolve("2026-January.txt.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length * 2 / 3));
        Path other = MailImportTest.fixture(tmp, "issues-ovms.json");
        IngestSummary s = ingest(List.of(cut, other));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).matches(
                "\\Q" + cut + "\\E: byte \\d+: truncated gzip stream .*kept"));
        assertThat(s.added()).as("mails before the cut and the issues after").isBetween(3L + 50, 3L + 199);
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThat(kb.get("m0@x")).isPresent();
            assertThat(kb.get("m199@x")).isEmpty();
        }
    }

    @Test
    void gzipBombIsStoppedAtTheExpansionLimit() throws Exception {
        Path bomb = tmp.resolve("bomb.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            out.write("From a at b  Mon Jan  5 10:00:00 2026\nFrom: a at b\nMessage-ID: <bomb@x>\n\n".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            Arrays.fill(zeros, (byte) 'A');
            for (int i = 0; i < 300; i++) { // 300 MB of 'A' compresses to ~300 KB
                out.write(zeros);
            }
        }
        IngestSummary s = ingest(List.of(bomb, good()));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(bomb + ": byte ").contains("compression bomb"));
        assertThat(docs()).as("the good archive after the bomb is imported").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aGigabyteSingleLineIsCutWithoutBeingHeldInMemory() throws Exception {
        byte[] head = "From a at b  Mon Jan  5 10:00:00 2026\nFrom: a at b\nSubject: long\nMessage-ID: <long@x>\n\nstart "
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n\nFrom c at d  Mon Jan  5 11:00:00 2026\nFrom: c at d\nSubject: after\nMessage-ID: <after@x>\n\nfine\n"
                .getBytes(StandardCharsets.US_ASCII);
        long lineBytes = 1L << 30;
        InputStream huge = new InputStream() {
            long pos;
            final long total = head.length + lineBytes + tail.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++, pos++) {
                    long p = pos;
                    b[off + i] = p < head.length ? head[(int) p] : p < head.length + lineBytes ? (byte) 'x' : tail[(int) (p - head.length - lineBytes)];
                }
                return n;
            }
        };
        IngestSummary s;
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            Ingestor in = new Ingestor(kb, ImportLimits.DEFAULT);
            in.ingestStream(huge, "huge.mbox", "huge.mbox");
            kb.commit();
            s = in.summary();
            assertThat(kb.get("after@x")).isPresent();
            assertThat(kb.get("long@x").orElseThrow().text().length()).isLessThanOrEqualTo(ImportLimits.DEFAULT.maxLineBytes() + 16);
        }
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith("huge.mbox: byte " + (head.length - 6 + ImportLimits.DEFAULT.maxLineBytes()))
                .contains("line longer than"));
    }

    @Test
    void jsonBombsAreRejectedWithTheirOffset() throws Exception {
        Path deep = tmp.resolve("deep.json");
        String prefix = "[{\"number\":1,\"repository\":\"o/r\",\"title\":\"ok\"},";
        Files.writeString(deep, prefix + "[".repeat(100_000) + "]".repeat(100_000) + "]");
        Path huge = tmp.resolve("huge.json");
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write("[{\"number\":2,\"repository\":\"o/r\",\"body\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
            out.write("\"}]".getBytes(StandardCharsets.US_ASCII));
        }
        ImportLimits small = new ImportLimits(1 << 20, 16L << 20, 8L << 20, 64, 2L << 30, 200, 64L << 20);
        IngestSummary s = ingest(List.of(deep, huge, good()), small);
        // the user reads the limit, not the name of the library setting behind it
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(deep + ": byte ").contains("nesting depth")
                .endsWith("exceeds the maximum allowed (64)"));
        assertThat(s.problems()).noneSatisfy(l -> assertThat(l).contains("StreamReadConstraints"));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(huge + ": byte ").containsAnyOf("larger than", "length"));
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThat(kb.get("o/r#1")).as("the issue before the bomb").isPresent();
            assertThat(kb.get("o/r#2")).isEmpty();
            assertThat(kb.get("crash-0002@expeedo.de")).as("inputs after the bombs").isPresent();
        }
    }

    @Test
    void binaryFilesAreRejectedAndInvalidUtf8IsReportedByOffset() throws Exception {
        Path bin = tmp.resolve("firmware.bin");
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[10] = 0;
        Files.write(bin, random);
        Path latin1 = tmp.resolve("latin1.mbox");
        byte[] head = "From a at b  Mon Jan  5 10:00:00 2026\nFrom: a at b\nSubject: Umlaut\nMessage-ID: <latin@x>\n\nGr".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        bo.write(head);
        bo.write(0xfc); // ü in Latin-1, invalid as UTF-8
        bo.write("sse\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(latin1, bo.toByteArray());
        Path empty = tmp.resolve("empty.txt");
        Files.write(empty, new byte[0]);
        IngestSummary s = ingest(List.of(bin, latin1, empty));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).isEqualTo(bin + ": byte 0: binary data, not a mail archive, issue JSON, note or crash log; skipped"));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).isEqualTo(latin1 + ": byte " + head.length + ": invalid UTF-8; line read as Latin-1 (warning)"));
        assertThat(s.problems()).anySatisfy(l -> assertThat(l).startsWith(empty + ": byte 0: unrecognized format"));
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            assertThat(kb.get("latin@x").orElseThrow().text()).isEqualTo("Grüsse");
        }
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(plain);
        }
        return bo.toByteArray();
    }
}
