package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigrationTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void migrationsCreateEveryTable() throws Exception {
        DataDir dataDir = new DataDir(dir).create();
        try (Database db = Database.open(dataDir); Connection c = db.connection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1).toLowerCase());
                }
            }
            assertThat(tables).contains("camera", "segment", "recording_gap", "event", "motion_activity",
                    "erase_receipt", "audit_log", "analysed_stream", "flyway_schema_history");
        }
        assertThat(dataDir.database().resolveSibling("doorstep.mv.db")).exists();
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() throws Exception {
        DataDir dataDir = new DataDir(dir).create();
        try (Database db = Database.open(dataDir)) {
            new CameraRepository(db).insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        }
        try (Database db = Database.open(dataDir); Connection c = db.connection()) {
            assertThat(new CameraRepository(db).findByName("Porch")).isPresent();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" = '1'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void unknownEventTypeIsRefusedByTheSchema() throws Exception {
        DataDir dataDir = new DataDir(dir).create();
        try (Database db = Database.open(dataDir); Connection c = db.connection()) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO event (camera_id, type, start_utc) VALUES (?, 'explosion', CURRENT_TIMESTAMP)");
            ps.setLong(1, cam);
            org.assertj.core.api.Assertions.assertThatThrownBy(ps::executeUpdate).isInstanceOf(java.sql.SQLException.class);
        }
    }

    /**
     * A month of 15-minute segments for 16 cameras; the timeline's range query must be answered from the
     * (camera, start) index, not by scanning the table.
     */
    @Test
    void timeRangeQueryOverAMonthOfSixteenCamerasUsesTheIndex() throws Exception {
        DataDir dataDir = new DataDir(dir).create();
        try (Database db = Database.open(dataDir); Connection c = db.connection()) {
            CameraRepository cameras = new CameraRepository(db);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(cameras.insert(Camera.newCamera("cam" + i, URI.create("rtsp://10.0.0." + (i + 2) + "/a"),
                        null, null, null)).id());
            }
            Instant monthAgo = Instant.parse("2026-10-27T00:00:00Z");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO segment (camera_id, stream, start_utc, end_utc,"
                    + " bytes, key_id, file) VALUES (?, 'main', ?, ?, 1000, 'k', ?)")) {
                int n = 0;
                for (long id : ids) {
                    for (Instant t = monthAgo; t.isBefore(monthAgo.plus(Duration.ofDays(30))); t = t.plusSeconds(900)) {
                        ps.setLong(1, id);
                        ps.setObject(2, t.atOffset(ZoneOffset.UTC));
                        ps.setObject(3, t.plusSeconds(900).atOffset(ZoneOffset.UTC));
                        ps.setString(4, "segments/" + id + "/" + t.toEpochMilli());
                        ps.addBatch();
                        if (++n % 5000 == 0) {
                            ps.executeBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            String query = "SELECT id FROM segment WHERE camera_id = ? AND start_utc >= ? AND start_utc < ? ORDER BY start_utc";
            Instant from = monthAgo.plus(Duration.ofDays(12));
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
                ps.setLong(1, ids.get(7));
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, from.plus(Duration.ofHours(6)).atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).containsIgnoringCase("SEGMENT_CAMERA_START");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setLong(1, ids.get(7));
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, from.plus(Duration.ofHours(6)).atOffset(ZoneOffset.UTC));
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                assertThat(rows).isEqualTo(24);
            }
        }
    }
}
