package org.doorstep.store;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-second motion activity (0-100) for the timeline's heat strip, stored as one 60-byte row per
 * camera and minute so a month of 16 cameras stays small and fast to read.
 */
public final class ActivityRepository {
    private final Sql sql;

    public ActivityRepository(Database db) {
        this.sql = new Sql(db);
    }

    /** Writes the levels of one minute (index = second of the minute); existing seconds keep their higher value. */
    public void merge(long cameraId, Instant minute, byte[] levels) throws SQLException {
        if (levels.length != 60) {
            throw new IllegalArgumentException("one level per second of a minute expected");
        }
        Instant start = minute.truncatedTo(ChronoUnit.MINUTES);
        sql.inTransaction(tx -> {
            // FOR UPDATE: a concurrent merge of a minute already stored waits here instead of overwriting what this
            // one read
            Optional<byte[]> stored = tx.queryOptional(
                    "SELECT levels FROM motion_activity WHERE camera_id = ? AND minute_utc = ? FOR UPDATE",
                    row -> row.getBytes(1), cameraId, start);
            byte[] merged = stored.map(old -> louder(levels, old)).orElse(levels);
            int n = tx.update("MERGE INTO motion_activity (camera_id, minute_utc, levels, peak) KEY (camera_id, minute_utc)"
                    + " VALUES (?, ?, ?, ?)", cameraId, start, merged, peak(merged));
            TimelineRollups.refresh(tx, cameraId, start, start);
            return n;
        });
    }

    /**
     * Forgets the activity of [from, to) (either end open) for one camera or all: minutes inside go, the seconds of
     * the edge minutes inside the range are zeroed. Returns how many minute rows were removed or changed.
     */
    public int erase(Long cameraId, Instant from, Instant to) throws SQLException {
        Instant lo = from == null ? Instant.EPOCH : from;
        Instant hi = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
        Instant firstWhole = lo.truncatedTo(ChronoUnit.MINUTES).equals(lo) ? lo : lo.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
        Instant wholeEnd = hi.truncatedTo(ChronoUnit.MINUTES); // minutes starting before this and at/after firstWhole lie inside
        String cam = cameraId == null ? "" : " AND camera_id = " + cameraId;
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = TimelineRollups.touched(tx, "motion_activity", "minute_utc",
                    "minute_utc > ? AND minute_utc < ?" + cam, lo.minusSeconds(60), hi);
            int n = tx.update("DELETE FROM motion_activity WHERE minute_utc >= ? AND minute_utc < ?" + cam,
                    firstWhole, wholeEnd.isAfter(firstWhole) ? wholeEnd : firstWhole);
            List<Object[]> edges = tx.query("SELECT camera_id, minute_utc, levels FROM motion_activity"
                            + " WHERE minute_utc > ? AND minute_utc < ?" + cam,
                    row -> new Object[] {row.getLong(1), SqlTime.instant(row, 2), row.getBytes(3)},
                    lo.minusSeconds(60), hi);
            for (Object[] e : edges) {
                Instant minute = (Instant) e[1];
                byte[] levels = ((byte[]) e[2]).clone();
                for (int s = 0; s < 60; s++) {
                    Instant second = minute.plusSeconds(s);
                    if (!second.isBefore(lo) && second.isBefore(hi)) {
                        levels[s] = 0;
                    }
                }
                // the peak too: the timeline's heat strip and its rollups read it, not the levels
                n += tx.update("UPDATE motion_activity SET levels = ?, peak = ? WHERE camera_id = ? AND minute_utc = ?",
                        levels, peak(levels), e[0], minute);
            }
            TimelineRollups.refresh(tx, touched);
            return n;
        });
    }

    /**
     * What the timeline's rollup cells sum of the activity minutes in [lo, hi): their loudest second (minutes where
     * nothing moved add nothing), as rows of {@link TimelineRollups}' source.
     */
    static String rollupSource(String camera, Instant lo, Instant hi, List<Object> params) {
        params.add(lo);
        params.add(hi);
        return "SELECT camera_id, minute_utc, CAST(0 AS BIGINT), CAST(NULL AS TIMESTAMP(3) WITH TIME ZONE), peak, 0, 0,"
                + " 0, CAST(NULL AS INT), CAST(NULL AS TIMESTAMP(3) WITH TIME ZONE), CAST(NULL AS BIGINT)"
                + " FROM motion_activity WHERE minute_utc >= ? AND minute_utc < ? AND peak > 0" + camera;
    }

    /** The loudest second of a minute, stored beside it so the timeline can take MAX per bucket in SQL. */
    private static int peak(byte[] levels) {
        int peak = 0;
        for (byte b : levels) {
            peak = Math.max(peak, b);
        }
        return peak;
    }

    /** The loudest activity per camera and bucket of the window: one value per bucket, 0 where nothing moved. */
    public Map<Long, byte[]> peaks(TimeBuckets buckets) throws SQLException {
        Map<Long, byte[]> peaks = new HashMap<>();
        if (buckets.bucketMs() >= 60_000) {
            // a minute row counts in the bucket of its start: off by less than one bucket
            for (BucketPeak p : sql.query("SELECT camera_id, " + TimeBuckets.sqlIndex("minute_utc") + " AS b, MAX(peak)"
                            + " FROM motion_activity WHERE minute_utc >= ? AND minute_utc < ? GROUP BY camera_id, b",
                    row -> new BucketPeak(row.getLong(1), row.getInt(2), row.getInt(3)),
                    buckets.from(), (double) buckets.bucketMs(), buckets.from(), buckets.to())) {
                if (p.bucket() >= 0 && p.bucket() < buckets.count()) {
                    peaks.computeIfAbsent(p.cameraId(), id -> new byte[buckets.count()])[p.bucket()] = (byte) p.peak();
                }
            }
            return peaks;
        }
        // buckets shorter than a minute: spread the seconds of the (few) minutes in view
        for (CameraMinute m : sql.query("SELECT camera_id, minute_utc, levels FROM motion_activity"
                        + " WHERE minute_utc >= ? AND minute_utc < ? AND peak > 0",
                row -> new CameraMinute(row.getLong(1), SqlTime.instant(row, 2), row.getBytes(3)),
                buckets.from().truncatedTo(ChronoUnit.MINUTES), buckets.to())) {
            byte[] out = peaks.computeIfAbsent(m.cameraId(), id -> new byte[buckets.count()]);
            for (int s = 0; s < 60; s++) {
                int b = buckets.indexOf(m.start().plusSeconds(s));
                if (b >= 0 && b < buckets.count() && m.levels()[s] > out[b]) {
                    out[b] = m.levels()[s];
                }
            }
        }
        return peaks;
    }

    private record BucketPeak(long cameraId, int bucket, int peak) {}

    private record CameraMinute(long cameraId, Instant start, byte[] levels) {}

    private static byte[] louder(byte[] a, byte[] b) {
        byte[] max = new byte[60];
        for (int i = 0; i < 60; i++) {
            max[i] = (byte) Math.max(a[i], b[i]);
        }
        return max;
    }

    /** Seconds with activity above zero in {@code [from, to)}, keyed by the second. */
    public Map<Instant, Integer> levels(long cameraId, Instant from, Instant to) throws SQLException {
        List<Minute> minutes = sql.query("SELECT minute_utc, levels FROM motion_activity"
                        + " WHERE camera_id = ? AND minute_utc >= ? AND minute_utc < ? ORDER BY minute_utc",
                row -> new Minute(SqlTime.instant(row, 1), row.getBytes(2)),
                cameraId, from.truncatedTo(ChronoUnit.MINUTES), to);
        Map<Instant, Integer> result = new TreeMap<>();
        for (Minute m : minutes) {
            for (int s = 0; s < 60; s++) {
                Instant second = m.start().plusSeconds(s);
                if (m.levels()[s] > 0 && !second.isBefore(from) && second.isBefore(to)) {
                    result.put(second, (int) m.levels()[s]);
                }
            }
        }
        return result;
    }

    private record Minute(Instant start, byte[] levels) {}
}
