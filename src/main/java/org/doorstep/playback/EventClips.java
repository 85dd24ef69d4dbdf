package org.doorstep.playback;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;

/**
 * Links an event to the recordings that show it: the event's time with a few seconds before (someone
 * walking up) and after (leaving), and the segments that cover that range, ready to play or export.
 */
public final class EventClips {
    public static final Duration PRE_ROLL = Duration.ofSeconds(5);
    public static final Duration POST_ROLL = Duration.ofSeconds(5);

    private final SegmentIndex index;

    public EventClips(SegmentIndex index) {
        this.index = index;
    }

    /** The range to show for an event and the segments covering it (empty when nothing was recorded then). */
    public record Clip(Instant from, Instant to, List<SegmentRow> segments) {
        public boolean recorded() {
            return !segments.isEmpty();
        }
    }

    public Clip clipOf(StoredEvent event) throws SQLException {
        Instant from = event.start().minus(PRE_ROLL);
        Instant to = (event.end() == null ? event.start() : event.end()).plus(POST_ROLL);
        List<SegmentRow> covering = index.find(event.cameraId(), from, to).stream()
                .filter(s -> "main".equals(s.stream()))
                .toList();
        return new Clip(from, to, covering);
    }
}
