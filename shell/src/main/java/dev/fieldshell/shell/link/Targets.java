package dev.fieldshell.shell.link;

import dev.fieldshell.shell.ovms.FirmwareVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads target texts: {@code sim[:VERSION]}, {@code ssh://user@host[:port]}, {@code serial:/dev/ttyUSB0[?baud=N]}, or an ssh config alias. */
public final class Targets {
    private Targets() {}

    private static final Pattern SSH_URL = Pattern.compile(
            "ssh://(?:([^@/?]+)@)?(\\[[0-9a-fA-F:.]+\\]|[^:/?@\\[\\]]+)(?::(\\d{1,5}))?/?(?:\\?(.*))?");
    private static final Pattern USER_AT_HOST = Pattern.compile("([^@/:?\\s]+)@([^@/:?\\s]+)(?::(\\d{1,5}))?");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]+");

    /** Parses a target text; an {@link IllegalArgumentException} says what is wrong with it. */
    public static TargetSpec parse(String text) {
        String t = text.strip();
        if (t.equals("sim")) {
            return new TargetSpec.Sim(t, "");
        }
        if (t.startsWith("sim:")) {
            String version = t.substring("sim:".length());
            if (FirmwareVersion.parse(version).isEmpty()) {
                throw new IllegalArgumentException("not a firmware version in '" + t + "' (expected e.g. sim:3.3.005)");
            }
            return new TargetSpec.Sim(t, version);
        }
        if (t.startsWith("serial:")) {
            return parseSerial(t);
        }
        if (t.startsWith("ssh://")) {
            Matcher m = SSH_URL.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an ssh target: '" + t + "' (expected ssh://user@host[:port])");
            }
            if (m.group(1) != null && m.group(1).contains(":")) {
                // It would be kept in history, transcripts and every error line naming the target.
                throw new IllegalArgumentException("a password in the target ('" + t.substring(0, t.indexOf(':', 6)) + ":…@…') is not taken: "
                        + "leave it out and type it when asked, or use a key");
            }
            String host = m.group(2);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            return new TargetSpec.Ssh(t, m.group(1) == null ? "" : m.group(1), host, port(m.group(3), t), false,
                    options(m.group(4), t));
        }
        Matcher m = USER_AT_HOST.matcher(t);
        if (m.matches()) {
            return new TargetSpec.Ssh(t, m.group(1), m.group(2), port(m.group(3), t), true, Map.of());
        }
        if (ALIAS.matcher(t).matches()) {
            return new TargetSpec.Ssh(t, "", t, 0, true, Map.of());
        }
        throw new IllegalArgumentException("unknown target '" + t
                + "' (expected sim, sim:VERSION, ssh://user@host[:port], an ~/.ssh/config host, or serial:/dev/ttyUSB0)");
    }

    /** The name a target gets when {@code :connect} is not told one: sim, the host, the device's file name. */
    public static String defaultName(String text) {
        TargetSpec spec = parse(text);
        return switch (spec) {
            case TargetSpec.Sim s -> s.text();
            case TargetSpec.Ssh s -> s.host() + (s.port() == 0 || s.port() == 22 ? "" : ":" + s.port());
            case TargetSpec.Serial s -> s.device().substring(s.device().lastIndexOf('/') + 1);
        };
    }

    private static TargetSpec.Serial parseSerial(String t) {
        String rest = t.substring("serial:".length());
        int q = rest.indexOf('?');
        String device = q < 0 ? rest : rest.substring(0, q);
        if (device.isEmpty()) {
            throw new IllegalArgumentException("serial target without a device: '" + t + "' (expected serial:/dev/ttyUSB0)");
        }
        Map<String, String> opts = options(q < 0 ? null : rest.substring(q + 1), t);
        int baud = 115200;
        for (Map.Entry<String, String> e : opts.entrySet()) {
            if (!e.getKey().equals("baud")) {
                throw new IllegalArgumentException("unknown serial option '" + e.getKey() + "' in '" + t + "' (known: baud)");
            }
            try {
                baud = Integer.parseInt(e.getValue());
            } catch (NumberFormatException ex) {
                baud = -1;
            }
            if (baud <= 0) {
                throw new IllegalArgumentException("bad baud rate '" + e.getValue() + "' in '" + t + "'");
            }
        }
        return new TargetSpec.Serial(t, device, baud);
    }

    private static int port(String p, String t) {
        if (p == null) {
            return 0;
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + t + "'");
        }
        return port;
    }

    private static Map<String, String> options(String query, String t) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad option '" + kv + "' in '" + t + "' (expected name=value)");
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }
}
