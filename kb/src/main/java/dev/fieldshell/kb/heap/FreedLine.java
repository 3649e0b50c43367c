package dev.fieldshell.kb.heap;

/**
 * The OVMS fork's line after a freed record, read from its bytes: {@code freed[ task <handle>][ by[ ]<frames>]}.
 * Null for anything else, so the reader falls back to its regular expression.
 */
record FreedLine(long task, Callers by) {
    static final FreedLine BARE = new FreedLine(0, Callers.NONE);

    static FreedLine parse(byte[] b, int from, int to, CallersCache callers) {
        ByteCursor c = new ByteCursor(b, from, to);
        if (!c.skip("freed")) {
            return null;
        }
        long task = 0;
        if (c.skip(" task ")) {
            int start = c.i;
            while (c.i < to && !whitespace(b[c.i])) {
                c.i++;
            }
            if (c.i == start) {
                return null;
            }
            task = handle(b, start, c.i);
        }
        Callers by = Callers.NONE;
        if (c.skip(" by")) {
            c.skip(" ");
            int start = c.i;
            while (c.i < to && frameChar(b[c.i])) {
                c.i++;
            }
            by = callers.parse(b, start, c.i);
        }
        if (!c.atEnd()) {
            return null;
        }
        return task == 0 && by.size() == 0 ? BARE : new FreedLine(task, by);
    }

    /** A task handle {@code 0x…}; 0 when it is something else. */
    private static long handle(byte[] b, int from, int to) {
        if (to - from < 3 || to - from > 18 || b[from] != '0' || b[from + 1] != 'x') {
            return 0;
        }
        for (int k = from + 2; k < to; k++) {
            if (ByteCursor.digit(b[k]) < 0) {
                return 0;
            }
        }
        return ByteCursor.hex(b, from + 2, to);
    }

    private static boolean whitespace(byte x) {
        return x == ' ' || x == '\t' || x == '\n' || x == 0x0B || x == '\f' || x == '\r';
    }

    private static boolean frameChar(byte x) {
        return ByteCursor.digit(x) >= 0 || x == 'x' || x == ':';
    }
}
