package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IssueLinksTest {
    @Test
    void findsQualifiedBareAndUrlReferencesInOrder() {
        String text = "See openvehicles/Open-Vehicle-Monitoring-System-3#1021 and #77, also "
                + "https://github.com/espressif/esp-idf/issues/4550 and a/b/c#5, x#6, &#8217;, ##8 and #9.";
        assertThat(IssueLinks.issueIds(text, "me/repo", "me/repo#77")).containsExactly(
                "espressif/esp-idf#4550", "openvehicles/Open-Vehicle-Monitoring-System-3#1021", "me/repo#9");
    }

    /** The '#'-anchored search must find exactly what a plain scan with the two patterns finds, in the same order. */
    @Test
    void agreesWithAFullPatternScanOnRandomText() {
        Random r = new Random(5);
        String[] pieces = {"#", "#1", "#12", "#1234567", "/", "a", "B", "0", "9", "_", ".", "-", " ", "\n", "&", "x/y", "owner/repo",
            "owner/repo#", "1", "é", "(", ")", ":", "github.com/", "https://github.com/o/r/issues/3 "};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            String repo = r.nextBoolean() ? "" : "me/repo";
            assertThat(IssueLinks.issueIds(text, repo, "")).as(text).isEqualTo(fullScan(text, repo));
        }
    }

    private static final Pattern URL = Pattern.compile(
            "https?://(?:www\\.)?github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/(?:issues|pull)/(\\d+)");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w/.-])([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)#(\\d+)\\b");
    private static final Pattern SHORT = Pattern.compile("(?<![\\w/&#])#(\\d{1,6})\\b");

    private static List<String> fullScan(String text, String repo) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + "/" + m.group(2) + "#" + m.group(3));
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
        out.remove("");
        return List.copyOf(out);
    }
}
