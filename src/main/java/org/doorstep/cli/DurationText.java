package org.doorstep.cli;

import java.time.Duration;

/** Shows a duration the way {@link DurationConverter} reads it, e.g. {@code 48h} or {@code 1h30m}. */
public final class DurationText {
    private DurationText() {}

    public static String of(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days >= 7 && hours == 0 && minutes == 0 && seconds == 0) {
            return days + "d";
        }
        hours += days * 24;
        if (hours > 0) b.append(hours).append('h');
        if (minutes > 0) b.append(minutes).append('m');
        if (seconds > 0) b.append(seconds).append('s');
        return b.toString();
    }
}
