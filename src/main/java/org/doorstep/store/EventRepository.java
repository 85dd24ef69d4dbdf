package org.doorstep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Motion, ring and camera-motion events in the database. */
public final class EventRepository {
    /** Stands in for an open end of {@link #find}'s range; later than any event a camera could record. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final Sql sql;

    public EventRepository(Database db) {
        this.sql = new Sql(db);
    }

    /** Stores an event; the timeline's rollup cells of its start are recomputed in the same transaction. */
    public StoredEvent insert(StoredEvent e) throws SQLException {
        StoredEvent.Box box = e.box();
        return sql.inTransaction(tx -> {
            long id = tx.insertReturningId("INSERT INTO event (camera_id, type, start_utc, end_utc, score, box_x, box_y,"
                            + " box_w, box_h, thumbnail, thumbnail_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.cameraId(), e.type(), e.start(), e.end(), e.score(),
                    coordinate(box, StoredEvent.Box::x), coordinate(box, StoredEvent.Box::y),
                    coordinate(box, StoredEvent.Box::w), coordinate(box, StoredEvent.Box::h),
                    e.thumbnail(), e.thumbnailKeyId());
            TimelineRollups.refresh(tx, e.cameraId(), e.start(), e.start());
            return e.withId(id);
        });
    }

    /**
     * What the timeline's rollup cells sum of the events starting in [lo, hi), as rows of {@link TimelineRollups}'
     * source: one per event with its type counted, its score, start and packed rank ({@link #RANK}).
     */
    static String rollupSource(String camera, Instant lo, Instant hi, List<Object> params) {
        params.add(lo);
        params.add(hi);
        return "SELECT camera_id, start_utc, CAST(0 AS BIGINT), CAST(NULL AS TIMESTAMP(3) WITH TIME ZONE),"
                + " CAST(0 AS TINYINT), CASE WHEN type = 'ring' THEN 1 ELSE 0 END,"
                + " CASE WHEN type = 'motion' THEN 1 ELSE 0 END, CASE WHEN type = 'camera-motion' THEN 1 ELSE 0 END,"
                + " COALESCE(score, 0), start_utc, " + RANK + " FROM event WHERE start_utc >= ? AND start_utc < ?"
                + camera;
    }

    /** Completes an event that was stored while it was still going on. */
    public void update(StoredEvent e) throws SQLException {
        StoredEvent.Box box = e.box();
        sql.inTransaction(tx -> {
            tx.update("UPDATE event SET end_utc = ?, score = ?, box_x = ?, box_y = ?, box_w = ?, box_h = ?,"
                            + " thumbnail = ?, thumbnail_key_id = ? WHERE id = ?",
                    e.end(), e.score(),
                    coordinate(box, StoredEvent.Box::x), coordinate(box, StoredEvent.Box::y),
                    coordinate(box, StoredEvent.Box::w), coordinate(box, StoredEvent.Box::h),
                    e.thumbnail(), e.thumbnailKeyId(), e.id());
            // the score decides the cell's highest score and strongest event
            TimelineRollups.refresh(tx, TimelineRollups.touched(tx, "event", "start_utc", "id = ?", e.id()));
            return null;
        });
    }

    /** The columns are REAL, so a coordinate is stored as the float it will be read back as. */
    private static Float coordinate(StoredEvent.Box box, ToDoubleFunction<StoredEvent.Box> coordinate) {
        return box == null ? null : (float) coordinate.applyAsDouble(box);
    }

    /**
     * Ends events that a crash or power cut left open: their real end is unknown, so they end where they
     * began rather than stretching over the timeline. Returns how many were closed.
     */
    public int closeDangling() throws SQLException {
        return sql.update("UPDATE event SET end_utc = start_utc WHERE end_utc IS NULL");
    }

    /**
     * Events that start in {@code [from, to)}, oldest first.
     *
     * @param cameraId null for every camera
     * @param type     null for every type
     */
    public List<StoredEvent> find(Long cameraId, String type, Instant from, Instant to) throws SQLException {
        StringBuilder query = new StringBuilder("SELECT * FROM event WHERE start_utc >= ? AND start_utc < ?");
        List<Object> params = new ArrayList<>(List.of(from == null ? Instant.EPOCH : from, to == null ? END_OF_TIME : to));
        if (cameraId != null) {
            query.append(" AND camera_id = ?");
            params.add(cameraId);
        }
        if (type != null) {
            query.append(" AND type = ?");
            params.add(type);
        }
        query.append(" ORDER BY start_utc, id");
        return sql.query(query.toString(), EventRepository::read, params.toArray());
    }

    /**
     * Events whose time touches [from, to) (either end may be open): started in it, or started before and
     * ended (or still going on) after its start.
     */
    public List<StoredEvent> overlapping(Long cameraId, Instant from, Instant to) throws SQLException {
        Instant lo = from == null ? Instant.EPOCH : from;
        Instant hi = to == null ? END_OF_TIME : to;
        StringBuilder query = new StringBuilder("SELECT * FROM event WHERE start_utc < ?"
                + " AND (start_utc >= ? OR end_utc IS NULL OR end_utc >= ?)");
        List<Object> params = new ArrayList<>(List.of(hi, lo, lo));
        if (cameraId != null) {
            query.append(" AND camera_id = ?");
            params.add(cameraId);
        }
        query.append(" ORDER BY start_utc, id");
        return sql.query(query.toString(), EventRepository::read, params.toArray());
    }

    public List<Long> idsUsingThumbnailKey(String keyId) throws SQLException {
        return sql.query("SELECT id FROM event WHERE thumbnail_key_id = ?", row -> row.getLong(1), keyId);
    }

    /** Deletes the events {@link #overlapping} finds; returns how many. */
    public int deleteOverlapping(Long cameraId, Instant from, Instant to) throws SQLException {
        Instant lo = from == null ? Instant.EPOCH : from;
        Instant hi = to == null ? END_OF_TIME : to;
        String where = "start_utc < ? AND (start_utc >= ? OR end_utc IS NULL OR end_utc >= ?)"
                + (cameraId == null ? "" : " AND camera_id = " + cameraId);
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = TimelineRollups.touched(tx, "event", "start_utc", where, hi, lo, lo);
            int n = tx.update("DELETE FROM event WHERE " + where, hi, lo, lo);
            TimelineRollups.refresh(tx, touched);
            return n;
        });
    }

    /** Events whose thumbnail is encrypted under {@code keyId}. */
    public List<StoredEvent> usingThumbnailKey(String keyId) throws SQLException {
        return sql.query("SELECT * FROM event WHERE thumbnail_key_id = ?", EventRepository::read, keyId);
    }

    /** A thumbnail re-encrypted under another key (same file). */
    public void thumbnailRekeyed(long id, String keyId) throws SQLException {
        sql.update("UPDATE event SET thumbnail_key_id = ? WHERE id = ?", keyId, id);
    }

    public int deleteAll(List<Long> ids) throws SQLException {
        return sql.inTransaction(tx -> {
            List<TimelineRollups.Touched> touched = new ArrayList<>();
            for (List<Long> chunk : Sql.chunks(ids)) {
                touched.addAll(TimelineRollups.touched(tx, "event", "start_utc",
                        "id IN (" + Sql.placeholders(chunk.size()) + ")", chunk.toArray()));
            }
            int n = Sql.deleteByIds(tx, "event", ids);
            TimelineRollups.refresh(tx, touched);
            return n;
        });
    }

    // ---- review: which events someone has looked at ("N new" in the window's title)

    /** An event and when it was marked reviewed (null: still new). */
    public record Reviewed(StoredEvent event, Instant reviewedAt) {
        public boolean isNew() {
            return reviewedAt == null;
        }
    }

    /** The event with this id, if it (still) exists. */
    /** Events whose thumbnail key is one of {@code keyIds}, in one query per 500 keys. */
    public List<StoredEvent> usingThumbnailKeys(java.util.Collection<String> keyIds) throws SQLException {
        List<StoredEvent> rows = new java.util.ArrayList<>();
        for (List<String> chunk : Sql.chunks(keyIds)) {
            rows.addAll(sql.query("SELECT * FROM event WHERE thumbnail_key_id IN (" + Sql.placeholders(chunk.size())
                    + ")", EventRepository::read, chunk.toArray()));
        }
        return rows;
    }

    public Optional<StoredEvent> byId(long id) throws SQLException {
        return sql.queryOptional("SELECT * FROM event WHERE id = ?", EventRepository::read, id);
    }

    /**
     * Events of the given types that start in {@code [from, to)}, the newest first, with their review mark.
     *
     * @param cameraId null for every camera
     */
    public List<Reviewed> findNewestFirst(Long cameraId, Collection<String> types, Instant from, Instant to)
            throws SQLException {
        if (types.isEmpty()) {
            return List.of();
        }
        StringBuilder query = new StringBuilder("SELECT * FROM event WHERE start_utc >= ? AND start_utc < ?");
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (cameraId != null) {
            query.append(" AND camera_id = ?");
            params.add(cameraId);
        }
        query.append(" AND type IN (").append(String.join(", ", Collections.nCopies(types.size(), "?"))).append(')');
        params.addAll(types);
        query.append(" ORDER BY start_utc DESC, id DESC");
        return sql.query(query.toString(), EventRepository::readReviewed, params.toArray());
    }

    /** Every event nobody has reviewed yet, the oldest first (the order to watch them in). */
    public List<StoredEvent> unreviewed() throws SQLException {
        return sql.query("SELECT * FROM event WHERE reviewed_at IS NULL ORDER BY start_utc, id", EventRepository::read);
    }

    /** How many events of {@code type} (null: of any type) nobody has reviewed yet. */
    public long countUnreviewed(String type) throws SQLException {
        return type == null
                ? sql.queryLong("SELECT COUNT(*) FROM event WHERE reviewed_at IS NULL")
                : sql.queryLong("SELECT COUNT(*) FROM event WHERE reviewed_at IS NULL AND type = ?", type);
    }

    /** Marks one event reviewed at {@code at}; an event reviewed before keeps its first mark. */
    public boolean markReviewed(long id, Instant at) throws SQLException {
        return sql.update("UPDATE event SET reviewed_at = ? WHERE id = ? AND reviewed_at IS NULL", at, id) == 1;
    }

    /**
     * Marks reviewed every event that started before {@code startedBefore} (what the person could have seen), at
     * {@code at}; returns how many were new.
     */
    public int markAllReviewed(Instant startedBefore, Instant at) throws SQLException {
        return sql.update("UPDATE event SET reviewed_at = ? WHERE reviewed_at IS NULL AND start_utc < ?",
                at, startedBefore);
    }

    /** Start times of the events of {@code type} in {@code [from, to)}, oldest first (for a calendar). */
    public List<Instant> starts(String type, Instant from, Instant to) throws SQLException {
        return sql.query("SELECT start_utc FROM event WHERE type = ? AND start_utc >= ? AND start_utc < ?"
                + " ORDER BY start_utc", row -> SqlTime.instant(row, 1), type, from, to);
    }

    private static Reviewed readReviewed(ResultSet rs) throws SQLException {
        return new Reviewed(read(rs), SqlTime.instant(rs, "reviewed_at"));
    }

    /**
     * The events starting in one bucket of the window, per camera: how many of each type, the highest score, the
     * first start, and the strongest one (a ring before motion before camera motion, then by score).
     */
    public record ClusterRow(long cameraId, int bucket, int rings, int motions, int cameraMotions, int maxScore,
                             Instant first, long strongestId, String strongestType) {}

    /** Ranks events in SQL: type priority, then score, then id, packed in one BIGINT so MAX picks the strongest. */
    private static final String RANK = "(CASE type WHEN 'ring' THEN 2 WHEN 'motion' THEN 1 ELSE 0 END) * 1125899906842624"
            + " + LEAST(GREATEST(COALESCE(score, 0), 0), 1023) * 1099511627776 + id";

    /** Events starting in the window, clustered per camera and bucket, for every camera at once. */
    public List<ClusterRow> clusters(TimeBuckets buckets) throws SQLException {
        return sql.query("SELECT camera_id, " + TimeBuckets.sqlIndex("start_utc") + " AS b,"
                        + " SUM(CASE WHEN type = 'ring' THEN 1 ELSE 0 END), SUM(CASE WHEN type = 'motion' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN type = 'camera-motion' THEN 1 ELSE 0 END), MAX(COALESCE(score, 0)),"
                        + " MIN(start_utc), MAX(" + RANK + ") FROM event WHERE start_utc >= ? AND start_utc < ?"
                        + " GROUP BY camera_id, b ORDER BY camera_id, b",
                row -> clusterRow(row.getLong(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5),
                        row.getInt(6), SqlTime.instant(row, 7), row.getLong(8)),
                buckets.from(), (double) buckets.bucketMs(), buckets.from(), buckets.to());
    }

    /** A cluster whose strongest event is given by its packed {@link #RANK}. */
    static ClusterRow clusterRow(long cameraId, int bucket, int rings, int motions, int cameraMotions, int maxScore,
                                 Instant first, long rank) {
        int priority = (int) (rank / 1125899906842624L);
        String type = priority == 2 ? StoredEvent.RING : priority == 1 ? StoredEvent.MOTION : StoredEvent.CAMERA_MOTION;
        return new ClusterRow(cameraId, bucket, rings, motions, cameraMotions, maxScore, first, rank % 1099511627776L,
                type);
    }

    /** The earliest start of any event, if there is one. */
    public Optional<Instant> oldestStart() throws SQLException {
        return sql.queryOptional("SELECT start_utc FROM event ORDER BY start_utc LIMIT 1", row -> SqlTime.instant(row, 1));
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        float bx = rs.getFloat("box_x");
        StoredEvent.Box box = rs.wasNull() ? null
                : new StoredEvent.Box(bx, rs.getFloat("box_y"), rs.getFloat("box_w"), rs.getFloat("box_h"));
        return new StoredEvent(rs.getLong("id"), rs.getLong("camera_id"), rs.getString("type"),
                SqlTime.instant(rs, "start_utc"), SqlTime.instant(rs, "end_utc"), rs.getInt("score"), box,
                rs.getString("thumbnail"), rs.getString("thumbnail_key_id"));
    }
}
