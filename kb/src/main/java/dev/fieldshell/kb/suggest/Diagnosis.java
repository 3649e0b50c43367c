package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the words that explain a cause: a curated note's cause and fix, a document's extracted
 * cause, or else the best sentence of the thread — one that reads like a diagnosis ("caused by",
 * "race", "not thread safe", "fixed in"), names the crash's frames, and is prose rather than a
 * pasted dump. Also the cause's status and links. Pure.
 */
public final class Diagnosis {
    private Diagnosis() {}

    /** The diagnosis text, the id of the document it came from, and the fix if known. */
    public record Found(String text, String from, String fix) {
        static final Found NONE = new Found("", "", "");
    }

    private static final List<String> CUES = List.of(
            "caused by", "because", "the cause", "root cause", "the problem is", "the issue is", "the reason",
            "this happens", "happens when", "triggered by", "race", "thread safe", "thread-safe", "thread safety",
            "concurren", "mutex", "lock", "null pointer", "use after free", "use-after-free", "freed", "double free",
            "overflow", "overrun", "out of bounds", "corrupt", "leak", "fixed", "fix", "workaround", "solved", "resolved",
            "solution", "patch", "due to", "was the culprit", "turned out", "problem was", "needs to", "must not",
            "not protected", "deadlock", "blocked", "stack size", "watchdog", "liegt an", "ursache", "behoben");

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"(])");
    private static final Pattern COMMIT = Pattern.compile("github\\.com/[\\w.-]+/[\\w.-]+/commit/([0-9a-f]{7,40})");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{6,}");

    public static Found find(List<KbDocument> docs, SuggestQuery q) {
        for (KbDocument d : docs) {
            if (d.type() == DocType.NOTE && !d.cause().isEmpty()) {
                return new Found(d.cause().strip(), d.id(), d.fix().strip());
            }
        }
        for (KbDocument d : docs) {
            if (!d.cause().isEmpty()) {
                return new Found(d.cause().strip(), d.id(), d.fix().strip());
            }
        }
        Set<String> frameKeys = new LinkedHashSet<>();
        for (QueryFrame f : q.frames()) {
            if (f.named()) {
                frameKeys.add(f.key());
                int scope = f.key().lastIndexOf("::");
                if (scope > 0) {
                    frameKeys.add(f.key().substring(scope + 2));
                }
            }
        }
        String bestText = "";
        String bestFrom = "";
        double best = 0;
        for (KbDocument d : docs) {
            boolean reply = !d.threadId().isEmpty() && !CauseGrouping.bare(d.threadId()).equals(CauseGrouping.bare(d.id()));
            for (String sentence : sentences(d.text())) {
                double s = sentenceScore(sentence, frameKeys) + (reply ? 0.5 : 0);
                if (s > best) {
                    best = s;
                    bestText = sentence;
                    bestFrom = d.id();
                }
            }
        }
        return best >= 2 ? new Found(bestText, bestFrom, "") : Found.NONE;
    }

    static double sentenceScore(String sentence, Set<String> frameKeys) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        int cues = 0;
        for (String c : CUES) {
            if (lower.contains(c)) {
                cues++;
            }
        }
        if (cues == 0) {
            return 0;
        }
        Set<String> words = Tokens.setOf(sentence);
        int frames = 0;
        for (String k : frameKeys) {
            if (words.contains(k)) {
                frames++;
            }
        }
        return 2.0 * Math.min(cues, 3) + 1.5 * Math.min(frames, 2) - (sentence.endsWith("?") ? 2 : 0);
    }

    /** Prose sentences of a text: no quoted lines, no dumps, 30..400 characters. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            boolean dumpy = line.startsWith(">") || line.startsWith("```") || HEX.matcher(line).find()
                    || line.startsWith("#") && line.length() > 1 && Character.isDigit(line.charAt(1)) || letterRatio(line) < 0.6;
            if (line.isEmpty() || dumpy) {
                flush(para, out);
                continue;
            }
            if (para.length() > 0) {
                para.append(' ');
            }
            para.append(line);
        }
        flush(para, out);
        return out;
    }

    private static void flush(StringBuilder para, List<String> out) {
        if (para.length() == 0) {
            return;
        }
        for (String s : SENTENCE_END.split(para.toString())) {
            String t = s.strip();
            if (t.length() >= 30 && t.length() <= 400) {
                out.add(t);
            }
        }
        para.setLength(0);
    }

    private static double letterRatio(String line) {
        if (line.isEmpty()) {
            return 1;
        }
        int letters = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isLetter(c) || c == ' ' || c == ',' || c == '.' || c == '\'') {
                letters++;
            }
        }
        return (double) letters / line.length();
    }

    /** {@code fixed in 3.3.005}, {@code fixed by commit 069632f}, {@code open}, {@code closed}, or empty. */
    public static String status(List<KbDocument> docs, Found diagnosis) {
        for (KbDocument d : docs) {
            if (!d.fixedIn().isEmpty()) {
                return "fixed in " + d.fixedIn();
            }
        }
        String fixText = diagnosis.text() + " " + diagnosis.fix();
        Matcher m = COMMIT.matcher(fixText);
        if (m.find() && fixText.toLowerCase(Locale.ROOT).contains("fix")) {
            return "fixed by commit " + m.group(1).substring(0, 7);
        }
        for (KbDocument d : docs) {
            if (d.status().equalsIgnoreCase("fixed")) {
                return "fixed";
            }
        }
        for (KbDocument d : docs) {
            if (d.type() == DocType.ISSUE && !d.status().isEmpty()) {
                return d.status().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** Where to read more: the documents' own URLs, then the links they give; at most {@code max}. */
    public static List<String> links(List<KbDocument> docs, int max) {
        Set<String> out = new LinkedHashSet<>();
        for (KbDocument d : docs) {
            if (!d.url().isEmpty()) {
                out.add(d.url());
            }
        }
        for (KbDocument d : docs) {
            out.addAll(d.links());
        }
        return out.stream().limit(max).toList();
    }
}
