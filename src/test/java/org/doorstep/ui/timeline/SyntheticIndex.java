package org.doorstep.ui.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.doorstep.store.Database;
import org.doorstep.store.TimelineRollups;

/**
 * Fills an index with what months of recording leave behind, fast (batched JDBC, one transaction per few thousand
 * rows): a main-stream segment about every minute, a few outages a day stored as gaps with a reason, motion events
 * every quarter hour or so, a few rings and camera-motion events a day, and per-second motion activity for every
 * minute (busy around each motion event). Seeded, so every run measures the same data.
 */
final class SyntheticIndex {
    private static final String[] REASONS = {"unreachable", "auth-failed", "stream-ended"};
    private static final int BATCH = 5000;

    record Counts(long segments, long gaps, long events, long activityMinutes) {}

    private SyntheticIndex() {}

    /** Writes {@code days} of index rows, ending at {@code end}, for each of {@code cameraIds}. */
    static Counts fill(Database db, List<Long> cameraIds, Instant end, int days, long seed) throws SQLException {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MINUTES);
        long segments = 0;
        long gaps = 0;
        long events = 0;
        long minutes = 0;
        byte[] keyframes = new byte[480];
        random.nextBytes(keyframes);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement seg = c.prepareStatement("INSERT INTO segment (camera_id, stream, start_utc, end_utc,"
                    + " bytes, video_codec, width, height, keyframes, key_id, file) VALUES (?, 'main', ?, ?, ?, 'h264',"
                    + " 1920, 1080, ?, ?, ?)");
                 PreparedStatement gap = c.prepareStatement("INSERT INTO recording_gap (camera_id, stream, start_utc,"
                         + " end_utc, reason) VALUES (?, 'main', ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO event (camera_id, type, start_utc, end_utc,"
                         + " score) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement activity = c.prepareStatement("INSERT INTO motion_activity (camera_id, minute_utc,"
                         + " levels, peak) VALUES (?, ?, ?, ?)")) {
                int pending = 0;
                for (long camera : cameraIds) {
                    List<Instant> motion = new ArrayList<>();
                    Instant t = start;
                    Instant nextOutage = t.plusSeconds(3600 + random.nextInt(12 * 3600));
                    while (t.isBefore(end)) {
                        if (!t.isBefore(nextOutage)) {
                            Instant back = t.plusSeconds(30 + random.nextInt(1800));
                            bind(gap, camera, t, back);
                            gap.setString(4, REASONS[random.nextInt(REASONS.length)]);
                            gap.addBatch();
                            gaps++;
                            t = back;
                            nextOutage = t.plusSeconds(3600 + random.nextInt(12 * 3600));
                            pending++;
                            continue;
                        }
                        Instant segEnd = t.plusMillis(58_000 + random.nextInt(4000));
                        bind(seg, camera, t, segEnd);
                        seg.setLong(4, 6_000_000L + random.nextInt(2_000_000));
                        seg.setBytes(5, keyframes);
                        seg.setString(6, "k" + camera);
                        seg.setString(7, "segments/" + camera + "/" + t.toEpochMilli() + ".dseg");
                        seg.addBatch();
                        segments++;
                        pending++;
                        t = segEnd;
                        if (pending >= BATCH) {
                            flush(c, seg, gap, event, activity);
                            pending = 0;
                        }
                    }
                    for (Instant e = start.plusSeconds(random.nextInt(900)); e.isBefore(end);
                         e = e.plusSeconds(300 + random.nextInt(1200))) {
                        event(event, camera, "motion", e, 5 + random.nextInt(90), 20 + random.nextInt(80));
                        motion.add(e);
                        events++;
                        if (random.nextInt(20) == 0) {
                            event(event, camera, "ring", e.plusSeconds(8), 0, 100);
                            events++;
                        }
                        if (random.nextInt(8) == 0) {
                            event(event, camera, "camera-motion", e.plusSeconds(2), 20, 50);
                            events++;
                        }
                        if (++pending >= BATCH) {
                            flush(c, seg, gap, event, activity);
                            pending = 0;
                        }
                    }
                    int next = 0;
                    for (Instant m = start; m.isBefore(end); m = m.plusSeconds(60)) {
                        byte[] levels = new byte[60];
                        for (int s = 0; s < 60; s++) {
                            levels[s] = (byte) (random.nextInt(10) == 0 ? random.nextInt(8) : 0);
                        }
                        while (next < motion.size() && motion.get(next).isBefore(m)) {
                            next++;
                        }
                        if (next < motion.size() && motion.get(next).isBefore(m.plusSeconds(60))) {
                            int from = (int) Duration.between(m, motion.get(next)).toSeconds();
                            for (int s = from; s < 60; s++) {
                                levels[s] = (byte) (30 + random.nextInt(70));
                            }
                        }
                        activity.setLong(1, camera);
                        activity.setObject(2, utc(m));
                        activity.setBytes(3, levels);
                        int peak = 0;
                        for (byte level : levels) {
                            peak = Math.max(peak, level);
                        }
                        activity.setInt(4, peak);
                        activity.addBatch();
                        minutes++;
                        if (++pending >= BATCH) {
                            flush(c, seg, gap, event, activity);
                            pending = 0;
                        }
                    }
                }
                flush(c, seg, gap, event, activity);
            }
            c.setAutoCommit(true);
        }
        // written past the owners (batched JDBC): the timeline's rollup cells know nothing of these rows until rebuilt
        new TimelineRollups(db).markStale();
        return new Counts(segments, gaps, events, minutes);
    }

    private static void event(PreparedStatement event, long camera, String type, Instant start, int seconds, int score)
            throws SQLException {
        event.setLong(1, camera);
        event.setString(2, type);
        event.setObject(3, utc(start));
        event.setObject(4, utc(start.plusSeconds(seconds)));
        event.setInt(5, score);
        event.addBatch();
    }

    private static void bind(PreparedStatement ps, long camera, Instant from, Instant to) throws SQLException {
        ps.setLong(1, camera);
        ps.setObject(2, utc(from));
        ps.setObject(3, utc(to));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static void flush(Connection c, PreparedStatement... statements) throws SQLException {
        for (PreparedStatement ps : statements) {
            ps.executeBatch();
        }
        c.commit();
    }
}
