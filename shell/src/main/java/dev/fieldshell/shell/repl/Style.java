package dev.fieldshell.shell.repl;

import java.util.regex.Pattern;

/** Colors for the shell's own messages, or none when {@code NO_COLOR} is set or there is no terminal. */
record Style(boolean color) {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    String error(String text) {
        return color ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    String notice(String text) {
        return color ? "\u001b[33m" + text + "\u001b[0m" : text;
    }

    String dim(String text) {
        return color ? "\u001b[2m" + text + "\u001b[0m" : text;
    }

    /** Module output as printed: its own colors (log lines) kept only when colors are on. */
    String moduleOutput(String text) {
        return color ? text : ANSI.matcher(text).replaceAll("");
    }

    /** Whether colors are wanted for this environment: a terminal and no {@code NO_COLOR} (any value). */
    static boolean wanted(java.util.Map<String, String> env, boolean terminal) {
        return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }
}
