package org.doorstep.usecase.paperwork;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.doorstep.common.Messages;

/** The documents' wording in one language: the bundle plus how durations and dates are written. */
final class PaperworkText {
    private final Messages m;

    PaperworkText(Locale locale) {
        this.m = Messages.of("paperwork", locale);
    }

    String get(String key, Object... args) {
        return m.get(key, args);
    }

    Locale locale() {
        return m.locale();
    }

    /** "48 hours", "7 days", "30 minutes": whole days only above 72 hours, where hours get hard to read. */
    String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % 60 != 0) {
            return m.get("retention.minutes", minutes);
        }
        long hours = d.toHours();
        if (hours > 72 && hours % 24 == 0) {
            return m.get("retention.days", hours / 24);
        }
        return m.get("retention.hours", hours);
    }

    String date(TemporalAccessor when) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(m.locale()).format(when);
    }

    String dateTime(TemporalAccessor when) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(m.locale())
                .format(when);
    }

    String yesNo(boolean value) {
        return m.get(value ? "yes" : "no");
    }

    String onOff(boolean value) {
        return m.get(value ? "on" : "off");
    }

    /** The missing owner facts as one phrase ("the contact, the purpose"). */
    String missing(List<String> keys) {
        return keys.stream().map(m::get).collect(Collectors.joining(", "));
    }
}
