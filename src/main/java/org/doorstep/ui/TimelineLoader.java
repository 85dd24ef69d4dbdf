package org.doorstep.ui;

import java.time.Instant;
import java.util.List;

/** Loads the timeline rows for a time window; called off the JavaFX thread. */
@FunctionalInterface
public interface TimelineLoader {
    List<TimelineView.Row> load(Instant from, Instant to) throws Exception;
}
