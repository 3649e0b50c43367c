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

/**
 * A KB document as the ranking compares it: each crash's relevant frame keys (innermost first), all
 * code-like words of its text, its exceptions, signatures and builds. Pure.
 */
record DocumentView(KbDocument doc, List<List<String>> crashFrames, Set<String> words, Set<String> exceptions,
        Set<String> signatures, Set<String> builds) {

    static DocumentView of(KbDocument d, FrameFilter classifier) {
        List<List<String>> crashes = new ArrayList<>();
        Set<String> exceptions = new HashSet<>();
        Set<String> builds = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (CrashReport c : d.crashes()) {
            List<String> keys = new ArrayList<>();
            for (Frame f : c.frames()) {
                if (f.hasFunction()) {
                    if (!classifier.irrelevant(f.function())) {
                        keys.add(FunctionNames.key(f.function()));
                    }
                } else if (f.address() != 0) {
                    keys.add(String.format("0x%08x", f.address()));
                }
            }
            if (!keys.isEmpty()) {
                crashes.add(keys);
                words.addAll(keys);
            }
            if (!c.exception().isEmpty()) {
                exceptions.add(c.exception().toLowerCase(Locale.ROOT));
            }
            String b = BuildKey.of(c.firmwareVersion());
            if (!b.isEmpty()) {
                builds.add(b);
            }
        }
        words.addAll(Tokens.of(d.title()));
        words.addAll(Tokens.of(d.text()));
        words.addAll(Tokens.of(d.cause()));
        words.addAll(Tokens.of(d.fix()));
        Set<String> sigs = new HashSet<>();
        for (String s : d.signatures()) {
            sigs.add(normalizeSignature(s));
        }
        return new DocumentView(d, crashes, words, exceptions, sigs, builds);
    }

    static String normalizeSignature(String s) {
        return s.strip().replaceAll("\\s*\\|\\s*", " | ").toLowerCase(Locale.ROOT);
    }
}
