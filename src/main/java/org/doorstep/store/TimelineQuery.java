package org.doorstep.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the timeline shows for one camera and time window: recorded spans, gaps, and events. It reads through the
 * tables' owners, {@link SegmentIndex} and {@link EventRepository}, and only shapes their rows for drawing.
 */
public final class TimelineQuery {
    /** Events are found by their start; one that began this long before the window may still reach into it. */
    private static final Duration LONGEST_EVENT = Duration.ofHours(1);
    /**
     * An event still going on is drawn to the window's end (now, on a live window), but no further than this past
     * its start, in case a crash left it open.
     */
    private static final Duration OPEN_EVENT_REACH = Duration.ofMinutes(10);
    /** Segments closer than this are drawn as one bar: the timeline shows coverage, not files. */
    private static final Duration JOIN_TOLERANCE = Duration.ofSeconds(2);

    private final SegmentIndex segments;
    private final EventRepository events;

    public TimelineQuery(Database db) {
        this.segments = new SegmentIndex(db);
        this.events = new EventRepository(db);
    }

    public record Span(Instant start, Instant end) {}

    public record Gap(Instant start, Instant end, String reason) {}

    public record Mark(String type, Instant start, Instant end, int score) {}

    public record Window(List<Span> recorded, List<Gap> gaps, List<Mark> events) {}

    public Window load(long cameraId, Instant from, Instant to) throws SQLException {
        return new Window(recorded(cameraId, from, to), gaps(cameraId, from, to), events(cameraId, from, to));
    }

    private List<Span> recorded(long cameraId, Instant from, Instant to) throws SQLException {
        List<Span> spans = new ArrayList<>();
        for (Span s : segments.spans(cameraId, "main", from, to)) {
            if (!spans.isEmpty() && !s.start().isAfter(spans.get(spans.size() - 1).end().plus(JOIN_TOLERANCE))) {
                Span last = spans.remove(spans.size() - 1);
                s = new Span(last.start(), s.end().isAfter(last.end()) ? s.end() : last.end());
            }
            spans.add(s);
        }
        return spans;
    }

    private List<Gap> gaps(long cameraId, Instant from, Instant to) throws SQLException {
        return segments.gaps(cameraId, from, to).stream()
                .map(g -> new Gap(g.start(), g.end(), g.reason()))
                .toList();
    }

    private List<Mark> events(long cameraId, Instant from, Instant to) throws SQLException {
        List<Mark> marks = new ArrayList<>();
        for (StoredEvent e : events.find(cameraId, null, from.minus(LONGEST_EVENT), to)) {
            Instant end = e.end() != null ? e.end() : earliest(to, e.start().plus(OPEN_EVENT_REACH));
            if (end.isAfter(from) || e.start().isAfter(from)) {
                marks.add(new Mark(e.type(), e.start(), end, e.score()));
            }
        }
        return marks;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
