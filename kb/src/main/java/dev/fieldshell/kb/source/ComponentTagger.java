package dev.fieldshell.kb.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Names the components a text is about, by the patterns in {@code components.tsv}. */
final class ComponentTagger {
    private static final Map<String, Pattern> PATTERNS = load();
    private static final int SCAN_LIMIT = 200_000;

    private ComponentTagger() {}

    static List<String> components(String text) {
        String t = text.length() > SCAN_LIMIT ? text.substring(0, SCAN_LIMIT) : text;
        List<String> out = new ArrayList<>();
        PATTERNS.forEach((name, p) -> {
            if (p.matcher(t).find()) {
                out.add(name);
            }
        });
        return out;
    }

    private static Map<String, Pattern> load() {
        Map<String, Pattern> map = new LinkedHashMap<>();
        try (InputStream in = ComponentTagger.class.getResourceAsStream("components.tsv")) {
            if (in == null) {
                throw new IllegalStateException("components.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] kv = l.split("\t", 2);
                if (kv.length == 2) {
                    map.put(kv[0].strip(), Pattern.compile(kv[1].strip(), Pattern.CASE_INSENSITIVE));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
