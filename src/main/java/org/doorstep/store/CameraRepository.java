package org.doorstep.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cameras in the database. */
public final class CameraRepository {
    private final Database db;

    public CameraRepository(Database db) {
        this.db = db;
    }

    /** Stores a new camera and returns it with its id. */
    public Camera insert(Camera camera) throws SQLException, DuplicateNameException {
        if (findByName(camera.name()).isPresent()) {
            throw new DuplicateNameException(camera.name());
        }
        String sql = "INSERT INTO camera (name, main_url, sub_url, snapshot_url, onvif_url, username, credential_ref,"
                + " enabled, retention_seconds, rtsp_transport, motion_enabled, motion_sensitivity, motion_masks, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, camera);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return camera.withId(keys.getLong(1));
            }
        }
    }

    public void update(Camera camera) throws SQLException {
        String sql = "UPDATE camera SET name = ?, main_url = ?, sub_url = ?, snapshot_url = ?, onvif_url = ?, username = ?,"
                + " credential_ref = ?, enabled = ?, retention_seconds = ?, rtsp_transport = ?, motion_enabled = ?,"
                + " motion_sensitivity = ?, motion_masks = ?, created_at = ? WHERE id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, camera);
            ps.setLong(15, camera.id());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Camera cam) throws SQLException {
        ps.setString(1, cam.name());
        ps.setString(2, cam.mainUrl().toString());
        setUri(ps, 3, cam.subUrl());
        setUri(ps, 4, cam.snapshotUrl());
        setUri(ps, 5, cam.onvifUrl());
        ps.setString(6, cam.username());
        ps.setString(7, cam.credentialRef());
        ps.setBoolean(8, cam.enabled());
        ps.setLong(9, cam.retention().toSeconds());
        ps.setString(10, cam.rtspTransport());
        ps.setBoolean(11, cam.motionEnabled());
        ps.setInt(12, cam.motionSensitivity());
        if (cam.motionMasksJson() == null) {
            ps.setNull(13, Types.CLOB);
        } else {
            ps.setString(13, cam.motionMasksJson());
        }
        ps.setObject(14, cam.createdAt().atOffset(ZoneOffset.UTC));
    }

    private static void setUri(PreparedStatement ps, int index, URI uri) throws SQLException {
        ps.setString(index, uri == null ? null : uri.toString());
    }

    public List<Camera> all() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM camera ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Camera> result = new ArrayList<>();
            while (rs.next()) {
                result.add(read(rs));
            }
            return result;
        }
    }

    public Optional<Camera> findByName(String name) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM camera WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Camera> findById(long id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM camera WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** How many recorded segments the camera has in the index. */
    public long segmentCount(long cameraId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM segment WHERE camera_id = ?")) {
            ps.setLong(1, cameraId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Removes the camera row; segments, events and activity rows go with it (ON DELETE CASCADE). */
    public boolean delete(long id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM camera WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static Camera read(ResultSet rs) throws SQLException {
        return new Camera(
                rs.getLong("id"),
                rs.getString("name"),
                URI.create(rs.getString("main_url")),
                uri(rs.getString("sub_url")),
                uri(rs.getString("snapshot_url")),
                uri(rs.getString("onvif_url")),
                rs.getString("username"),
                rs.getString("credential_ref"),
                rs.getBoolean("enabled"),
                Duration.ofSeconds(rs.getLong("retention_seconds")),
                rs.getString("rtsp_transport"),
                rs.getBoolean("motion_enabled"),
                rs.getInt("motion_sensitivity"),
                rs.getString("motion_masks"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }

    /** A camera with that name exists already. */
    public static final class DuplicateNameException extends Exception {
        public DuplicateNameException(String name) {
            super("a camera named '" + name + "' exists already");
        }
    }
}
