package org.doorstep.usecase.desktop;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Do-not-disturb hours of one camera, in local time: {@code from} inclusive to {@code to} exclusive; a span that
 * passes midnight (22:00-07:00) wraps. Equal ends would mean "never" or "always", so they are refused.
 */
public record QuietHours(LocalTime from, LocalTime to) {

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours need two different times");
        }
    }

    public boolean contains(LocalTime time) {
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }

    /** {@code "22:00-07:00"}; empty when the text is not two times. */
    public static Optional<QuietHours> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            LocalTime from = LocalTime.parse(parts[0]);
            LocalTime to = LocalTime.parse(parts[1]);
            return from.equals(to) ? Optional.empty() : Optional.of(new QuietHours(from, to));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
