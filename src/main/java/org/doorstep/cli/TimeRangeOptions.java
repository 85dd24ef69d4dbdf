package org.doorstep.cli;

import java.time.Instant;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import picocli.CommandLine.Option;

/** {@code --from T --to T}, shared by the commands that look at a time range; either end may be left open. */
public final class TimeRangeOptions {
    @Option(names = "--from", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.from")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.to")
    Instant to;

    /** Refuses a range whose start is not before its end. */
    TimeRangeOptions checked() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UserException(Messages.of("cli").get("error.range"), UserException.EXIT_USAGE);
        }
        return this;
    }
}
