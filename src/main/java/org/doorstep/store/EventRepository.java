package org.doorstep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    public java.util.Optional<StoredEvent> byId(long id) throws SQLException {
        return sql.queryOptional("SELECT * FROM event WHERE id = ?", EventRepository::read, id);
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
        return sql.update("DELETE FROM event WHERE start_utc < ? AND (start_utc >= ? OR end_utc IS NULL OR end_utc >= ?)"
                + (cameraId == null ? "" : " AND camera_id = " + cameraId), hi, lo, lo);
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
        return sql.inTransaction(tx -> Sql.deleteByIds(tx, "event", ids));
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
