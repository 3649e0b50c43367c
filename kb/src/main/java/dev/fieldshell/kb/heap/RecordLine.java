package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.List;

/**
 * A standalone record line read without regular expressions, because it runs once per record:
 * {@code <size> bytes (@ 0x<addr>[, <Internal|PSRAM>]) allocated CPU <n>[ task 0x<h>] ccount 0x<c>[ caller <frames>][ freed]}.
 * Anything unusual returns null and the reader falls back to its regular expression.
 */
record RecordLine(long size, long address, String memory, int cpu, long task, long ccount, List<Frame> frames, boolean freed) {

    static RecordLine parse(String s) {
        Cursor c = new Cursor(s);
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
            while (c.i < s.length() && Character.isLetter(s.charAt(c.i))) {
                c.i++;
            }
            memory = s.substring(start, c.i);
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
        if (cpu < 0 || ccount < 0) {
            return null;
        }
        List<Frame> frames = List.of();
        if (c.skip(" caller ")) {
            int start = c.i;
            while (c.i < s.length() && s.charAt(c.i) != ' ') {
                c.i++;
            }
            frames = TextTraceReader.frames(s.substring(start, c.i));
        }
        boolean freed = c.skip(" freed");
        return c.i == s.length() ? new RecordLine(size, address, memory, (int) cpu, task, ccount, frames, freed) : null;
    }

    private static final class Cursor {
        final String s;
        int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean skip(String lit) {
            if (s.startsWith(lit, i)) {
                i += lit.length();
                return true;
            }
            return false;
        }

        void spaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        long decimal() {
            int start = i;
            long v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 18) {
                v = v * 10 + (s.charAt(i++) - '0');
            }
            return i == start ? -1 : v;
        }

        long hex0x() {
            if (!skip("0x")) {
                return -1;
            }
            int start = i;
            long v = 0;
            while (i < s.length() && i - start < 16) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            return i == start ? -1 : v;
        }
    }
}
