package dev.fieldshell.kb.suggest;

import java.util.Locale;

/**
 * The comparable form of a decoded function name: arguments and template arguments dropped,
 * whitespace removed, lower case, so {@code OvmsConsole::Poll(unsigned int, void*)} from gdb and
 * {@code OvmsConsole::Poll} from a signature compare equal. Pure.
 */
public final class FunctionNames {
    private FunctionNames() {}

    public static String key(String function) {
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
            } else if (c == '[' && angle == 0 && sb.length() > 0) {
                break; // "foo [clone .constprop.0]"
            } else if (angle == 0 && !Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        String s = sb.length() == 0 ? function.strip() : sb.toString();
        int dot = s.indexOf(".constprop");
        if (dot < 0) {
            dot = s.indexOf(".isra");
        }
        if (dot < 0) {
            dot = s.indexOf(".part");
        }
        return (dot > 0 ? s.substring(0, dot) : s).toLowerCase(Locale.ROOT);
    }
}
