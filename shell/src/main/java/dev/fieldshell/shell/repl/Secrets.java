package dev.fieldshell.shell.repl;

import dev.fieldshell.shell.ovms.Tokenizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in command lines before they reach history or a transcript: {@code enable <pw>}
 * becomes {@code enable ****}, {@code config set password <instance> <pw>} keeps the instance and
 * masks the value, and so do the wifi/server/ssh secrets the module keeps in config.
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

    /** The line with any password replaced by {@link #MASK}. */
    public static String mask(String line) {
        line = URL_PASSWORD.matcher(line).replaceAll("$1" + MASK + "$2");
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
