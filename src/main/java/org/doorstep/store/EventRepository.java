package org.doorstep.store;

import static org.doorstep.store.SqlTime.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Motion, ring and camera-motion events in the database. */
public final class EventRepository {
    private final Database db;

    public EventRepository(Database db) {
        this.db = db;
    }

    public StoredEvent insert(StoredEvent e) throws SQLException {
        String sql = "INSERT INTO event (camera_id, type, start_utc, end_utc, score, box_x, box_y, box_w, box_h,"
                + " thumbnail, thumbnail_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, e.cameraId());
            ps.setString(2, e.type());
            ps.setObject(3, utc(e.start()));
            ps.setObject(4, e.end() == null ? null : utc(e.end()));
            ps.setInt(5, e.score());
            setBox(ps, 6, e.box());
            ps.setString(10, e.thumbnail());
            ps.setString(11, e.thumbnailKeyId());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return e.withId(keys.getLong(1));
            }
        }
    }

    /** Completes an event that was stored while it was still going on. */
    public void update(StoredEvent e) throws SQLException {
        String sql = "UPDATE event SET end_utc = ?, score = ?, box_x = ?, box_y = ?, box_w = ?, box_h = ?, thumbnail = ?,"
                + " thumbnail_key_id = ? WHERE id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, e.end() == null ? null : utc(e.end()));
            ps.setInt(2, e.score());
            setBox(ps, 3, e.box());
            ps.setString(7, e.thumbnail());
            ps.setString(8, e.thumbnailKeyId());
            ps.setLong(9, e.id());
            ps.executeUpdate();
        }
    }

    private static void setBox(PreparedStatement ps, int first, StoredEvent.Box box) throws SQLException {
        if (box == null) {
            for (int i = 0; i < 4; i++) {
                ps.setNull(first + i, Types.REAL);
            }
        } else {
            ps.setFloat(first, (float) box.x());
            ps.setFloat(first + 1, (float) box.y());
            ps.setFloat(first + 2, (float) box.w());
            ps.setFloat(first + 3, (float) box.h());
        }
    }

    /**
     * Ends events that a crash or power cut left open: their real end is unknown, so they end where they
     * began rather than stretching over the timeline. Returns how many were closed.
     */
    public int closeDangling() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE event SET end_utc = start_utc WHERE end_utc IS NULL")) {
            return ps.executeUpdate();
        }
    }

    /**
     * Events that start in {@code [from, to)}, oldest first.
     *
     * @param cameraId null for every camera
     * @param type     null for every type
     */
    public List<StoredEvent> find(Long cameraId, String type, Instant from, Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM event WHERE start_utc >= ? AND start_utc < ?");
        if (cameraId != null) {
            sql.append(" AND camera_id = ?");
        }
        if (type != null) {
            sql.append(" AND type = ?");
        }
        sql.append(" ORDER BY start_utc, id");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setObject(i++, utc(from == null ? Instant.EPOCH : from));
            ps.setObject(i++, utc(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to));
            if (cameraId != null) {
                ps.setLong(i++, cameraId);
            }
            if (type != null) {
                ps.setString(i, type);
            }
            List<StoredEvent> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        }
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        OffsetDateTime end = rs.getObject("end_utc", OffsetDateTime.class);
        float bx = rs.getFloat("box_x");
        StoredEvent.Box box = rs.wasNull() ? null
                : new StoredEvent.Box(bx, rs.getFloat("box_y"), rs.getFloat("box_w"), rs.getFloat("box_h"));
        return new StoredEvent(rs.getLong("id"), rs.getLong("camera_id"), rs.getString("type"),
                rs.getObject("start_utc", OffsetDateTime.class).toInstant(), end == null ? null : end.toInstant(),
                rs.getInt("score"), box, rs.getString("thumbnail"), rs.getString("thumbnail_key_id"));
    }
}
