package dev.fieldshell.kb.source;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** References to GitHub issues and pull requests in text, as KB ids {@code owner/repo#N}. */
final class IssueLinks {
    private static final Pattern URL = Pattern.compile(
            "https?://(?:www\\.)?github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/(?:issues|pull)/(\\d+)");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w/.-])([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)#(\\d+)\\b");
    private static final Pattern SHORT = Pattern.compile("(?<![\\w/&#])#(\\d{1,6})\\b");
    private static final Pattern ANY_URL = Pattern.compile("https?://[^\\s<>\"')\\]]+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?*]+$");

    private IssueLinks() {}

    /**
     * Issue ids referenced in {@code text}. Bare {@code #N} counts only when {@code repo} is known (it
     * means an issue of the same repository); {@code self} is left out.
     */
    static List<String> issueIds(String text, String repo, String self) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m;
        if (text.contains("github.com/")) {
            m = URL.matcher(text);
            while (m.find()) {
                out.add(m.group(1) + "/" + m.group(2) + "#" + m.group(3));
            }
        }
        if (text.indexOf('#') < 0) {
            out.remove(self);
            return List.copyOf(out);
        }
        // Both patterns need a '#': try them only where one is, instead of scanning every character (the
        // owner/repo pattern's look-behind and runs made the full scan the costliest step of an issue import).
        Matcher qualified = QUALIFIED.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        Matcher bare = SHORT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        List<String> shortIds = new java.util.ArrayList<>();
        int qualifiedEnd = 0;
        int bareEnd = 0;
        for (int hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
            if (hash + 1 >= text.length() || !isAsciiDigit(text.charAt(hash + 1))) {
                continue;
            }
            int repoStart = runStart(text, hash);
            if (repoStart < hash && repoStart > 0 && text.charAt(repoStart - 1) == '/') {
                int ownerStart = runStart(text, repoStart - 1);
                if (ownerStart < repoStart - 1 && ownerStart >= qualifiedEnd) {
                    qualified.region(ownerStart, text.length());
                    if (qualified.lookingAt()) {
                        out.add(qualified.group(1) + "/" + qualified.group(2) + "#" + qualified.group(3));
                        qualifiedEnd = qualified.end();
                    }
                }
            }
            if (!repo.isEmpty() && hash >= bareEnd) {
                bare.region(hash, text.length());
                if (bare.lookingAt()) {
                    shortIds.add(repo + "#" + bare.group(1));
                    bareEnd = bare.end();
                }
            }
        }
        out.addAll(shortIds); // after the qualified ones, the order ids have always been stored in
        out.remove(self);
        return List.copyOf(out);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Start of the run of owner/repository characters ({@code [A-Za-z0-9_.-]}) that ends just before {@code end}. */
    private static int runStart(String text, int end) {
        int i = end;
        while (i > 0 && isNameChar(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isAsciiDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** Every http(s) URL in {@code text}, trailing punctuation trimmed, without duplicates. */
    static List<String> urls(String text) {
        if (!text.contains("http")) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ANY_URL.matcher(text);
        while (m.find()) {
            out.add(TRAILING_PUNCTUATION.matcher(m.group()).replaceAll(""));
        }
        return List.copyOf(out);
    }
}
