package org.doorstep.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms},
 * combinations like {@code 1h30m}, an optional sign ({@code -90s}), a plain number of seconds, or ISO-8601
 * ({@code PT30S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d == null) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it like 30s, 5m, 2h or 1h30m");
        }
        return d;
    }

    /** The duration, or null if {@code text} is not one. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("pt") || s.startsWith("-pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.matches("\\d{1,12}")) {
            Duration d = Duration.ofSeconds(Long.parseLong(s));
            return negative ? d.negated() : d;
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            end = m.end();
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (end == 0 || end != s.length()) {
            return null;
        }
        return negative ? total.negated() : total;
    }
}
