package org.doorstep.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.common.Messages;
import picocli.CommandLine;

/**
 * Reads durations the way people write them: {@code 90s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code 1h30m},
 * with an optional sign ({@code -90s}, for a camera clock that is behind), or ISO {@code PT90S}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        boolean negative = text.startsWith("-");
        if (negative || text.startsWith("+")) {
            text = text.substring(1);
        }
        if (text.startsWith("p")) {
            try {
                Duration iso = Duration.parse(text.toUpperCase(Locale.ROOT));
                return negative ? iso.negated() : iso;
            } catch (RuntimeException e) {
                throw invalid(value);
            }
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int consumed = 0;
        while (m.find()) {
            if (m.start() != consumed) {
                throw invalid(value);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            consumed = m.end();
        }
        if (consumed == 0 || consumed != text.length()) {
            throw invalid(value);
        }
        return negative ? total.negated() : total;
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(Messages.of("cli").get("error.duration", value));
    }
}
