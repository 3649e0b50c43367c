package dev.fieldshell.kb.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The ways real captures get mangled (crash-formats.md §1.6), applied to clean fixtures. */
public final class Noise {
    private Noise() {}

    public record Variant(String name, UnaryOperator<String> apply) {}

    public static List<Variant> variants() {
        return List.of(
                new Variant("ansi-escape", t -> eachLine(t, (l, i) -> l.isEmpty() ? l : "\u001B[0;3" + (i % 3 + 1) + "m" + l + "\u001B[0m")),
                new Variant("ansi-literal-ESC", t -> eachLine(t, (l, i) -> l.isEmpty() ? l : "ESC[0;33m" + l + "ESC[0m")),
                new Variant("ansi-bare", t -> eachLine(t, (l, i) -> l.isEmpty() ? l : "[0;32m" + l + "[0m")),
                new Variant("timestamp-brackets-ms", t -> eachLine(t, (l, i) -> String.format("[19:46:%02d:%03d] ", i % 60, i * 7 % 1000) + l)),
                new Variant("timestamp-dot-ms", t -> eachLine(t, (l, i) -> String.format("07:53:%02d.%03d ", i % 60, i * 13 % 1000) + l)),
                new Variant("timestamp-seconds", t -> eachLine(t, (l, i) -> String.format("[08:34:%02d]", i % 60) + l)),
                new Variant("quoted", t -> eachLine(t, (l, i) -> l.isEmpty() ? ">" : "> " + l)),
                new Variant("quoted-twice", t -> eachLine(t, (l, i) -> ">> " + l)),
                new Variant("quoted-spaced", t -> eachLine(t, (l, i) -> "> > " + l)),
                new Variant("crlf", t -> t.replace("\n", "\r\n")),
                new Variant("visible-crlf", t -> t.replace("\n", "\u240D\u240A\n")),
                new Variant("tabs-and-nbsp", t -> t.replace("  ", "\t").replace(" : ", "\u00A0: ")),
                new Variant("wrapped-72", Noise::wrap72),
                new Variant("flattened-paragraphs", Noise::flattenParagraphs),
                new Variant("flattened-one-line", t -> t.replace('\n', ' ').replaceAll("\\s+", " ")),
                new Variant("quoted-wrapped-ansi", t -> eachLine(wrap72(eachLine(t, (l, i) -> l.isEmpty() ? l : "\u001B[0;31m" + l + "\u001B[0m")),
                        (l, i) -> "> " + l)));
    }

    interface LineFn {
        String apply(String line, int index);
    }

    static String eachLine(String t, LineFn f) {
        String[] lines = t.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            sb.append(f.apply(lines[i], i)).append('\n');
        }
        return sb.toString();
    }

    /** What Thunderbird's format=flowed does to long lines: break at the last blank before column 72. */
    static String wrap72(String t) {
        StringBuilder sb = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            String rest = line;
            int quote = 0;
            while (quote < line.length()) { // a wrap never breaks inside the quote marks or a leading colour code
                char c = line.charAt(quote);
                if (c == '\u001B') {
                    int m = line.indexOf('m', quote);
                    quote = m < 0 ? line.length() : m + 1;
                } else if (c == '>' || c == ' ') {
                    quote++;
                } else {
                    break;
                }
            }
            while (rest.length() > 72) {
                int cut = rest.lastIndexOf(' ', 72);
                if (cut <= quote) {
                    break;
                }
                quote = 0;
                sb.append(rest, 0, cut + 1).append('\n');
                rest = rest.substring(cut + 1);
            }
            sb.append(rest).append('\n');
        }
        return sb.toString();
    }

    /**
     * What an HTML mail client does: every paragraph collapsed into one line, blank lines kept. A
     * quoted text is flattened inside its quote, as the client renders the blockquote first.
     */
    static String flattenParagraphs(String t) {
        boolean quoted = t.startsWith(">") || t.contains("\n>");
        if (quoted) {
            String inner = eachLine(t, (l, i) -> l.startsWith("> ") ? l.substring(2) : l.startsWith(">") ? l.substring(1) : l);
            return eachLine(flattenParagraphs(inner), (l, i) -> l.isEmpty() ? ">" : "> " + l);
        }
        List<String> paras = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            if (line.isBlank()) {
                if (cur.length() > 0) {
                    paras.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                if (cur.length() > 0) {
                    cur.append(' ');
                }
                cur.append(line.strip().replaceAll("\\s+", " "));
            }
        }
        if (cur.length() > 0) {
            paras.add(cur.toString());
        }
        return String.join("\n\n", paras) + "\n";
    }
}
