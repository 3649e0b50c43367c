package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports crash text files (serial captures, saved panics, {@code boot status} output) and DebugCrash
 * exports: one document per crash, id {@code crash:<file name>#<n>} with n counting from 1 in file order.
 * Large logs are parsed in chunks that end at blank lines, so memory stays bounded.
 */
public final class CrashLogImporter {
    private static final Pattern LEADING_TIMESTAMP = Pattern.compile("^\\s*(\\d{4}-\\d\\d-\\d\\d)[ T](\\d\\d:\\d\\d:\\d\\d)");
    /** A frame's argument list, and where a firmware version's describe ends (compiled once, used per crash). */
    private static final Pattern ARGUMENTS = Pattern.compile("\\(.*$");
    private static final Pattern VERSION_END = Pattern.compile("[/ ]");
    private static final int CHUNK_SOFT = 4 << 20;

    private final ImportLimits limits;

    public CrashLogImporter(ImportLimits limits) {
        this.limits = limits;
    }

    public void read(InputStream in, String file, String fileName, ImportSink sink) throws IOException {
        LineReader lines = new LineReader(in, limits.maxLineBytes());
        StringBuilder chunk = new StringBuilder();
        List<String> chunkLines = new ArrayList<>();
        int[] counter = {0};
        boolean warnedUtf8 = false;
        for (Line l = lines.next(); l != null; l = lines.next()) {
            if (l.cutAt() >= 0) {
                sink.problem(ImportProblem.warning(file, l.offset() + l.cutAt(), "line longer than " + limits.maxLineBytes()
                        + " bytes; the rest of the line was skipped"));
            }
            if (l.invalidUtf8() >= 0 && !warnedUtf8) {
                sink.problem(ImportProblem.warning(file, l.invalidUtf8(), "invalid UTF-8; line read as Latin-1"));
                warnedUtf8 = true;
            }
            chunk.append(l.text()).append('\n');
            chunkLines.add(l.text());
            boolean full = chunk.length() >= limits.maxMessageBytes();
            if ((chunk.length() >= CHUNK_SOFT && l.text().isBlank()) || full) {
                flush(chunk, chunkLines, fileName, counter, sink);
            }
        }
        flush(chunk, chunkLines, fileName, counter, sink);
    }

    private static void flush(StringBuilder chunk, List<String> chunkLines, String fileName, int[] counter, ImportSink sink)
            throws IOException {
        if (chunk.length() == 0) {
            return;
        }
        for (CrashReport c : CrashExtraction.crashes(chunk.toString())) {
            counter[0]++;
            String line = c.startLine() >= 1 && c.startLine() <= chunkLines.size() ? chunkLines.get(c.startLine() - 1) : "";
            sink.document(toDocument(c, fileName, counter[0], line));
        }
        chunk.setLength(0);
        chunkLines.clear();
    }

    static KbDocument toDocument(CrashReport c, String fileName, int n, String firstLine) {
        String id = "crash:" + fileName + "#" + n;
        String top = c.frames().stream().filter(f -> f.hasFunction()).map(f -> ARGUMENTS.matcher(f.function()).replaceAll(""))
                .findFirst().orElse("");
        String what = !c.exception().isEmpty() ? c.exception() : c.kind().name().toLowerCase().replace('_', ' ');
        String title = what + (top.isEmpty() ? "" : " in " + top) + (c.firmwareVersion().isEmpty() ? "" : " (" + VERSION_END.split(c.firmwareVersion())[0] + ")");
        Matcher m = LEADING_TIMESTAMP.matcher(firstLine);
        String date = m.find() ? m.group(1) + "T" + m.group(2) + "Z" : "";
        List<CrashReport> crashes = List.of(c);
        StringBuilder componentText = new StringBuilder(c.rawText());
        c.frames().forEach(f -> componentText.append('\n').append(f.function()));
        return new KbDocument(id, DocType.CRASH, title, "", date, "", c.rawText(), crashes, List.of(), id, List.of(),
                CrashExtraction.signatures(crashes), ComponentTagger.components(componentText.toString()), "", "", "", "",
                List.of(), List.of());
    }
}
