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
        m = QUALIFIED.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + "/" + m.group(2) + "#" + m.group(3));
        }
        if (!repo.isEmpty()) {
            m = SHORT.matcher(text);
            while (m.find()) {
                out.add(repo + "#" + m.group(1));
            }
        }
        out.remove(self);
        return List.copyOf(out);
    }

    /** Every http(s) URL in {@code text}, trailing punctuation trimmed, without duplicates. */
    static List<String> urls(String text) {
        if (!text.contains("http")) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ANY_URL.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[.,;:!?*]+$", ""));
        }
        return List.copyOf(out);
    }
}
