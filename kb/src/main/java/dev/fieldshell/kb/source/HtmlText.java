package dev.fieldshell.kb.source;

import java.util.Locale;

/**
 * HTML mail parts as plain text, keeping what quote splitting needs: {@code <blockquote>} depth
 * becomes {@code > } prefixes, line-breaking elements become newlines, entities are decoded.
 * A small linear scanner, not a full HTML parser; scripts and styles are dropped.
 */
final class HtmlText {
    private HtmlText() {}

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int depth = 0;
        boolean atLineStart = true;
        String skipUntil = null;
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                String tag = html.substring(i + 1, end).strip().toLowerCase(Locale.ROOT);
                i = end + 1;
                if (tag.startsWith("!--")) {
                    int close = html.indexOf("-->", i - 1);
                    i = close < 0 ? n : close + 3;
                    continue;
                }
                String name = tag.replaceFirst("^/", "").split("[\\s/>]", 2)[0];
                boolean closing = tag.startsWith("/");
                if (skipUntil != null) {
                    if (closing && name.equals(skipUntil)) {
                        skipUntil = null;
                    }
                    continue;
                }
                switch (name) {
                    case "script", "style", "head", "title" -> {
                        if (!closing) {
                            skipUntil = name;
                        }
                    }
                    case "blockquote" -> {
                        depth = Math.max(0, depth + (closing ? -1 : 1));
                        newline(out);
                        atLineStart = true;
                    }
                    case "br", "p", "div", "tr", "li", "pre", "h1", "h2", "h3", "h4", "table" -> {
                        newline(out);
                        atLineStart = true;
                    }
                    default -> { }
                }
                continue;
            }
            if (skipUntil != null) {
                i++;
                continue;
            }
            if (c == '\r') {
                i++;
                continue;
            }
            if (c == '\n') {
                out.append('\n');
                atLineStart = true;
                i++;
                continue;
            }
            if (atLineStart && depth > 0) {
                out.append("> ".repeat(depth));
            }
            atLineStart = false;
            if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 10) {
                    String ent = html.substring(i + 1, semi);
                    String dec = entity(ent);
                    if (dec != null) {
                        out.append(dec);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String entity(String e) {
        switch (e) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
        }
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            }
            if (e.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(1))));
            }
        } catch (IllegalArgumentException ex) {
            return null;
        }
        return null;
    }
}
