package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.ovms.Tokenizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in command lines before they reach history or a transcript: {@code enable <pw>}
 * becomes {@code enable ****}, {@code config set password <instance> <pw>} keeps the instance and
 * masks the value, and so do the wifi/server/ssh secrets the module keeps in config; so is the
 * text of a {@code vfs echo} into the module's config files or of one that holds such a line, and
 * such lines and values inside the JavaScript strings of a {@code :js} line.
 */
public final class Secrets {
    private Secrets() {}

    public static final String MASK = "****";

    // `enable` may be abbreviated on the module (unique prefix: "en", "ena", ...).
    private static final Pattern ENABLE = Pattern.compile("^(\\s*en(?:a|ab|abl|able)?\\s+)(\\S.*)$");
    // config set <param> <instance> <value>: params whose values are secrets, or instances named like one.
    private static final Pattern CONFIG_SET = Pattern.compile(
            "^(\\s*co\\S*\\s+se\\S*\\s+)(\\S+)(\\s+)(\\S+)(\\s+)(.+)$");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "password|passwd|secret|token|key|keys|pin|ssh\\.keys|wifi\\.ssid|wifi\\.ap|server\\.v2|server\\.v3|modem",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_INSTANCE = Pattern.compile(
            "pass|password|secret|token|apikey|key|\\bpin\\b|psk", Pattern.CASE_INSENSITIVE); // "pin" as a word: not "ping"

    // ssh://user:password@host, refused as a target but typed all the same.
    private static final Pattern URL_PASSWORD = Pattern.compile("(ssh://[^:@/\\s]+:)[^@\\s]+(@)");

    // vfs echo/append TEXT PATH: the module's config files hold secrets, and so may a script that sets one.
    private static final Pattern VFS_WRITE = Pattern.compile("^(\\s*vf\\S*\\s+(?:ec|ap)\\S*\\s+)(.+?)(\\s+\\S+)\\s*$");
    // :js carries module command lines and config values as JavaScript strings.
    private static final Pattern JS_LINE = Pattern.compile("^\\s*:js\\b");
    private static final String JS_STRING = "(['\"`])((?:\\\\.|(?!\\%d).)*)\\%d";
    private static final Pattern JS_LITERAL = Pattern.compile(JS_STRING.formatted(1, 1));
    private static final Pattern JS_CONFIG_SET = Pattern.compile(
            "(config\\.set\\(\\s*" + JS_STRING.formatted(2, 2) + "\\s*,\\s*" + JS_STRING.formatted(4, 4) + "\\s*,\\s*)"
                    + JS_STRING.formatted(6, 6));

    // config list <param>: a readable param lists "  <instance>: <value>", a server password among them (reference §8).
    private static final Pattern CONFIG_LIST = Pattern.compile("^\\s*co\\S*\\s+li\\S*\\s+(\\S+)\\s*$");
    private static final Pattern INSTANCE_LINE = Pattern.compile("^(\\s+)([^:\\s]+): .*$");

    /** The line with any password replaced by {@link #MASK}. */
    public static String mask(String line) {
        line = URL_PASSWORD.matcher(line).replaceAll("$1" + MASK + "$2");
        if (JS_LINE.matcher(line).find()) {
            return maskJs(line);
        }
        Matcher v = VFS_WRITE.matcher(line);
        if (v.matches()) {
            String text = unquoted(v.group(2));
            if (v.group(3).toLowerCase().contains("/store/ovms_config") || !mask(text).equals(text)) {
                return v.group(1) + MASK + v.group(3);
            }
            return line;
        }
        Matcher m = ENABLE.matcher(line);
        if (m.matches()) {
            return m.group(1) + MASK;
        }
        m = CONFIG_SET.matcher(line);
        if (m.matches() && (isSecretParam(unquoted(m.group(2))) || isSecretInstance(unquoted(m.group(4))))) {
            return m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + MASK;
        }
        return line;
    }

    /**
     * What {@code command} printed, with the values of secret instances masked: the screen shows
     * them to the person who asked, transcripts and {@code --json} lines do not keep them.
     */
    public static String maskOutput(String command, String output) {
        Matcher c = CONFIG_LIST.matcher(command);
        if (!c.matches() || output.isEmpty()) {
            return output;
        }
        String param = unquoted(c.group(1));
        StringBuilder out = new StringBuilder(output.length());
        for (String line : output.split("(?<=\n)")) {
            String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            Matcher m = INSTANCE_LINE.matcher(body);
            if (m.matches() && isSecretConfig(param, m.group(2))) {
                out.append(m.group(1)).append(m.group(2)).append(": ").append(MASK).append(line.endsWith("\n") ? "\n" : "");
            } else {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** {@code ovms.config.set} of a secret keeps its param and instance; any string that is a line to mask is masked. */
    private static String maskJs(String line) {
        Matcher c = JS_CONFIG_SET.matcher(line);
        StringBuilder out = new StringBuilder();
        while (c.find()) {
            String replacement = isSecretConfig(c.group(3), c.group(5)) ? c.group(1) + c.group(6) + MASK + c.group(6) : c.group();
            c.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        c.appendTail(out);
        Matcher lit = JS_LITERAL.matcher(out.toString());
        StringBuilder masked = new StringBuilder();
        while (lit.find()) {
            String text = lit.group(2);
            String replacement = text.equals(MASK) || mask(text).equals(text) ? lit.group() : lit.group(1) + mask(text) + lit.group(1);
            lit.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        lit.appendTail(masked);
        return masked.toString();
    }

    /** Whether config {@code param}/{@code instance} holds a secret (a password, a Wi-Fi key, an SSH key). */
    public static boolean isSecretConfig(String param, String instance) {
        return isSecretParam(param) || isSecretInstance(instance);
    }

    /** The word as the module reads it: its tokenizer drops the quotes ({@code "password"} is {@code password}). */
    private static String unquoted(String word) {
        return Tokenizer.split(word) instanceof Tokenizer.Split.Tokens t && t.tokens().size() == 1 ? t.tokens().get(0) : word;
    }

    private static boolean isSecretParam(String param) {
        // wifi.ssid and wifi.ap hold the network passwords by SSID; password holds module/user passwords.
        return param.equalsIgnoreCase("password") || param.equalsIgnoreCase("wifi.ssid")
                || param.equalsIgnoreCase("wifi.ap") || param.equalsIgnoreCase("ssh.keys")
                || SECRET_PARAM.matcher(param).matches() && param.toLowerCase().contains("pass");
    }

    private static boolean isSecretInstance(String instance) {
        return SECRET_INSTANCE.matcher(instance).find();
    }
}
