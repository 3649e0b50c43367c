package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The labels of an OVMS {@code boot status} block ({@code boot-status-labels.txt}): "Current task on
 * core 0:", "Event:", "WDT tasks:", the {@code OVMS# boot status} line itself. Every such block prints
 * them, so they are no query words; the values after them (task names, the event, the version) are.
 * Pure once loaded.
 */
final class BootStatusLabels {

    private static final BootStatusLabels BUNDLED = of(DataFile.bundled(BootStatusLabels.class, "boot-status-labels.txt"));

    /** A label split at its {@code <n>}: the text before the number, whether one follows, and the text after it. */
    private record Label(String head, boolean number, String tail) {
        boolean colon() {
            return (number ? tail : head).endsWith(":");
        }

        int length() {
            return head.length() + tail.length();
        }
    }

    private final List<Label> labels;

    private BootStatusLabels(List<Label> labels) {
        this.labels = labels.stream().sorted(Comparator.comparingInt(Label::length).reversed()).toList();
    }

    static BootStatusLabels bundled() {
        return BUNDLED;
    }

    static BootStatusLabels of(DataFile file) {
        List<Label> out = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            String t = line.text();
            int n = t.indexOf("<n>");
            if (n == 0 || t.indexOf("<n>", n + 1) >= 0) {
                throw line.bad("a label as printed, with at most one <n> and not at its start");
            }
            out.add(n < 0 ? new Label(t, false, "") : new Label(t.substring(0, n), true, t.substring(n + 3)));
        }
        return new BootStatusLabels(out);
    }

    /** {@code text} with the labels cut from each line: the values of a boot status block, and any other line as it was. */
    String values(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (String line : (Iterable<String>) text.lines()::iterator) {
            sb.append(valueOf(line)).append('\n');
        }
        return sb.toString();
    }

    /** One line without the label that starts it, and without colon labels inside it. */
    String valueOf(String line) {
        String t = line.strip();
        for (Label l : labels) {
            int end = match(t, 0, l);
            if (end > 0) {
                t = t.substring(end).strip();
                break;
            }
        }
        // a flattened paste: "… 0 early Last crash: LoadProhibited … Current task on core 0: IDLE0, …"
        for (Label l : labels) {
            if (!l.colon()) {
                continue;
            }
            int from = t.indexOf(l.head());
            while (from > 0) {
                int end = Character.isWhitespace(t.charAt(from - 1)) ? match(t, from, l) : -1;
                if (end > 0) {
                    t = t.substring(0, from) + t.substring(end);
                    from = t.indexOf(l.head(), from);
                } else {
                    from = t.indexOf(l.head(), from + 1);
                }
            }
        }
        return t;
    }

    /** Where label {@code l} ends when it stands at {@code at} of {@code t} as a whole label, else -1. */
    private static int match(String t, int at, Label l) {
        if (!t.startsWith(l.head(), at)) {
            return -1;
        }
        int end = at + l.head().length();
        if (l.number()) {
            int d = end;
            while (d < t.length() && d - end < 3 && Character.isDigit(t.charAt(d))) {
                d++;
            }
            if (d == end || !t.startsWith(l.tail(), d)) {
                return -1;
            }
            end = d + l.tail().length();
        }
        // a whole label: "Event:" but not "Events:"; "OVMS# boot" but not "OVMS# bootstrap"
        return end == t.length() || l.colon() || Character.isWhitespace(t.charAt(end)) ? end : -1;
    }
}
