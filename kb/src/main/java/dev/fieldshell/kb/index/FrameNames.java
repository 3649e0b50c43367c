package dev.fieldshell.kb.index;

/** Short forms of decoded function names, for keyword matching across decoders. */
final class FrameNames {
    private FrameNames() {}

    /**
     * {@code OvmsConsole::Poll(unsigned int, void*)} → {@code OvmsConsole::Poll}; {@code std::map<int, x>::find(k)} →
     * {@code std::map::find}: arguments and template arguments dropped, whitespace removed.
     */
    static String shortName(String function) {
        StringBuilder sb = new StringBuilder(function.length());
        int angle = 0;
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            if (c == '<') {
                angle++;
            } else if (c == '>') {
                angle = Math.max(0, angle - 1);
            } else if (c == '(' && angle == 0 && sb.length() > 0 && !sb.toString().endsWith("operator")) {
                break;
            } else if (angle == 0 && !Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? function.strip() : sb.toString();
    }
}
