package org.doorstep.store;

import static org.doorstep.store.SqlTime.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The segment and recording_gap tables. */
public final class SegmentIndex {
    /** Longest segment the recorder writes; bounds the index range scan for segments that start before a window. */
    private static final Duration LONGEST_SEGMENT = Duration.ofMinutes(30);
    /** The detail column's width: a longer detail is cut rather than failing the insert. */
    private static final int DETAIL_LENGTH = 500;

    private final Sql sql;

    public SegmentIndex(Database db) {
        this.sql = new Sql(db);
    }

    /** Stores a closed segment; the timeline's rollup cells of its start are recomputed in the same transaction. */
    public SegmentRow insert(SegmentRow s) throws SQLException {
        return sql.inTransaction(tx -> {
            long id = tx.insertReturningId("INSERT INTO segment (camera_id, stream, start_utc, end_utc, camera_start,"
                            + " drift_ms, bytes, video_codec, audio_codec, width, height, keyframes, key_id, file)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.cameraId(), s.stream(), s.start(), s.end(), s.cameraStart(), s.driftMs(), s.bytes(),
                    s.videoCodec(), s.audioCodec(), s.width(), s.height(), s.keyframes(), s.keyId(), s.file());
            TimelineRollups.refresh(tx, s.cameraId(), s.start(), s.start());
            return s.withId(id);
        });
    }

    /**
     * What the timeline's rollup cells sum of the main-stream segments starting in [lo, hi), as rows of
     * {@link TimelineRollups}' source (camera, time, recorded ms, end, then the other sources' columns empty).
     */
    static String rollupSource(String camera, Instant lo, Instant hi, List<Object> params) {
        params.add(lo);
        params.add(hi);
        return "SELECT camera_id, start_utc AS t, DATEDIFF(MILLISECOND, start_utc, end_utc) AS rec, end_utc AS last_end,"
                + " CAST(0 AS TINYINT) AS peak, 0 AS rings, 0 AS motions, 0 AS camera_motions, CAST(NULL AS INT) AS score,"
                + " CAST(NULL AS TIMESTAMP(3) WITH TIME ZONE) AS first_event, CAST(NULL AS BIGINT) AS strongest"
                + " FROM segment WHERE stream = 'main' AND start_utc >= ? AND start_utc < ?" + camera;
    }

    /**
     * Per camera, the latest end of the {@code stream} segments that start in the {@link #LONGEST_SEGMENT} before
     * {@code from} and reach past it: what the coverage of a window carries in from before its start.
     */
    public java.util.Map<Long, Instant> reachingInto(String stream, Instant from) throws SQLException {
        java.util.Map<Long, Instant> out = new java.util.HashMap<>();
        sql.query("SELECT camera_id, MAX(end_utc) FROM segment WHERE stream = ? AND start_utc >= ? AND start_utc < ?"
                        + " AND end_utc > ? GROUP BY camera_id",
                row -> out.put(row.getLong(1), instant(row, 2)), stream, from.minus(LONGEST_SEGMENT), from, from);
        return out;
    }

    /** Segments overlapping [from, to) (either may be null), oldest first. */
    public List<SegmentRow> find(Long cameraId, Instant from, Instant to) throws SQLException {
        StringBuilder query = new StringBuilder("SELECT * FROM segment WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (cameraId != null) {
            query.append(" AND camera_id = ?");
            params.add(cameraId);
        }
        if (from != null) {
            query.append(" AND end_utc > ?");
            params.add(from);
        }
        if (to != null) {
            query.append(" AND start_utc < ?");
            params.add(to);
        }
        query.append(" ORDER BY start_utc, id");
        return sql.query(query.toString(), SegmentIndex::segment, params.toArray());
    }

    /**
     * The camera's newest {@code limit} segments of {@code stream}, newest first (their picture size and keyframes
     * tell what the camera sends).
     */
    public List<SegmentRow> newest(long cameraId, String stream, int limit) throws SQLException {
        return sql.query("SELECT * FROM segment WHERE camera_id = ? AND stream = ? ORDER BY start_utc DESC LIMIT ?",
                SegmentIndex::segment, cameraId, stream, limit);
    }

    /**
     * Start and end of the camera's segments of {@code stream} that overlap [from, to), oldest first. Only the
     * times are read: that is all the timeline draws, and a row's keyframe index is large.
     */
    public List<TimelineQuery.Span> spans(long cameraId, String stream, Instant from, Instant to) throws SQLException {
        return sql.query("SELECT start_utc, end_utc FROM segment WHERE camera_id = ? AND stream = ?"
                        + " AND start_utc >= ? AND start_utc < ? AND end_utc > ? ORDER BY start_utc",
                row -> new TimelineQuery.Span(instant(row, 1), instant(row, 2)),
                cameraId, stream, from.minus(LONGEST_SEGMENT), to, from);
    }

    /**
     * Whether any camera has a segment of {@code stream} overlapping [from, to): one bounded index probe, for a
     * calendar that marks the days with footage without reading them.
     */
    public boolean anyRecorded(String stream, Instant from, Instant to) throws SQLException {
        return sql.queryOptional("SELECT 1 FROM segment WHERE start_utc >= ? AND start_utc < ? AND end_utc > ?"
                        + " AND stream = ? LIMIT 1", row -> true, from.minus(LONGEST_SEGMENT), to, from, stream)
                .isPresent();
    }

    /** What the {@code stream} segments starting in one bucket of the window add up to, per camera. */
    public record CoverageRow(long cameraId, int bucket, long recordedMs, Instant lastEnd) {}

    /**
     * The {@code stream} segments overlapping the window, summed per camera and bucket of their start (bucket -1:
     * started before the window), for every camera at once: the timeline's coverage at the pixel width.
     */
    public List<CoverageRow> coverage(String stream, TimeBuckets buckets) throws SQLException {
        return sql.query("SELECT camera_id, " + TimeBuckets.sqlIndex("start_utc") + " AS b,"
                        + " SUM(DATEDIFF(MILLISECOND, start_utc, end_utc)), MAX(end_utc) FROM segment"
                        + " WHERE stream = ? AND start_utc >= ? AND start_utc < ? AND end_utc > ?"
                        + " GROUP BY camera_id, b",
                row -> new CoverageRow(row.getLong(1), row.getInt(2), row.getLong(3), instant(row, 4)),
                buckets.from(), (double) buckets.bucketMs(), stream, buckets.from().minus(LONGEST_SEGMENT),
                buckets.to(), buckets.from());
    }

    /** The earliest start of any recorded segment, if there is one. */
    public Optional<Instant> oldestStart() throws SQLException {
        return sql.queryOptional("SELECT start_utc FROM segment ORDER BY start_utc LIMIT 1", row -> instant(row, 1));
    }

    public List<SegmentRow> all() throws SQLException {
        return sql.query("SELECT * FROM segment ORDER BY start_utc, id", SegmentIndex::segment);
    }

    /** The oldest segments over all cameras, for the storage cap and free-space reserve. */
    public List<SegmentRow> oldest(int limit) throws SQLException {
        return sql.query("SELECT * FROM segment ORDER BY start_utc, id LIMIT ?", SegmentIndex::segment, limit);
    }

    public List<SegmentRow> endedBefore(long cameraId, Instant before) throws SQLException {
        return sql.query("SELECT * FROM segment WHERE camera_id = ? AND end_utc < ? ORDER BY start_utc",
                SegmentIndex::segment, cameraId, before);
    }

    /** How many segments the camera has, over both streams. */
    public long count(long cameraId) throws SQLException {
        return sql.queryLong("SELECT COUNT(*) FROM segment WHERE camera_id = ?", cameraId);
    }

    public long totalBytes() throws SQLException {
        return sql.queryLong("SELECT COALESCE(SUM(bytes), 0) FROM segment");
    }

    /** The oldest segments over all cameras after skipping the first {@code skip} (kept ones retention passes). */
    public List<SegmentRow> oldest(int skip, int limit) throws SQLException {
        return sql.query("SELECT * FROM segment ORDER BY start_utc, id LIMIT ? OFFSET ?", SegmentIndex::segment,
                limit, skip);
    }

    /** The oldest segments of one camera after skipping the first {@code skip}. */
    public List<SegmentRow> oldest(long cameraId, int skip, int limit) throws SQLException {
        return sql.query("SELECT * FROM segment WHERE camera_id = ? ORDER BY start_utc, id LIMIT ? OFFSET ?",
                SegmentIndex::segment, cameraId, limit, skip);
    }

    /** The oldest segments of one camera, for its own storage cap. */
    public List<SegmentRow> oldest(long cameraId, int limit) throws SQLException {
        return sql.query("SELECT * FROM segment WHERE camera_id = ? ORDER BY start_utc, id LIMIT ?",
                SegmentIndex::segment, cameraId, limit);
    }

    /** What one camera's recordings take on disk. */
    public long totalBytes(long cameraId) throws SQLException {
        return sql.queryLong("SELECT COALESCE(SUM(bytes), 0) FROM segment WHERE camera_id = ?", cameraId);
    }

    public boolean keyInUse(String keyId) throws SQLException {
        return sql.queryOptional("SELECT 1 FROM segment WHERE key_id = ? LIMIT 1", row -> true, keyId).isPresent();
    }

    public Optional<SegmentRow> byFile(String file) throws SQLException {
        return sql.queryOptional("SELECT * FROM segment WHERE file = ?", SegmentIndex::segment, file);
    }

    public boolean delete(long id) throws SQLException {
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = TimelineRollups.touched(tx, "segment", "start_utc", "id = ?", id);
            boolean deleted = tx.update("DELETE FROM segment WHERE id = ?", id) == 1;
            TimelineRollups.refresh(tx, touched);
            return deleted;
        });
    }

    public Optional<SegmentRow> byId(long id) throws SQLException {
        return sql.queryOptional("SELECT * FROM segment WHERE id = ?", SegmentIndex::segment, id);
    }

    /** Segments whose key is {@code keyId}. */
    public List<SegmentRow> usingKey(String keyId) throws SQLException {
        return sql.query("SELECT * FROM segment WHERE key_id = ? ORDER BY start_utc, id", SegmentIndex::segment, keyId);
    }

    /** Segments whose key is one of {@code keyIds}, in one query per 500 keys (an erase touches a key per day). */
    public List<SegmentRow> usingKeys(java.util.Collection<String> keyIds) throws SQLException {
        List<SegmentRow> rows = new ArrayList<>();
        for (List<String> chunk : Sql.chunks(keyIds)) {
            rows.addAll(sql.query("SELECT * FROM segment WHERE key_id IN (" + Sql.placeholders(chunk.size()) + ")",
                    SegmentIndex::segment, chunk.toArray()));
        }
        return rows;
    }

    /** Ids of the segments whose key is one of {@code keyIds}. */
    public List<Long> idsUsingKeys(java.util.Collection<String> keyIds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (List<String> chunk : Sql.chunks(keyIds)) {
            ids.addAll(sql.query("SELECT id FROM segment WHERE key_id IN (" + Sql.placeholders(chunk.size()) + ")",
                    row -> row.getLong(1), chunk.toArray()));
        }
        return ids;
    }

    /** Ids of the segments whose key is {@code keyId} (cheap: the keyframe index is not read). */
    public List<Long> idsUsingKey(String keyId) throws SQLException {
        return sql.query("SELECT id FROM segment WHERE key_id = ?", row -> row.getLong(1), keyId);
    }

    /** Deletes the segment rows overlapping [from, to) (from may be open) of one camera or all; returns how many. */
    public int deleteOverlapping(Long cameraId, Instant from, Instant to) throws SQLException {
        String where = "end_utc > ? AND start_utc < ?" + (cameraId == null ? "" : " AND camera_id = " + cameraId);
        Instant lo = from == null ? Instant.EPOCH : from;
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = TimelineRollups.touched(tx, "segment", "start_utc", where, lo, to);
            int n = tx.update("DELETE FROM segment WHERE " + where, lo, to);
            TimelineRollups.refresh(tx, touched);
            return n;
        });
    }

    /** A segment re-encrypted under another key (same file name, same plaintext). */
    public void rekeyed(long id, String keyId, long bytes) throws SQLException {
        sql.update("UPDATE segment SET key_id = ?, bytes = ? WHERE id = ?", keyId, bytes, id);
    }

    /** Swaps a segment's row for the rows of the parts kept of it, in one transaction; returns them with ids. */
    public List<SegmentRow> replace(long id, List<SegmentRow> parts) throws SQLException {
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = new ArrayList<>(
                    TimelineRollups.touched(tx, "segment", "start_utc", "id = ?", id));
            tx.update("DELETE FROM segment WHERE id = ?", id);
            List<SegmentRow> stored = new ArrayList<>();
            for (SegmentRow s : parts) {
                stored.add(s.withId(tx.insertReturningId("INSERT INTO segment (camera_id, stream, start_utc, end_utc,"
                                + " camera_start, drift_ms, bytes, video_codec, audio_codec, width, height, keyframes,"
                                + " key_id, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        s.cameraId(), s.stream(), s.start(), s.end(), s.cameraStart(), s.driftMs(), s.bytes(),
                        s.videoCodec(), s.audioCodec(), s.width(), s.height(), s.keyframes(), s.keyId(), s.file())));
                touched.add(new TimelineRollups.Touched(s.cameraId(), s.start(), s.start()));
            }
            TimelineRollups.refresh(tx, touched);
            return stored;
        });
    }

    /** Deletes these segment rows (in statements of up to 500 ids, one transaction); returns how many went. */
    public int deleteAll(List<Long> ids) throws SQLException {
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = new ArrayList<>();
            for (List<Long> chunk : Sql.chunks(ids)) {
                touched.addAll(TimelineRollups.touched(tx, "segment", "start_utc",
                        "id IN (" + Sql.placeholders(chunk.size()) + ")", chunk.toArray()));
            }
            int n = Sql.deleteByIds(tx, "segment", ids);
            TimelineRollups.refresh(tx, touched);
            return n;
        });
    }

    /**
     * Removes what recording_gap says about [from, to) (either end may be open) for one camera or all: gaps inside
     * go, gaps reaching in are cut back to the range's edge. Returns how many rows were removed or cut.
     */
    public int eraseGaps(Long cameraId, Instant from, Instant to) throws SQLException {
        Instant lo = from == null ? Instant.EPOCH : from;
        Instant hi = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
        String cam = cameraId == null ? "" : " AND camera_id = " + cameraId;
        return sql.inTransaction(tx -> {
            // a gap spanning the whole range is split: the part after the range becomes its own row
            List<GapRow> spanning = tx.query("SELECT * FROM recording_gap WHERE start_utc < ?"
                    + " AND (end_utc IS NULL OR end_utc > ?)" + cam, SegmentIndex::gap, lo, hi);
            int n = 0;
            for (GapRow g : spanning) {
                tx.update("INSERT INTO recording_gap (camera_id, stream, start_utc, end_utc, reason, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", g.cameraId(), g.stream(), hi, g.end(), g.reason(), g.detail());
                n += tx.update("UPDATE recording_gap SET end_utc = ? WHERE id = ?", lo, g.id());
            }
            n += tx.update("DELETE FROM recording_gap WHERE start_utc >= ? AND end_utc IS NOT NULL AND end_utc <= ?"
                    + cam, lo, hi);
            n += tx.update("UPDATE recording_gap SET end_utc = ? WHERE start_utc < ? AND end_utc > ? AND end_utc <= ?"
                    + cam, lo, lo, lo, hi);
            n += tx.update("UPDATE recording_gap SET start_utc = ? WHERE start_utc >= ? AND start_utc < ?"
                    + " AND (end_utc IS NULL OR end_utc > ?)" + cam, hi, lo, hi, hi);
            return n;
        });
    }

    private static SegmentRow segment(ResultSet rs) throws SQLException {
        return new SegmentRow(rs.getLong("id"), rs.getLong("camera_id"), rs.getString("stream"),
                instant(rs, "start_utc"), instant(rs, "end_utc"), instant(rs, "camera_start"),
                rs.getObject("drift_ms", Long.class), rs.getLong("bytes"), rs.getString("video_codec"),
                rs.getString("audio_codec"), rs.getObject("width", Integer.class), rs.getObject("height", Integer.class),
                rs.getBytes("keyframes"), rs.getString("key_id"), rs.getString("file"));
    }

    // ---- gaps

    public long openGap(long cameraId, String stream, Instant start, String reason, String detail) throws SQLException {
        return sql.insertReturningId("INSERT INTO recording_gap (camera_id, stream, start_utc, end_utc, reason, detail)"
                        + " VALUES (?, ?, ?, NULL, ?, ?)",
                cameraId, stream, start, reason,
                detail == null ? null : detail.substring(0, Math.min(DETAIL_LENGTH, detail.length())));
    }

    public void closeGap(long gapId, Instant end) throws SQLException {
        sql.update("UPDATE recording_gap SET end_utc = ? WHERE id = ?", end, gapId);
    }

    /** Gaps left open by a process that died; they end where this process starts looking. */
    public int closeOpenGaps(Instant end) throws SQLException {
        return sql.update("UPDATE recording_gap SET end_utc = ? WHERE end_utc IS NULL", end);
    }

    /** The gaps of one reason that start in one bucket of the window, per camera; {@code end} null while one is open. */
    public record GapBucketRow(long cameraId, int bucket, String reason, Instant start, Instant end, long missingMs,
                               int count) {}

    /**
     * The {@code stream} gaps overlapping the window, grouped per camera, bucket of their start (bucket -1: started
     * before the window) and reason, for every camera at once; {@code missingMs} counts only time inside the window.
     */
    public List<GapBucketRow> gapBuckets(String stream, TimeBuckets buckets) throws SQLException {
        return sql.query("SELECT camera_id, " + TimeBuckets.sqlIndex("start_utc") + " AS b, reason, MIN(start_utc),"
                        + " CASE WHEN COUNT(end_utc) < COUNT(*) THEN NULL ELSE MAX(end_utc) END,"
                        + " SUM(DATEDIFF(MILLISECOND, GREATEST(start_utc, ?), LEAST(COALESCE(end_utc, ?), ?))), COUNT(*)"
                        + " FROM recording_gap WHERE stream = ? AND start_utc < ? AND (end_utc IS NULL OR end_utc > ?)"
                        + " GROUP BY camera_id, b, reason ORDER BY camera_id, b",
                row -> new GapBucketRow(row.getLong(1), row.getInt(2), row.getString(3), instant(row, 4),
                        instant(row, 5), row.getLong(6), row.getInt(7)),
                buckets.from(), (double) buckets.bucketMs(), buckets.from(), buckets.to(), buckets.to(), stream,
                buckets.to(), buckets.from());
    }

    /** Gaps overlapping [from, to) (either may be null), oldest first; a gap still open reaches to the end of time. */
    public List<GapRow> gaps(Long cameraId, Instant from, Instant to) throws SQLException {
        StringBuilder query = new StringBuilder("SELECT * FROM recording_gap WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (cameraId != null) {
            query.append(" AND camera_id = ?");
            params.add(cameraId);
        }
        if (from != null) {
            query.append(" AND (end_utc IS NULL OR end_utc > ?)");
            params.add(from);
        }
        if (to != null) {
            query.append(" AND start_utc < ?");
            params.add(to);
        }
        query.append(" ORDER BY start_utc, id");
        return sql.query(query.toString(), SegmentIndex::gap, params.toArray());
    }

    private static GapRow gap(ResultSet row) throws SQLException {
        return new GapRow(row.getLong("id"), row.getLong("camera_id"), row.getString("stream"),
                instant(row, "start_utc"), instant(row, "end_utc"), row.getString("reason"), row.getString("detail"));
    }
}
