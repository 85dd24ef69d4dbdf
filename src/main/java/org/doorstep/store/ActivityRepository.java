package org.doorstep.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-second motion activity (0-100) for the timeline's heat strip, stored as one 60-byte row per
 * camera and minute so a month of 16 cameras stays small and fast to read.
 */
public final class ActivityRepository {
    private final Database db;

    public ActivityRepository(Database db) {
        this.db = db;
    }

    /** Writes the levels of one minute (index = second of the minute); existing seconds keep their higher value. */
    public void merge(long cameraId, Instant minute, byte[] levels) throws SQLException {
        if (levels.length != 60) {
            throw new IllegalArgumentException("one level per second of a minute expected");
        }
        Instant start = minute.truncatedTo(ChronoUnit.MINUTES);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            byte[] merged = levels.clone();
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT levels FROM motion_activity WHERE camera_id = ? AND minute_utc = ? FOR UPDATE")) {
                read.setLong(1, cameraId);
                read.setObject(2, start.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        byte[] old = rs.getBytes(1);
                        for (int i = 0; i < 60; i++) {
                            merged[i] = (byte) Math.max(merged[i], old[i]);
                        }
                    }
                }
            }
            try (PreparedStatement write = c.prepareStatement(
                    "MERGE INTO motion_activity (camera_id, minute_utc, levels) KEY (camera_id, minute_utc) VALUES (?, ?, ?)")) {
                write.setLong(1, cameraId);
                write.setObject(2, start.atOffset(ZoneOffset.UTC));
                write.setBytes(3, merged);
                write.executeUpdate();
            }
            c.commit();
        }
    }

    /** Seconds with activity above zero in {@code [from, to)}, keyed by the second. */
    public Map<Instant, Integer> levels(long cameraId, Instant from, Instant to) throws SQLException {
        Map<Instant, Integer> result = new TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT minute_utc, levels FROM motion_activity WHERE camera_id = ? AND minute_utc >= ? AND minute_utc < ?"
                        + " ORDER BY minute_utc")) {
            ps.setLong(1, cameraId);
            ps.setObject(2, from.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
            ps.setObject(3, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant minute = rs.getObject(1, OffsetDateTime.class).toInstant();
                    byte[] levels = rs.getBytes(2);
                    for (int s = 0; s < 60; s++) {
                        Instant second = minute.plusSeconds(s);
                        if (levels[s] > 0 && !second.isBefore(from) && second.isBefore(to)) {
                            result.put(second, (int) levels[s]);
                        }
                    }
                }
            }
        }
        return result;
    }
}
