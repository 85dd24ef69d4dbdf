package org.doorstep.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.doorstep.i18n.Messages;
import picocli.CommandLine;

/**
 * Reads a point in time: an ISO-8601 instant ({@code 2026-05-01T12:30:00Z}), a date-time with offset, a local
 * date-time in this computer's time zone ({@code 2026-05-01T14:30}, also with a space), or a date (midnight).
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
        String v = value.trim().replace(' ', 'T');
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(Messages.of("record").get("time.invalid", value));
        }
    }
}
