package dev.fieldshell.shell.sim.console;

import dev.fieldshell.shell.ovms.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The microrl line editor (reference §2): per-character echo, 799-character line, control
 * characters dropped, leading spaces dropped, a small history, cursor keys and completion from
 * the command tree. Without echo (exec channels, scripts) it prints neither input nor prompt,
 * but still prints tokenizer errors.
 */
final class LineEditor {
    private static final int HISTORY_BYTES = 256;

    private final Console console;
    private final boolean echo;
    private final StringBuilder line = new StringBuilder();
    private final List<String> history = new ArrayList<>();
    private int cursor;
    private int historyPos = -1;
    private int escState; // 0 none, 1 after ESC, 2 after ESC[, 3 after ESC[<digit>
    private char escDigit;

    LineEditor(Console console, boolean echo) {
        this.console = console;
        this.echo = echo;
    }

    void printPrompt() {
        if (echo) {
            console.print(console.prompt());
        }
    }

    /** Ctrl-R: newline, prompt, the line, erase to end of line, then back to the cursor. */
    synchronized void redraw() {
        if (!echo) {
            return;
        }
        console.print("\r\n" + console.prompt() + line + "\033[K" + back(line.length() - cursor));
    }

    void key(char c) {
        List<String> toRun = null;
        synchronized (this) {
            if (escState != 0) {
                escape(c);
                return;
            }
            switch (c) {
                case '\n' -> toRun = enter();
                case '\r' -> { }
                case 27 -> escState = 1;
                case 9 -> complete();
                case 8, 127 -> backspace();
                case 1 -> moveTo(0);
                case 5 -> moveTo(line.length());
                case 2 -> moveTo(cursor - 1);
                case 6 -> moveTo(cursor + 1);
                case 16 -> historyStep(+1);
                case 14 -> historyStep(-1);
                case 21 -> { line.delete(0, cursor); cursor = 0; refresh(); }
                case 11 -> { line.setLength(cursor); refresh(); }
                case 4 -> { if (cursor < line.length()) { line.deleteCharAt(cursor); refresh(); } }
                case 18 -> redraw();
                default -> insert(c);
            }
        }
        if (toRun != null) {
            run(toRun);
        }
    }

    private void insert(char c) {
        if (c <= 31) {
            return;
        }
        if (c == ' ' && line.isEmpty()) {
            return;
        }
        if (line.length() >= Tokenizer.MAX_LINE) {
            return;
        }
        line.insert(cursor, c);
        cursor++;
        if (!echo) {
            return;
        }
        if (cursor == line.length()) {
            console.print(String.valueOf(c));
        } else {
            refreshFrom(cursor - 1);
        }
    }

    /** Returns the tokens to execute, or null; prints the Enter echo and tokenizer errors. */
    private List<String> enter() {
        String text = line.toString();
        line.setLength(0);
        cursor = 0;
        historyPos = -1;
        if (echo) {
            console.print("\r\n");
        }
        if (!text.isBlank()) {
            remember(text);
        }
        // The editor has already dropped control characters and kept at most MAX_LINE characters, so the
        // tokenizer refuses a line only for what microrl's split() refuses.
        if (Tokenizer.split(text) instanceof Tokenizer.Split.Tokens t) {
            return t.tokens();
        }
        console.print(Tokenizer.QUOTING_ERROR + "\n");
        return List.of();
    }

    private void run(List<String> tokens) {
        if (!tokens.isEmpty()) {
            console.execute(tokens);
        }
        if (!console.inputCaptured() && !console.closed()) {
            printPrompt();
        }
        console.commandDone();
    }

    private void remember(String text) {
        history.add(0, text);
        int bytes = 0;
        for (int i = 0; i < history.size(); i++) {
            bytes += history.get(i).length() + 1;
            if (bytes > HISTORY_BYTES) {
                history.subList(i, history.size()).clear();
                break;
            }
        }
    }

    private void historyStep(int dir) {
        int next = historyPos + dir;
        if (next < -1 || next >= history.size()) {
            return;
        }
        historyPos = next;
        line.setLength(0);
        if (next >= 0) {
            line.append(history.get(next));
        }
        cursor = line.length();
        if (echo) {
            console.print("\r" + console.prompt() + line + "\033[K");
        }
    }

    private void escape(char c) {
        switch (escState) {
            case 1 -> escState = c == '[' ? 2 : 0;
            case 2 -> {
                escState = 0;
                switch (c) {
                    case 'A' -> historyStep(+1);
                    case 'B' -> historyStep(-1);
                    case 'C' -> moveTo(cursor + 1);
                    case 'D' -> moveTo(cursor - 1);
                    default -> {
                        if (c >= '0' && c <= '9') {
                            escDigit = c;
                            escState = 3;
                        }
                    }
                }
            }
            default -> {
                escState = 0;
                if (c == '~' && escDigit == '7') {
                    moveTo(0);
                } else if (c == '~' && escDigit == '8') {
                    moveTo(line.length());
                }
            }
        }
    }

    private void backspace() {
        if (cursor == 0) {
            return;
        }
        line.deleteCharAt(cursor - 1);
        cursor--;
        if (!echo) {
            return;
        }
        if (cursor == line.length()) {
            console.print("\033[D \033[D");
        } else {
            refreshFrom(cursor);
        }
    }

    private void moveTo(int pos) {
        if (pos < 0 || pos > line.length() || pos == cursor) {
            return;
        }
        if (echo) {
            console.print(pos < cursor ? "\033[" + (cursor - pos) + "D" : "\033[" + (pos - cursor) + "C");
        }
        cursor = pos;
    }

    private void refresh() {
        refreshFrom(0);
    }

    /** Mid-line edit: {@code \r\033[<6+pos>C…\033[K\033[<n>D}. */
    private void refreshFrom(int pos) {
        if (!echo) {
            return;
        }
        String move = console.prompt().length() + pos > 0 ? "\033[" + (console.prompt().length() + pos) + "C" : "";
        console.print("\r" + move + line.substring(pos) + "\033[K" + back(line.length() - cursor));
    }

    private static String back(int n) {
        return n > 0 ? "\033[" + n + "D" : "";
    }

    /** TAB: complete the current command word from the tree (secure-filtered). */
    private void complete() {
        if (!echo) {
            return;
        }
        String before = line.substring(0, cursor);
        if (!(Tokenizer.split(before) instanceof Tokenizer.Split.Tokens tokens)) {
            return;
        }
        List<String> words = new ArrayList<>(tokens.tokens());
        if (before.isEmpty() || before.endsWith(" ")) {
            words.add("");
        }
        CommandNode node = console.host().commands();
        String partial = words.get(words.size() - 1);
        List<String> candidates = new ArrayList<>();
        boolean paths = false;
        for (int i = 0; i < words.size() - 1 && node != null; i++) {
            CommandNode next = node.findUniquePrefix(words.get(i));
            if (next == null && node.children().isEmpty()) {
                break; // past the command words: arguments
            }
            node = next;
        }
        if (node == null) {
            return;
        }
        if (node.children().isEmpty() || partial.startsWith("/")) {
            if (!partial.startsWith("/")) {
                return;
            }
            paths = true;
            candidates.addAll(console.host().completePath(partial));
        } else {
            for (CommandNode c : node.visibleChildren(console.secure())) {
                if (c.name().startsWith(partial)) {
                    candidates.add(c.name());
                }
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        if (candidates.size() == 1) {
            String only = candidates.get(0);
            String rest = only.substring(Math.min(partial.length(), only.length())) + (paths && only.endsWith("/") ? "" : " ");
            for (char ch : rest.toCharArray()) {
                insert(ch);
            }
            return;
        }
        StringBuilder list = new StringBuilder("\r\n");
        for (int i = 0; i < candidates.size() && i < 20; i++) {
            String c = candidates.get(i);
            if (paths) {
                String trimmed = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
                c = c.substring(trimmed.lastIndexOf('/') + 1);
            }
            list.append(i == 0 ? "" : " ").append(c);
        }
        if (candidates.size() > 20) {
            list.append(" ...");
        }
        console.print(list + "\r\n" + console.prompt() + line);
        String common = candidates.get(0);
        for (String s : candidates) {
            int k = 0;
            while (k < common.length() && k < s.length() && common.charAt(k) == s.charAt(k)) {
                k++;
            }
            common = common.substring(0, k);
        }
        for (char ch : common.substring(partial.length()).toCharArray()) {
            insert(ch);
        }
    }
}
