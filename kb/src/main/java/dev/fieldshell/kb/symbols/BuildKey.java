package dev.fieldshell.kb.symbols;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a firmware version string that identifies a build. {@code 3.3.004-321-gbb821cfc-dirty/ota_0/main
 * (build idf v3.3.4-851-gfa4f07fb3 Sep 30 2024 17:27:30)} and {@code 3.3.004-321-gbb821cfc-dirty/ota_1/edge}
 * are the same build (the partition and OTA tag say where it runs, not what it is).
 */
public final class BuildKey {
    private static final Pattern VERSION = Pattern.compile("^\\s*([0-9][0-9A-Za-z._+-]*)");

    private BuildKey() {}

    /** The build key, or the empty string when {@code version} names none. */
    public static String of(String version) {
        if (version == null) {
            return "";
        }
        String head = version.strip();
        int slash = head.indexOf('/');
        if (slash >= 0) {
            head = head.substring(0, slash);
        }
        Matcher m = VERSION.matcher(head);
        return m.find() ? m.group(1) : "";
    }

    /** A file-system-safe directory name for a key. */
    static String directoryName(String key) {
        return key.replaceAll("[^0-9A-Za-z._+-]", "_");
    }
}
