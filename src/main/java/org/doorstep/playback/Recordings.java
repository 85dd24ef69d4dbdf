package org.doorstep.playback;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;

/**
 * One camera's recorded segments around the playhead, read from the index a window at a time (never the whole
 * history: a month of segments with their keyframe lists is large). Main stream only, as export does.
 */
final class Recordings {
    private static final Duration BEHIND = Duration.ofMinutes(30);
    private static final Duration AHEAD = Duration.ofHours(2);
    /** How far {@link #nextStartAfter} looks for the next recording before saying there is none. */
    private static final Duration LOOK_AHEAD = Duration.ofDays(31);

    private final SegmentIndex index;
    private final long cameraId;
    private Instant windowFrom;
    private Instant windowTo;
    private List<SegmentRow> window = List.of();

    Recordings(SegmentIndex index, long cameraId) {
        this.index = index;
        this.cameraId = cameraId;
    }

    /** The segment recording at {@code t}, if any. */
    Optional<SegmentRow> at(Instant t) throws SQLException {
        load(t);
        for (SegmentRow s : window) {
            if (!s.start().isAfter(t) && s.end().isAfter(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first segment that starts after {@code t} (the end of a gap or of the current segment). */
    Optional<SegmentRow> nextStartAfter(Instant t) throws SQLException {
        load(t);
        for (SegmentRow s : window) {
            if (s.start().isAfter(t)) {
                return Optional.of(s);
            }
        }
        return main(index.find(cameraId, t, t.plus(LOOK_AHEAD))).stream()
                .filter(s -> s.start().isAfter(t)).findFirst();
    }

    private void load(Instant t) throws SQLException {
        if (windowFrom != null && !t.isBefore(windowFrom.plus(Duration.ofMinutes(5)))
                && t.isBefore(windowTo.minus(Duration.ofMinutes(30)))) {
            return;
        }
        windowFrom = t.minus(BEHIND);
        windowTo = t.plus(AHEAD);
        window = main(index.find(cameraId, windowFrom, windowTo));
    }

    private static List<SegmentRow> main(List<SegmentRow> rows) {
        return rows.stream().filter(s -> s.stream().equals("main")).toList();
    }
}
