package org.doorstep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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

    public StoredEvent insert(StoredEvent e) throws SQLException {
        StoredEvent.Box box = e.box();
        long id = sql.insertReturningId("INSERT INTO event (camera_id, type, start_utc, end_utc, score, box_x, box_y,"
                        + " box_w, box_h, thumbnail, thumbnail_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.cameraId(), e.type(), e.start(), e.end(), e.score(),
                coordinate(box, StoredEvent.Box::x), coordinate(box, StoredEvent.Box::y),
                coordinate(box, StoredEvent.Box::w), coordinate(box, StoredEvent.Box::h),
                e.thumbnail(), e.thumbnailKeyId());
        return e.withId(id);
    }

    /** Completes an event that was stored while it was still going on. */
    public void update(StoredEvent e) throws SQLException {
        StoredEvent.Box box = e.box();
        sql.update("UPDATE event SET end_utc = ?, score = ?, box_x = ?, box_y = ?, box_w = ?, box_h = ?, thumbnail = ?,"
                        + " thumbnail_key_id = ? WHERE id = ?",
                e.end(), e.score(),
                coordinate(box, StoredEvent.Box::x), coordinate(box, StoredEvent.Box::y),
                coordinate(box, StoredEvent.Box::w), coordinate(box, StoredEvent.Box::h),
                e.thumbnail(), e.thumbnailKeyId(), e.id());
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
                row -> {
                    long rank = row.getLong(8);
                    int priority = (int) (rank / 1125899906842624L);
                    String type = priority == 2 ? StoredEvent.RING : priority == 1 ? StoredEvent.MOTION
                            : StoredEvent.CAMERA_MOTION;
                    return new ClusterRow(row.getLong(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5),
                            row.getInt(6), SqlTime.instant(row, 7), rank % 1099511627776L, type);
                },
                buckets.from(), (double) buckets.bucketMs(), buckets.from(), buckets.to());
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
