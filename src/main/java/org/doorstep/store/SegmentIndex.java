package org.doorstep.store;

import static org.doorstep.store.SqlTime.instant;
import static org.doorstep.store.SqlTime.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The segment and recording_gap tables. */
public final class SegmentIndex {
    private final Database db;

    public SegmentIndex(Database db) {
        this.db = db;
    }

    public SegmentRow insert(SegmentRow s) throws SQLException {
        String sql = "INSERT INTO segment (camera_id, stream, start_utc, end_utc, camera_start, drift_ms, bytes,"
                + " video_codec, audio_codec, width, height, keyframes, key_id, file) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, s.cameraId());
            ps.setString(2, s.stream());
            ps.setObject(3, utc(s.start()));
            ps.setObject(4, utc(s.end()));
            ps.setObject(5, s.cameraStart() == null ? null : utc(s.cameraStart()));
            if (s.driftMs() == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, s.driftMs());
            }
            ps.setLong(7, s.bytes());
            ps.setString(8, s.videoCodec());
            ps.setString(9, s.audioCodec());
            setInt(ps, 10, s.width());
            setInt(ps, 11, s.height());
            ps.setBytes(12, s.keyframes());
            ps.setString(13, s.keyId());
            ps.setString(14, s.file());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return s.withId(keys.getLong(1));
            }
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    /** Segments overlapping [from, to) (either may be null), oldest first. */
    public List<SegmentRow> find(Long cameraId, Instant from, Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM segment WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (cameraId != null) {
            sql.append(" AND camera_id = ?");
            args.add(cameraId);
        }
        if (from != null) {
            sql.append(" AND end_utc > ?");
            args.add(utc(from));
        }
        if (to != null) {
            sql.append(" AND start_utc < ?");
            args.add(utc(to));
        }
        sql.append(" ORDER BY start_utc, id");
        return query(sql.toString(), args.toArray());
    }

    public List<SegmentRow> all() throws SQLException {
        return query("SELECT * FROM segment ORDER BY start_utc, id");
    }

    /** The oldest segments over all cameras, for the storage cap and free-space reserve. */
    public List<SegmentRow> oldest(int limit) throws SQLException {
        return query("SELECT * FROM segment ORDER BY start_utc, id LIMIT ?", limit);
    }

    public List<SegmentRow> endedBefore(long cameraId, Instant before) throws SQLException {
        return query("SELECT * FROM segment WHERE camera_id = ? AND end_utc < ? ORDER BY start_utc", cameraId, utc(before));
    }

    public long totalBytes() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM segment");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public boolean keyInUse(String keyId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM segment WHERE key_id = ? LIMIT 1")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Optional<SegmentRow> byFile(String file) throws SQLException {
        List<SegmentRow> r = query("SELECT * FROM segment WHERE file = ?", file);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    public boolean delete(long id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM segment WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private List<SegmentRow> query(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<SegmentRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SegmentRow(rs.getLong("id"), rs.getLong("camera_id"), rs.getString("stream"),
                            instant(rs, "start_utc"), instant(rs, "end_utc"), instant(rs, "camera_start"),
                            (Long) rs.getObject("drift_ms", Long.class), rs.getLong("bytes"), rs.getString("video_codec"),
                            rs.getString("audio_codec"), rs.getObject("width", Integer.class),
                            rs.getObject("height", Integer.class), rs.getBytes("keyframes"), rs.getString("key_id"),
                            rs.getString("file")));
                }
                return out;
            }
        }
    }

    // ---- gaps

    public long openGap(long cameraId, String stream, Instant start, String reason, String detail) throws SQLException {
        String sql = "INSERT INTO recording_gap (camera_id, stream, start_utc, end_utc, reason, detail) VALUES (?,?,?,NULL,?,?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, cameraId);
            ps.setString(2, stream);
            ps.setObject(3, utc(start));
            ps.setString(4, reason);
            ps.setString(5, detail == null ? null : detail.substring(0, Math.min(500, detail.length())));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void closeGap(long gapId, Instant end) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE recording_gap SET end_utc = ? WHERE id = ?")) {
            ps.setObject(1, utc(end));
            ps.setLong(2, gapId);
            ps.executeUpdate();
        }
    }

    /** Gaps left open by a process that died; they end where this process starts looking. */
    public int closeOpenGaps(Instant end) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE recording_gap SET end_utc = ? WHERE end_utc IS NULL")) {
            ps.setObject(1, utc(end));
            return ps.executeUpdate();
        }
    }

    public List<GapRow> gaps(Long cameraId, Instant from, Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM recording_gap WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (cameraId != null) {
            sql.append(" AND camera_id = ?");
            args.add(cameraId);
        }
        if (from != null) {
            sql.append(" AND (end_utc IS NULL OR end_utc > ?)");
            args.add(utc(from));
        }
        if (to != null) {
            sql.append(" AND start_utc < ?");
            args.add(utc(to));
        }
        sql.append(" ORDER BY start_utc, id");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<GapRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new GapRow(rs.getLong("id"), rs.getLong("camera_id"), rs.getString("stream"),
                            instant(rs, "start_utc"), instant(rs, "end_utc"), rs.getString("reason"), rs.getString("detail")));
                }
                return out;
            }
        }
    }
}
