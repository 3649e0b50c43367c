package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.link.CommandResult;

/** The {@code --json} line for one module command: {@code {"target","command","output","elapsed_ms"}}. */
public final class Json {
    private Json() {}

    /** The command and secret config values in its output are masked as transcripts mask them: these lines end up in CI logs. */
    public static String result(String target, String command, CommandResult r) {
        return "{\"target\":" + string(target) + ",\"command\":" + string(Secrets.mask(command)) + ",\"output\":" + string(Secrets.maskOutput(command, r.output()))
                + ",\"elapsed_ms\":" + r.elapsed().toMillis() + "}";
    }

    /** A JSON string literal. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
