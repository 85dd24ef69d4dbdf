package org.doorstep.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.doorstep.common.Messages;
import picocli.CommandLine;

/**
 * Reads a point in time: an ISO-8601 instant ({@code 2026-11-27T08:00:00Z}), a date-time with offset,
 * or a local date-time / date in the computer's time zone ({@code 2026-11-27T09:00}, {@code 2026-11-27}).
 */
public final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    private final ZoneId zone;

    public TimeConverter() {
        this(ZoneId.systemDefault());
    }

    TimeConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // try the friendlier forms below
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // local forms
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // date only
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(Messages.of("cli").get("error.time", value));
        }
    }
}
