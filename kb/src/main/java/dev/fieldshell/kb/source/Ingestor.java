package dev.fieldshell.kb.source;

import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.index.PreparedDocument;
import dev.fieldshell.kb.index.UpsertOutcome;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads inputs (files, directories, http(s) URLs, {@code github:owner/repo}) into a {@link KnowledgeBase}:
 * detects each input's format from its content, runs the matching importer, upserts the documents and
 * commits every {@value #COMMIT_EVERY} writes (by default) and at the end. Problems never stop the run: each is one
 * line naming the input and the byte offset.
 */
public final class Ingestor {
    /** Writes between commits: a kill loses at most this much work, which the next run redoes. */
    static final int COMMIT_EVERY = 50_000;
    private int commitEvery = COMMIT_EVERY;
    private static final int HEAD_BYTES = 64 * 1024;

    /** Told about progress after every document. */
    public interface Listener {
        void progress(long documents, String input);
    }

    private final KnowledgeBase kb;
    private final ImportLimits limits;
    private final MailImporter mail;
    private final GithubIssueImporter github;
    private final CrashLogImporter crashLog;
    private Listener listener = (d, i) -> { };
    private GithubLiveImporter.Options githubOptions = GithubLiveImporter.Options.defaults();

    private long inputs;
    private long added;
    private long updated;
    private long unchanged;
    private long rejected;
    private long writesSinceCommit;
    private final Map<String, Integer> warningCounts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public Ingestor(KnowledgeBase kb, ImportLimits limits) {
        this.kb = kb;
        this.limits = limits;
        this.mail = new MailImporter(limits);
        this.github = new GithubIssueImporter(limits);
        this.crashLog = new CrashLogImporter(limits);
    }

    public Ingestor onProgress(Listener l) {
        this.listener = l;
        return this;
    }

    /** Writes between commits (default {@value #COMMIT_EVERY}). */
    public Ingestor commitEvery(int writes) {
        this.commitEvery = Math.max(1, writes);
        return this;
    }

    public Ingestor githubOptions(GithubLiveImporter.Options options) {
        this.githubOptions = options;
        return this;
    }

    /** Ingests every input in order and commits. */
    public IngestSummary ingest(List<String> inputNames) throws IOException {
        withIndexer(() -> ingestAll(inputNames));
        kb.commit();
        return summary();
    }

    private void ingestAll(List<String> inputNames) throws IOException {
        for (String name : inputNames) {
            if (name.startsWith("github:")) {
                inputs++;
                new GithubLiveImporter(githubOptions, limits).fetch(name.substring("github:".length()), kb.directory(), sink(name));
            } else if (name.startsWith("http://") || name.startsWith("https://")) {
                ingestUrl(name);
            } else {
                ingestPath(Path.of(name), name);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Marks the end of the queue; compared by identity. */
    private static final PreparedDocument END = new PreparedDocument(new KbDocument("\u0000end", dev.fieldshell.kb.index.DocType.NOTE,
            "", "", "", "", "", null, null, "", null, null, null, "", "", "", "", null), "", "", null);

    private java.util.concurrent.BlockingQueue<PreparedDocument> queue;
    private volatile Throwable indexerFailure;

    /**
     * Runs {@code action} (reading, parsing and preparing each document's JSON, hash and Lucene fields, this
     * thread) while a second thread writes the documents into the index: on two cores parsing and Lucene
     * indexing overlap. Order is kept (one queue, one writer).
     */
    private void withIndexer(IoAction action) throws IOException {
        if (queue != null) {
            action.run();
            return;
        }
        queue = new java.util.concurrent.ArrayBlockingQueue<>(1024);
        indexerFailure = null;
        java.util.concurrent.BlockingQueue<PreparedDocument> q = queue;
        Thread indexer = new Thread(() -> {
            try {
                for (PreparedDocument d = q.take(); d != END; d = q.take()) {
                    if (indexerFailure == null) {
                        index(d);
                    }
                }
            } catch (Throwable t) {
                indexerFailure = t;
                q.clear();
            }
        }, "fieldshell-indexer");
        indexer.setDaemon(true);
        indexer.start();
        try {
            action.run();
        } finally {
            try {
                while (!q.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (!indexer.isAlive()) {
                        break;
                    }
                }
                indexer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while indexing", e);
            } finally {
                queue = null;
            }
        }
        rethrowIndexerFailure();
    }

    private void rethrowIndexerFailure() throws IOException {
        Throwable t = indexerFailure;
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    /** Runs on the indexer thread only. */
    private void index(PreparedDocument doc) throws IOException {
        UpsertOutcome o = kb.upsert(doc);
        switch (o) {
            case ADDED -> added++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
        }
        if (o != UpsertOutcome.UNCHANGED && ++writesSinceCommit >= commitEvery) {
            kb.commit();
            writesSinceCommit = 0;
        }
        listener.progress(added + updated + unchanged, currentInput);
    }

    private volatile String currentInput = "";

    public IngestSummary summary() {
        List<String> lines = new ArrayList<>();
        kb.rebuildNotice().ifPresent(lines::add);
        lines.addAll(problems);
        warningCounts.forEach((k, n) -> {
            if (n > 1) {
                lines.add(k.substring(0, k.indexOf('\u0000')) + " (" + (n - 1) + " more like it in this input)");
            }
        });
        return new IngestSummary(inputs, added, updated, unchanged, rejected, lines);
    }

    private void ingestPath(Path p, String display) throws IOException {
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(p)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f -> !isHidden(p, f))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                ingestPath(f, f.toString());
            }
            return;
        }
        inputs++;
        InputStream in;
        try {
            in = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            problem(ImportProblem.rejected(display, -1, "no such file"));
            return;
        } catch (IOException e) {
            problem(ImportProblem.rejected(display, -1, "cannot read: " + e.getMessage()));
            return;
        }
        try (in) {
            readStream(in, display, p.getFileName().toString());
        }
    }

    private void ingestUrl(String url) throws IOException {
        inputs++;
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    problem(ImportProblem.rejected(url, -1, "HTTP " + r.statusCode()));
                    return;
                }
                String path = URI.create(url).getPath();
                readStream(in, url, path == null || path.isEmpty() ? url : path.substring(path.lastIndexOf('/') + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } catch (IllegalArgumentException e) {
            problem(ImportProblem.rejected(url, -1, "bad URL: " + e.getMessage()));
        }
    }

    /** Ingests one input stream; {@code display} names it in problems, {@code fileName} goes into crash/note ids. */
    public void ingestStream(InputStream raw, String display, String fileName) throws IOException {
        withIndexer(() -> readStream(raw, display, fileName));
    }

    private void readStream(InputStream raw, String display, String fileName) throws IOException {
        currentInput = display;
        CountingInputStream counted = new CountingInputStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(counted, HEAD_BYTES);
        buffered.mark(4);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        String name = fileName;
        InputStream unbuffered = buffered;
        if (gzip) {
            name = fileName.replaceAll("\\.gz$", "");
            try {
                unbuffered = new ExpansionGuard(new GZIPInputStream(buffered, 1 << 16), counted, limits);
            } catch (EOFException | ZipException e) {
                problem(ImportProblem.rejected(display, counted.count(), "not a readable gzip stream: " + e.getMessage()));
                return;
            }
        }
        try {
            // Read the head for format detection straight from the (decompressing) stream, so that damage
            // within the first bytes still leaves us the bytes before it.
            byte[] head = new byte[HEAD_BYTES];
            int len = 0;
            IOException broken = null;
            try {
                for (int n; len < HEAD_BYTES && (n = unbuffered.read(head, len, HEAD_BYTES - len)) > 0; ) {
                    len += n;
                }
            } catch (EOFException | ZipException | LimitExceededException e) {
                broken = e;
            }
            IOException thrown = broken;
            InputStream rest = broken == null ? unbuffered : new InputStream() {
                @Override
                public int read() throws IOException {
                    throw thrown;
                }
            };
            InputStream content = new BufferedInputStream(
                    new SequenceInputStream(new java.io.ByteArrayInputStream(head, 0, len), rest), HEAD_BYTES);
            InputFormat format = FormatDetector.detect(head, len, name);
            importAs(format, content, display, name);
            if (broken != null) {
                throw broken;
            }
        } catch (LimitExceededException e) {
            problem(ImportProblem.rejected(display, e.offset, e.getMessage() + "; the rest of this input was skipped"));
        } catch (EOFException e) {
            problem(ImportProblem.rejected(display, counted.count(), (gzip ? "truncated gzip stream" : "unexpected end of input")
                    + " (compressed byte offset shown); the documents before it were kept"));
        } catch (ZipException e) {
            problem(ImportProblem.rejected(display, counted.count(), "corrupt gzip data (" + e.getMessage()
                    + ", compressed byte offset shown); the documents before it were kept"));
        }
    }

    private void importAs(InputFormat format, InputStream in, String display, String name) throws IOException {
        ImportSink sink = sink(display);
        switch (format) {
            case MBOX -> mail.read(in, display, sink);
            case SINGLE_MAIL -> {
                InputStream withSeparator = new SequenceInputStream(
                        new java.io.ByteArrayInputStream("From fieldshell Thu Jan  1 00:00:00 1970\n".getBytes(StandardCharsets.US_ASCII)), in);
                mail.read(withSeparator, display, sink);
            }
            case GITHUB_JSON -> github.read(in, display, sink);
            case CRASH_LOG -> crashLog.read(in, display, name, sink);
            case NOTE -> {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxMessageBytes() + 1));
                if (bytes.length > limits.maxMessageBytes()) {
                    problem(ImportProblem.rejected(display, limits.maxMessageBytes(), "note larger than " + limits.maxMessageBytes() + " bytes; skipped"));
                    return;
                }
                int bad = LineReader.firstInvalidUtf8(bytes, bytes.length);
                if (bad < bytes.length) {
                    problem(ImportProblem.rejected(display, bad, "invalid UTF-8 in a note; skipped"));
                    return;
                }
                try {
                    sink.document(NoteImporter.parse(new String(bytes, StandardCharsets.UTF_8), name));
                } catch (IllegalArgumentException e) {
                    problem(ImportProblem.rejected(display, 0, "note skipped: " + e.getMessage()));
                }
            }
            case BINARY -> problem(ImportProblem.rejected(display, 0, "binary data, not a mail archive, issue JSON, note or crash log; skipped"));
            case UNKNOWN -> problem(ImportProblem.rejected(display, 0,
                    "unrecognized format (expected mbox/pipermail text, GitHub issues JSON, Markdown note, or crash text); skipped"));
        }
    }

    private ImportSink sink(String display) {
        return new ImportSink() {
            @Override
            public void document(KbDocument doc) throws IOException {
                rethrowIndexerFailure();
                try {
                    queue.put(PreparedDocument.of(doc));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while importing " + display, e);
                }
            }

            @Override
            public void problem(ImportProblem p) {
                Ingestor.this.problem(p);
            }
        };
    }

    private void problem(ImportProblem p) {
        if (p.rejected()) {
            rejected++;
            problems.add(p.line());
            return;
        }
        // warnings repeat per line in a badly encoded archive: keep the first, count the rest
        String key = p.file() + ": " + p.message() + "\u0000";
        int n = warningCounts.merge(key, 1, Integer::sum);
        if (n == 1) {
            problems.add(p.line() + " (warning)");
        }
    }

    private static boolean isHidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
