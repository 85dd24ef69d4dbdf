package org.doorstep.store;

import static org.doorstep.store.SqlTime.instant;
import static org.doorstep.store.SqlTime.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the timeline shows for one camera and time window: recorded spans, gaps, and events. */
public final class TimelineQuery {
    /** Longest segment the recorder writes; bounds the index range scan for spans that start before the window. */
    private static final Duration LONGEST_SEGMENT = Duration.ofMinutes(30);

    private final Database db;

    public TimelineQuery(Database db) {
        this.db = db;
    }

    public record Span(Instant start, Instant end) {}

    public record Gap(Instant start, Instant end, String reason) {}

    public record Mark(String type, Instant start, Instant end, int score) {}

    public record Window(List<Span> recorded, List<Gap> gaps, List<Mark> events) {}

    public Window load(long cameraId, Instant from, Instant to) throws SQLException {
        try (Connection c = db.connection()) {
            return new Window(recorded(c, cameraId, from, to), gaps(c, cameraId, from, to), events(c, cameraId, from, to));
        }
    }

    private List<Span> recorded(Connection c, long cameraId, Instant from, Instant to) throws SQLException {
        String sql = "SELECT start_utc, end_utc FROM segment WHERE camera_id = ? AND stream = 'main'"
                + " AND start_utc >= ? AND start_utc < ? AND end_utc > ? ORDER BY start_utc";
        List<Span> spans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, cameraId);
            ps.setObject(2, utc(from.minus(LONGEST_SEGMENT)));
            ps.setObject(3, utc(to));
            ps.setObject(4, utc(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Span s = new Span(instant(rs, 1), instant(rs, 2));
                    // neighbouring segments become one bar: the timeline shows coverage, not files
                    if (!spans.isEmpty() && !s.start().isAfter(spans.get(spans.size() - 1).end().plusSeconds(2))) {
                        Span last = spans.remove(spans.size() - 1);
                        s = new Span(last.start(), s.end().isAfter(last.end()) ? s.end() : last.end());
                    }
                    spans.add(s);
                }
            }
        }
        return spans;
    }

    private List<Gap> gaps(Connection c, long cameraId, Instant from, Instant to) throws SQLException {
        String sql = "SELECT start_utc, end_utc, reason FROM recording_gap WHERE camera_id = ? AND start_utc < ?"
                + " AND (end_utc IS NULL OR end_utc > ?) ORDER BY start_utc";
        List<Gap> gaps = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, cameraId);
            ps.setObject(2, utc(to));
            ps.setObject(3, utc(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant end = rs.getObject(2) == null ? null : instant(rs, 2);
                    gaps.add(new Gap(instant(rs, 1), end, rs.getString(3)));
                }
            }
        }
        return gaps;
    }

    private List<Mark> events(Connection c, long cameraId, Instant from, Instant to) throws SQLException {
        String sql = "SELECT type, start_utc, end_utc, score FROM event WHERE camera_id = ? AND start_utc >= ?"
                + " AND start_utc < ? ORDER BY start_utc";
        List<Mark> marks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, cameraId);
            ps.setObject(2, utc(from.minus(Duration.ofHours(1))));
            ps.setObject(3, utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = instant(rs, 2);
                    // an event still going on is drawn up to now (bounded, in case a crash left it open)
                    Instant end = rs.getObject(3) != null ? instant(rs, 3)
                            : earliest(to, start.plus(Duration.ofMinutes(10)));
                    if (end.isAfter(from) || start.isAfter(from)) {
                        marks.add(new Mark(rs.getString(1), start, end, rs.getInt(4)));
                    }
                }
            }
        }
        return marks;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
