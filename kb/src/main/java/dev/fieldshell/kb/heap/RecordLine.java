package dev.fieldshell.kb.heap;

/**
 * A standalone record line read from its bytes without regular expressions, because it runs once per record:
 * {@code <size> bytes (@ 0x<addr>[, <Internal|PSRAM>]) allocated CPU <n>[ task 0x<h>] ccount 0x<c>[ caller <frames>][ freed]}.
 * Anything unusual returns null and the reader falls back to its regular expression.
 */
record RecordLine(long size, long address, String memory, int cpu, long task, long ccount, Callers callers, boolean freed) {

    static RecordLine parse(byte[] b, int from, int to, CallersCache callers) {
        ByteCursor c = new ByteCursor(b, from, to);
        long size = c.decimal();
        if (size < 0 || !c.skip(" bytes (@ ")) {
            return null;
        }
        long address = c.hex0x();
        if (address < 0) {
            return null;
        }
        String memory = "";
        if (c.skip(",")) {
            c.spaces();
            int start = c.i;
            while (c.i < to && letter(b[c.i])) {
                c.i++;
            }
            memory = memory(b, start, c.i);
        }
        if (!c.skip(") allocated CPU ")) {
            return null;
        }
        long cpu = c.decimal();
        long task = 0;
        if (c.skip(" task ")) {
            task = c.hex0x();
            if (task < 0) {
                return null;
            }
        }
        if (!c.skip(" ccount ")) {
            return null;
        }
        long ccount = c.hex0x();
        if (cpu < 0 || cpu > Integer.MAX_VALUE || ccount < 0) {
            return null;
        }
        Callers frames = Callers.NONE;
        if (c.skip(" caller ")) {
            int start = c.i;
            while (c.i < to && b[c.i] != ' ') {
                c.i++;
            }
            frames = callers.parse(b, start, c.i);
        }
        boolean freed = c.skip(" freed");
        return c.atEnd() ? new RecordLine(size, address, memory, (int) cpu, task, ccount, frames, freed) : null;
    }

    private static boolean letter(byte x) {
        return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
    }

    /** The two values v5.1+ prints are shared rather than allocated per record. */
    private static String memory(byte[] b, int from, int to) {
        String s = switch (to - from) {
            case 0 -> "";
            case 5 -> "PSRAM";
            case 8 -> "Internal";
            default -> null;
        };
        if (s != null) {
            boolean same = true;
            for (int k = 0; k < s.length() && same; k++) {
                same = b[from + k] == s.charAt(k);
            }
            if (same) {
                return s;
            }
        }
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
