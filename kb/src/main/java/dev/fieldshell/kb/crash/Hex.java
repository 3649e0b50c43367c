package dev.fieldshell.kb.crash;

/** Reading 32-bit hex numbers out of crash text without regular expressions. */
final class Hex {
    private Hex() {}

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code 0x1234abcd} or {@code 1234abcd} (1..8 digits) to its value, or -1. */
    static long parse(String s) {
        if (s == null) {
            return -1;
        }
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (t.isEmpty() || t.length() > 8) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!isHexDigit(c)) {
                return -1;
            }
            v = (v << 4) | Character.digit(c, 16);
        }
        return v;
    }

    /** The first {@code 0x…} number at or after {@code from} in {@code s}, or -1. */
    static long firstAfter(String s, int from) {
        if (from < 0) {
            return -1;
        }
        int i = s.indexOf("0x", from);
        while (i >= 0) {
            int j = i + 2;
            while (j < s.length() && j - i - 2 < 9 && isHexDigit(s.charAt(j))) {
                j++;
            }
            if (j > i + 2 && j - i - 2 <= 8 && (j >= s.length() || !isHexDigit(s.charAt(j)))) {
                return parse(s.substring(i, j));
            }
            i = s.indexOf("0x", j);
        }
        return -1;
    }

    /** The first {@code 0x…} number after the word {@code key}, or -1 when the word or number is missing. */
    static long after(String s, String key) {
        int k = s.indexOf(key);
        return k < 0 ? -1 : firstAfter(s, k + key.length());
    }
}
