package dev.fieldshell.kb.source;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mail dates (RFC 5322 {@code Date:} and mbox/ctime separator dates) as ISO-8601 UTC. */
final class MailDates {
    private MailDates() {}

    private static final Pattern RFC = Pattern.compile(
            "(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d\\d)(?::(\\d\\d))?\\s*([+-]\\d{4}|[A-Z]{1,5})?");
    private static final Pattern CTIME = Pattern.compile(
            "(?:[A-Za-z]{3})\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d\\d)(?::(\\d\\d))?(?:\\s+[A-Z]{2,5})?\\s+(\\d{4})");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
            Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, String> ZONES = Map.of("UT", "+0000", "GMT", "+0000", "UTC", "+0000", "EST", "-0500",
            "EDT", "-0400", "CST", "-0600", "CDT", "-0500", "PST", "-0800", "PDT", "-0700", "CET", "+0100");
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().appendPattern("xx").toFormatter(Locale.ROOT);

    /** ISO-8601 instant ({@code 2026-01-22T02:20:24Z}) or "" when the text is not a recognizable date. */
    static String iso(String date) {
        Matcher m = RFC.matcher(date);
        if (m.find()) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month != null) {
                int year = Integer.parseInt(m.group(3));
                if (year < 100) {
                    year += year < 70 ? 2000 : 1900;
                }
                String zone = m.group(7) == null ? "+0000" : m.group(7);
                zone = zone.startsWith("+") || zone.startsWith("-") ? zone : ZONES.getOrDefault(zone, "+0000");
                return instant(year, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), zone);
            }
        }
        m = CTIME.matcher(date);
        if (m.find()) {
            Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (month != null) {
                return instant(Integer.parseInt(m.group(6)), month, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), "+0000");
            }
        }
        return "";
    }

    private static String instant(int y, int mo, int d, int h, int mi, int s, String zone) {
        try {
            ZoneOffset off = offset(zone);
            LocalDateTime t = LocalDateTime.of(y, mo, d, h, mi, s);
            return OffsetDateTime.of(t, off).withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        } catch (java.time.DateTimeException e) {
            return "";
        }
    }

    /** {@code +hhmm} / {@code -hhmm} as an offset, without a formatter (this runs once per imported mail). */
    private static ZoneOffset offset(String zone) {
        if (zone.length() != 5 || (zone.charAt(0) != '+' && zone.charAt(0) != '-')) {
            return ZoneOffset.from(OFFSET.parse(zone));
        }
        for (int i = 1; i < 5; i++) {
            if (zone.charAt(i) < '0' || zone.charAt(i) > '9') {
                return ZoneOffset.from(OFFSET.parse(zone));
            }
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        int hours = (zone.charAt(1) - '0') * 10 + zone.charAt(2) - '0';
        int minutes = (zone.charAt(3) - '0') * 10 + zone.charAt(4) - '0';
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    static int year(String iso) {
        try {
            return OffsetDateTime.parse(iso).get(ChronoField.YEAR);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
