package org.doorstep.onvif;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "5s", "500ms", "1m", "2h", a bare number of seconds, or ISO-8601 "PT5S". */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(s);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ms = switch (unit) {
                case "ms" -> v;
                case "m" -> v * 60_000;
                case "h" -> v * 3_600_000;
                default -> v * 1000;
            };
            return Duration.ofMillis(Math.round(ms));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }
}
