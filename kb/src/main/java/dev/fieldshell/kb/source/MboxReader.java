package dev.fieldshell.kb.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Splits an mbox (mboxo/mboxrd) or a pipermail monthly text archive into messages, streaming.
 *
 * <p>A separator is a {@code From } line with a ctime date ({@code From dexter at expeedo.de  Sat May 19
 * 01:51:59 2018}, {@code From x@y Thu Jan 22 02:20:24 2026}, {@code From MAILER-DAEMON …}) followed by a
 * header line. Pipermail does not escape body lines starting with {@code From }, so the date shape and the
 * header that must follow are what tell a separator from a sentence. mboxrd {@code >From } escapes are undone.
 */
final class MboxReader {
    static final Pattern FROM_LINE = Pattern.compile(
            "^From \\S+(?: at \\S+)?\\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + " [ \\d]?\\d \\d\\d:\\d\\d(?::\\d\\d)?(?: [A-Z]{2,5}| [+-]\\d{4})? \\d{4}(?: [+-]\\d{4})?\\s*$");
    static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,76}:(?: .*|\\t.*|)$");

    private final LineReader lines;
    private final ImportLimits limits;
    private final Consumer<ImportProblem> problems;
    private final String file;
    private Line lookahead;

    MboxReader(LineReader lines, ImportLimits limits, String file, Consumer<ImportProblem> problems) {
        this.lines = lines;
        this.limits = limits;
        this.file = file;
        this.problems = problems;
    }

    /** Calls {@code each} for every message, in order. */
    void read(Consumer<RawMail> each) throws IOException {
        Line l = nextLine();
        // anything before the first separator is not a message
        while (l != null && !isSeparator(l)) {
            l = nextLine();
        }
        while (l != null) {
            long offset = l.offset();
            String fromLine = l.text();
            List<String> headers = new ArrayList<>();
            Line h = nextLine();
            while (h != null && !h.text().isEmpty()) {
                if (headers.size() < 500) {
                    headers.add(h.text());
                }
                h = nextLine();
            }
            StringBuilder body = new StringBuilder();
            boolean truncated = false;
            Line b = h == null ? null : nextLine();
            while (b != null && !isSeparator(b)) {
                if (!truncated) {
                    if (body.length() + b.text().length() > limits.maxMessageBytes()) {
                        truncated = true;
                        problems.accept(ImportProblem.warning(file, b.offset(), "message larger than "
                                + limits.maxMessageBytes() + " bytes; the rest of it was skipped"));
                    } else {
                        String t = b.text();
                        if (t.startsWith(">") && isQuotedFromLine(t)) {
                            t = t.substring(1);
                        }
                        body.append(t).append('\n');
                    }
                }
                b = nextLine();
            }
            each.accept(new RawMail(offset, fromLine, headers, body.toString(), truncated));
            l = b;
        }
    }

    private boolean isSeparator(Line l) throws IOException {
        if (!l.text().startsWith("From ") || !FROM_LINE.matcher(l.text()).matches()) {
            return false;
        }
        Line next = peek();
        return next == null || HEADER_LINE.matcher(next.text()).matches();
    }

    private Line peek() throws IOException {
        if (lookahead == null) {
            lookahead = readReporting();
        }
        return lookahead;
    }

    private Line nextLine() throws IOException {
        if (lookahead != null) {
            Line l = lookahead;
            lookahead = null;
            return l;
        }
        return readReporting();
    }

    private Line readReporting() throws IOException {
        Line l = lines.next();
        if (l != null) {
            if (l.cutAt() >= 0) {
                problems.accept(ImportProblem.warning(file, l.offset() + l.cutAt(), "line longer than "
                        + limits.maxLineBytes() + " bytes; the rest of the line was skipped"));
            }
            if (l.invalidUtf8() >= 0) {
                problems.accept(ImportProblem.warning(file, l.invalidUtf8(), "invalid UTF-8; line read as Latin-1"));
            }
        }
        return l;
    }

    /** {@code >From …} or {@code >>From …}: an mboxrd-escaped body line starting with "From ". */
    private static boolean isQuotedFromLine(String t) {
        int i = 0;
        while (i < t.length() && t.charAt(i) == '>') {
            i++;
        }
        return t.startsWith("From ", i);
    }
}
