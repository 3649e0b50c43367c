package dev.fieldshell.kb.crash;

import dev.fieldshell.kb.crash.noise.WorkMeter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OVMS version strings (ovms_version.cpp): {@code 3.3.004-321-gbb821cfc-dirty/ota_0/main (build idf
 * v3.3.4-851-gfa4f07fb3 Sep 30 2024 17:27:30[, product v3.3])}; the product part may arrive
 * mp_encoded as {@code ; product}.
 *
 * @param firmware the part before {@code (build}, e.g. {@code 3.3.004-321-gbb821cfc-dirty/ota_0/main}
 * @param idf      the idf {@code git describe}, e.g. {@code v3.3.4-851-gfa4f07fb3}; empty if absent
 */
record VersionString(String firmware, String idf) {

    private static final Pattern IDF = Pattern.compile("\\bidf (v\\d{1,2}\\.\\d{1,2}[\\w.\\-]{0,60})");
    private static final Pattern IDF_BANNER = Pattern.compile("ESP-IDF:? (v\\d{1,2}\\.\\d{1,2}[\\w.\\-]{0,60})");

    static VersionString parse(String text) {
        String t = text.strip();
        int b = t.indexOf("(build");
        String firmware = (b >= 0 ? t.substring(0, b) : t).strip();
        int sp = firmware.indexOf(' ');
        if (sp > 0) {
            firmware = firmware.substring(0, sp);
        }
        return new VersionString(firmware, idfIn(t));
    }

    /** The ESP-IDF version named in a line ({@code build idf v…}, {@code ESP-IDF v…}), or empty. */
    static String idfIn(String text) {
        Matcher m = WorkMeter.matcher(IDF, text);
        if (m.find()) {
            return m.group(1);
        }
        Matcher b = WorkMeter.matcher(IDF_BANNER, text);
        return b.find() ? b.group(1) : "";
    }

    /** The version without the partition and tag, the part that names the code: {@code 3.3.004-321-gbb821cfc-dirty}. */
    static String codeVersion(String firmware) {
        int slash = firmware.indexOf('/');
        return slash > 0 ? firmware.substring(0, slash) : firmware;
    }
}
