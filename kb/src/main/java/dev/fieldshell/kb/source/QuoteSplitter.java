package dev.fieldshell.kb.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a plain-text mail body into own text and quotes (crash-formats.md §5.3): strips the
 * Mailman footer and scrubbed-attachment notes, signatures, and mobile sign-offs; classifies lines
 * by leading {@code >} depth; recognizes attribution lines in English and German forms (also
 * wrapped over two lines, and with Mailman 3's {@code via OvmsDev}); treats an Outlook
 * original-message header as the start of quoted text. Pure and linear in the body's length.
 */
final class QuoteSplitter {
    private QuoteSplitter() {}

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(?:(?:On|Am|Le|El|Il|Op) .{4,200}(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef)(?: .{0,80})?:"
                    + "|.{2,120} (?:wrote|schrieb|writes|schreibt)\\s*:"
                    + "|.{2,160} ezt írta \\(.{0,80}\\):)\\s*$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(?:On|Am|Le|El|Il|Op) ");
    private static final Pattern OUTLOOK_SEPARATOR = Pattern.compile(
            "^\\s*-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Forwarded message|Weitergeleitete Nachricht)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^(?:\\*)?(?:From|Von):(?:\\*)?\\s+\\S.*$");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("^(?:\\*)?(?:Sent|Gesendet|Date|Datum):(?:\\*)?\\s+\\S.*$");
    private static final Pattern MOBILE_SIGNOFF = Pattern.compile(
            "^\\s*(?:Sent from my .{1,40}|Von meinem .{1,40} gesendet|Von unterwegs gesendet.*|Gesendet von meinem .{1,40}|Get Outlook for .{1,20})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOOTER_RULE = Pattern.compile("^_{20,}\\s*$");
    private static final Pattern NEXT_PART = Pattern.compile("^-{5,} ?next part ?-{5,}\\s*$");
    private static final Pattern URL_LINE = Pattern.compile("^URL:\\s*<?(\\S+?)>?\\s*$");
    private static final Pattern VIA_LIST = Pattern.compile(" via [^\\s:<]+(?=\\s*(?:<[^>]*>)?\\s*:?\\s*$)");

    static MailBody split(String body) {
        String[] lines = body.split("\n", -1);
        int end = lines.length;
        List<String> attachments = new ArrayList<>();
        // Mailman footer and scrubbed attachments end the useful text (unless quoted: those start with '>').
        for (int i = 0; i < end; i++) {
            String l = lines[i];
            // Cheap first-character checks before each pattern: almost no line is a footer or a header.
            if (l.startsWith("-----") && NEXT_PART.matcher(l).matches()) {
                for (int k = i + 1; k < lines.length; k++) {
                    Matcher m = URL_LINE.matcher(lines[k]);
                    if (m.matches()) {
                        attachments.add(m.group(1));
                    }
                }
                end = i;
                break;
            }
            if (l.startsWith("____") && FOOTER_RULE.matcher(l).matches() && isMailmanFooter(lines, i)) {
                end = i;
                break;
            }
        }

        StringBuilder own = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        List<String> attributions = new ArrayList<>();
        boolean inSignature = false;
        boolean afterOutlookHeader = false;
        boolean lastWasQuote = false;
        for (int i = 0; i < end; i++) {
            String l = stripCr(lines[i]);
            int quoteEnd = quotePrefixEnd(l);
            if (quoteEnd >= 0) {
                String inner = l.substring(quoteEnd);
                if (!lastWasQuote && quoted.length() > 0) {
                    quoted.append('\n');
                }
                quoted.append(inner).append('\n');
                lastWasQuote = true;
                inSignature = false;
                continue;
            }
            if (afterOutlookHeader) {
                quoted.append(l).append('\n');
                lastWasQuote = true;
                continue;
            }
            if ((l.contains("--") && OUTLOOK_SEPARATOR.matcher(l).matches())
                    || (mayStartOutlookFrom(l) && OUTLOOK_FROM.matcher(l).matches() && i + 1 < end && OUTLOOK_SENT.matcher(stripCr(lines[i + 1])).matches()
                        && startsQuoteHeaderBlock(lines, i, end))) {
                attributions.add(l.strip());
                afterOutlookHeader = true;
                lastWasQuote = true;
                continue;
            }
            int attributionLines = attributionAt(lines, i, end);
            if (attributionLines > 0) {
                StringBuilder a = new StringBuilder();
                for (int k = 0; k < attributionLines; k++) {
                    a.append(k == 0 ? "" : " ").append(stripCr(lines[i + k]).strip());
                }
                attributions.add(VIA_LIST.matcher(a.toString()).replaceFirst(""));
                i += attributionLines - 1;
                inSignature = false;
                lastWasQuote = false;
                continue;
            }
            lastWasQuote = false;
            if (l.equals("-- ") || l.equals("--")) {
                inSignature = true;
                continue;
            }
            if (inSignature || (maySignOff(l) && MOBILE_SIGNOFF.matcher(l).matches())) {
                continue;
            }
            own.append(l).append('\n');
        }
        return new MailBody(trimBlankLines(own), trimBlankLines(quoted), attributions, attachments);
    }

    /**
     * {@code own}, then a blank line and {@code quoted} with each line marked {@code > }: the text of a mail
     * whose quoted message is not in the KB, so the quote is kept and still reads as one.
     */
    static String requote(String own, String quoted) {
        StringBuilder sb = new StringBuilder(own.length() + quoted.length() + quoted.length() / 16 + 4);
        sb.append(own);
        if (!own.isEmpty()) {
            sb.append("\n\n");
        }
        int from = 0;
        while (from <= quoted.length()) {
            int nl = quoted.indexOf('\n', from);
            int end = nl < 0 ? quoted.length() : nl;
            sb.append(end == from ? ">" : "> ").append(quoted, from, end);
            if (nl < 0) {
                break;
            }
            sb.append('\n');
            from = nl + 1;
        }
        return sb.toString();
    }

    /** How many lines (1 or 2) form an attribution at {@code i}, given that a quote follows; 0 if none. */
    private static int attributionAt(String[] lines, int i, int end) {
        String l = stripCr(lines[i]).strip();
        if (l.isEmpty() || l.length() > 300) {
            return 0;
        }
        boolean startsLikeOne = "OALEI".indexOf(l.charAt(0)) >= 0 && ATTRIBUTION_START.matcher(l).lookingAt();
        boolean hasVerb = hasAttributionVerb(l);
        if (!startsLikeOne && !hasVerb) {
            return 0; // cheap test first: almost no line is an attribution
        }
        // Every alternative of ATTRIBUTION contains one of the verbs: without one the pattern (which backtracks
        // over .{4,200}) cannot match, and prose lines starting "On " or "Am " are common.
        if (hasVerb && ATTRIBUTION.matcher(l).matches() && quoteFollows(lines, i + 1, end)) {
            return 1;
        }
        if (startsLikeOne && i + 1 < end) {
            String two = l + " " + stripCr(lines[i + 1]).strip();
            if (two.length() <= 300 && hasAttributionVerb(two) && ATTRIBUTION.matcher(two).matches() && quoteFollows(lines, i + 2, end)
                    && ATTRIBUTION_START.matcher(l).lookingAt() && attributionAt(lines, i + 1, end) == 0) {
                return 2;
            }
        }
        return 0;
    }

    /** The precondition of {@link #OUTLOOK_FROM}: {@code From:}, {@code Von:}, or a {@code *} before them. */
    private static boolean mayStartOutlookFrom(String l) {
        return l.startsWith("From") || l.startsWith("Von") || l.startsWith("*");
    }

    /** The precondition of {@link #MOBILE_SIGNOFF} (case-insensitive): its first non-blank letter is s, v or g. */
    private static boolean maySignOff(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (!Character.isWhitespace(c)) {
                return "sSvVgG".indexOf(c) >= 0;
            }
        }
        return false;
    }

    private static final String[] ATTRIBUTION_VERBS = {"wrote", "schrieb", "writes", "schreibt", "crit", "escribi", "scritto",
        "schreef", "rta ("};

    private static boolean hasAttributionVerb(String l) {
        for (String v : ATTRIBUTION_VERBS) {
            if (l.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean quoteFollows(String[] lines, int from, int end) {
        for (int k = from; k < end && k < from + 3; k++) {
            String l = stripCr(lines[k]);
            if (l.isBlank()) {
                continue;
            }
            return quotePrefixEnd(l) >= 0;
        }
        return from >= end;
    }

    /** An Outlook header block: From/Von, then within four lines Sent/Gesendet and To/An or Subject/Betreff. */
    private static boolean startsQuoteHeaderBlock(String[] lines, int i, int end) {
        for (int k = i + 1; k < end && k <= i + 5; k++) {
            String l = stripCr(lines[k]);
            if (l.matches("^(?:\\*)?(?:To|An|Subject|Betreff|Cc):(?:\\*)?.*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * End of a quote prefix ({@code >}, {@code > >}, {@code >>}, up to three spaces before each {@code >},
     * one optional space or tab after), or -1 when the line is not quoted. A loop, not a regex: a line of
     * a million {@code >} must not recurse.
     */
    static int quotePrefixEnd(String l) {
        int i = 0;
        int n = l.length();
        int end = -1;
        while (true) {
            int j = i;
            while (j < n && j - i < 3 && (l.charAt(j) == ' ' || l.charAt(j) == '\t')) {
                j++;
            }
            if (j < n && l.charAt(j) == '>') {
                i = j + 1;
                end = i;
            } else {
                break;
            }
        }
        if (end >= 0 && end < n && (l.charAt(end) == ' ' || l.charAt(end) == '\t')) {
            end++;
        }
        return end;
    }

    private static boolean isMailmanFooter(String[] lines, int i) {
        for (int k = i + 1; k < lines.length && k <= i + 4; k++) {
            String l = lines[k];
            if (l.contains("mailing list") || l.contains("listinfo") || l.contains("To unsubscribe")) {
                return true;
            }
        }
        return false;
    }

    private static String stripCr(String l) {
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    private static String trimBlankLines(StringBuilder sb) {
        String s = sb.toString();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0 || !s.substring(start, nl).isBlank()) {
                break;
            }
            start = nl + 1;
        }
        return s.substring(start).stripTrailing();
    }
}
