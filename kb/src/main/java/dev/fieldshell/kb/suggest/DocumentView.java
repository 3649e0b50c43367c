package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.symbols.BuildKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A KB document as the ranking compares it: each crash's relevant frame keys (innermost first) and
 * build, all code-like words of its text (and, in order, of its title, text and cause, for phrases),
 * the words of its title, its exceptions, and its signatures (declared, and computed now from its
 * crashes with the same rules as the query's). Pure.
 */
record DocumentView(KbDocument doc, List<List<String>> crashFrames, List<String> crashBuilds, Set<String> words,
        int length, Set<String> exceptions, Set<String> signatures, Set<String> builds, CrashTraits traits,
        Set<String> titleWords, List<List<String>> proseWords) {

    static DocumentView of(KbDocument d, FrameFilter filter, Function<CrashReport, String> signer) {
        List<List<String>> crashes = new ArrayList<>();
        List<String> crashBuilds = new ArrayList<>();
        Set<String> exceptions = new HashSet<>();
        Set<String> builds = new HashSet<>();
        Set<String> words = new HashSet<>();
        Set<String> sigs = new HashSet<>();
        for (String s : d.signatures()) {
            sigs.add(normalizeSignature(s));
        }
        for (CrashReport c : d.crashes()) {
            List<String> keys = new ArrayList<>();
            for (Frame f : c.frames()) {
                if (f.hasFunction()) {
                    if (!filter.irrelevant(f.function())) {
                        keys.add(FunctionNames.key(f.function()));
                    }
                } else if (f.address() != 0) {
                    keys.add(Frame.hex(f.address()));
                }
            }
            String b = BuildKey.of(c.firmwareVersion());
            if (!keys.isEmpty()) {
                crashes.add(keys);
                crashBuilds.add(b);
                words.addAll(keys);
            }
            if (!c.exception().isEmpty()) {
                exceptions.add(c.exception().toLowerCase(Locale.ROOT));
            }
            if (!b.isEmpty()) {
                builds.add(b);
            }
            String sig = signer.apply(c);
            if (!sig.isEmpty()) {
                sigs.add(normalizeSignature(sig));
            }
        }
        List<String> title = Tokens.of(d.title());
        words.addAll(title);
        List<String> text = Tokens.of(d.text());
        words.addAll(text);
        List<String> cause = Tokens.of(d.cause());
        words.addAll(cause);
        words.addAll(Tokens.of(d.fix()));
        words.addAll(Tokens.fileStems(words));
        return new DocumentView(d, crashes, crashBuilds, words, text.size(), exceptions, sigs, builds,
                CrashTraits.union(d.crashes()), new HashSet<>(title), List.of(title, text, cause));
    }

    /** Title and text, lower case, runs of white space as one blank: for phrase look-ups. */
    private static String prose(KbDocument d) {
        return (d.title() + " " + d.text() + " " + d.cause()).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * True when the document says {@code phrase} (lower case, single blanks) as whole words. Only
     * multi-word phrases (a task like {@code Tmr Svc}, {@code bad head}) read the text again, so the
     * common case costs a set look-up.
     */
    boolean says(String phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        if (!phrase.contains(" ")) {
            return words.contains(phrase);
        }
        String prose = prose(doc);
        int from = 0;
        while (true) {
            int i = prose.indexOf(phrase, from);
            if (i < 0) {
                return false;
            }
            int end = i + phrase.length();
            boolean startOk = i == 0 || !Tokens.isTokenChar(prose.charAt(i - 1));
            boolean endOk = end == prose.length() || !Character.isLetterOrDigit(prose.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    /**
     * Stripped, blanks around each {@code |} made one blank each side, lower case: what
     * {@code s.strip().replaceAll("\\s*\\|\\s*", " | ").toLowerCase(Locale.ROOT)} gives, without the
     * regular expression (every crash of every candidate passes here).
     */
    static String normalizeSignature(String s) {
        String t = s.strip();
        if (t.indexOf('|') < 0) {
            return t.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(t.length() + 8);
        int kept = 0; // blanks before this index came from a replacement and stay
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '|') {
                int end = sb.length();
                while (end > kept && isRegexSpace(sb.charAt(end - 1))) {
                    end--;
                }
                sb.setLength(end);
                sb.append(" | ");
                kept = sb.length();
                i++;
                while (i < t.length() && isRegexSpace(t.charAt(i))) {
                    i++;
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code \\s} of {@link java.util.regex.Pattern}: ASCII blanks only. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
