package dev.fieldshell.kb.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 5322 headers of one mail: unfolded, names case-insensitive, RFC 2047 encoded words decoded. */
record MailHeaders(Map<String, List<String>> fields) {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

    static MailHeaders parse(List<String> lines) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String l : lines) {
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t') && name != null) {
                value.append(' ').append(l.strip());
                continue;
            }
            if (name != null) {
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
            }
            int colon = l.indexOf(':');
            if (colon > 0 && colon < 80 && l.substring(0, colon).chars().allMatch(c -> c > 32 && c < 127)) {
                name = l.substring(0, colon).toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(l.substring(colon + 1));
            } else {
                name = null;
            }
        }
        if (name != null) {
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
        }
        return new MailHeaders(map);
    }

    /** The first value of a header, decoded; "" when absent. */
    String get(String name) {
        List<String> v = fields.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? "" : decodeWords(v.get(0));
    }

    /** The first value undecoded (for structured headers such as Content-Type). */
    String raw(String name) {
        List<String> v = fields.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Message ids in a header ({@code <a@b> <c@d>}), without angle brackets, in order. */
    List<String> ids(String name) {
        List<String> out = new ArrayList<>();
        List<String> vs = fields.get(name.toLowerCase(Locale.ROOT));
        if (vs == null) {
            return out;
        }
        for (String v : vs) {
            Matcher m = ANGLE_ID.matcher(v);
            boolean any = false;
            while (m.find()) {
                out.add(m.group(1));
                any = true;
            }
            if (!any && !v.isBlank() && !v.strip().contains(" ")) {
                out.add(v.strip());
            }
        }
        return out;
    }

    /** Compiled once per parameter name (a handful: charset, boundary, name, filename). */
    private static final java.util.Map<String, Pattern> PARAM_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A header parameter such as {@code charset} or {@code boundary} of Content-Type. */
    static String param(String headerValue, String param) {
        Matcher m = PARAM_PATTERNS.computeIfAbsent(param.toLowerCase(java.util.Locale.ROOT), p ->
                Pattern.compile("(?i)(?:^|;)\\s*" + Pattern.quote(p) + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)")).matcher(headerValue);
        if (!m.find()) {
            return "";
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static String decodeWords(String s) {
        if (!s.contains("=?")) {
            return s;
        }
        s = BETWEEN_ENCODED_WORDS.matcher(s).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Charset cs = charset(m.group(1));
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("b")) {
                try {
                    bytes = Base64.getMimeDecoder().decode(m.group(3));
                } catch (IllegalArgumentException e) {
                    bytes = m.group(0).getBytes(StandardCharsets.ISO_8859_1);
                }
            } else {
                bytes = QuotedPrintable.decode(m.group(3).replace('_', ' '));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(new String(bytes, cs)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String n = name.strip();
        int star = n.indexOf('*'); // RFC 2231 language suffix
        if (star > 0) {
            n = n.substring(0, star);
        }
        try {
            return Charset.forName(n);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
