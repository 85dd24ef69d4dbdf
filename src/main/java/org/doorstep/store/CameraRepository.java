package org.doorstep.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Cameras in the database. */
public final class CameraRepository {
    private final Sql sql;
    private final SegmentIndex segments;

    public CameraRepository(Database db) {
        this.sql = new Sql(db);
        this.segments = new SegmentIndex(db);
    }

    /** Stores a new camera and returns it with its id. */
    public Camera insert(Camera camera) throws SQLException, DuplicateNameException {
        if (findByName(camera.name()).isPresent()) {
            throw new DuplicateNameException(camera.name());
        }
        long id = sql.insertReturningId("INSERT INTO camera (name, main_url, sub_url, snapshot_url, onvif_url, username,"
                + " credential_ref, enabled, retention_seconds, rtsp_transport, motion_enabled, motion_sensitivity,"
                + " motion_masks, created_at, privacy_masks, retention_reason, storage_cap_bytes, hw_accel, record_audio,"
                + " hide_live, ring_topics, allow_internet)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                columns(camera));
        return camera.withId(id);
    }

    /**
     * Stores {@code camera} under a given id: the index rebuilt from segment files ({@code doorstep repair}) must
     * give each camera folder ({@code segments/<id>}) back its id, since every file name and key is filed under it.
     * The id counter then continues after the highest id.
     */
    public Camera insertWithId(long id, Camera camera) throws SQLException {
        Object[] params = new Object[22];
        params[0] = id;
        System.arraycopy(columns(camera), 0, params, 1, 21);
        sql.inTransaction(tx -> {
            tx.update("INSERT INTO camera (id, name, main_url, sub_url, snapshot_url, onvif_url, username,"
                    + " credential_ref, enabled, retention_seconds, rtsp_transport, motion_enabled, motion_sensitivity,"
                    + " motion_masks, created_at, privacy_masks, retention_reason, storage_cap_bytes, hw_accel,"
                    + " record_audio, hide_live, ring_topics)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", params);
            long next = tx.queryLong("SELECT COALESCE(MAX(id), 0) + 1 FROM camera");
            tx.update("ALTER TABLE camera ALTER COLUMN id RESTART WITH " + next);
            return null;
        });
        return camera.withId(id);
    }

    public void update(Camera camera) throws SQLException {
        Object[] params = Arrays.copyOf(columns(camera), 23);
        params[22] = camera.id();
        sql.update("UPDATE camera SET name = ?, main_url = ?, sub_url = ?, snapshot_url = ?, onvif_url = ?,"
                + " username = ?, credential_ref = ?, enabled = ?, retention_seconds = ?, rtsp_transport = ?,"
                + " motion_enabled = ?, motion_sensitivity = ?, motion_masks = ?, created_at = ?,"
                + " privacy_masks = ?, retention_reason = ?, storage_cap_bytes = ?, hw_accel = ?, record_audio = ?,"
                + " hide_live = ?, ring_topics = ?, allow_internet = ? WHERE id = ?", params);
    }

    /** The values of every column but id, in the order insert and update name them. */
    private static Object[] columns(Camera cam) {
        Camera.Options o = cam.options();
        return new Object[] {cam.name(), cam.mainUrl(), cam.subUrl(), cam.snapshotUrl(), cam.onvifUrl(),
            cam.username(), cam.credentialRef(), cam.enabled(), cam.retention().toSeconds(), cam.rtspTransport(),
            cam.motionEnabled(), cam.motionSensitivity(), cam.motionMasksJson(), cam.createdAt(),
            o.privacyMasksJson(), o.retentionReason(), o.storageCapBytes(), o.hwAccel(), o.recordAudio(), o.hideLive(),
            o.ringTopics(), o.allowInternetAddress()};
    }

    public List<Camera> all() throws SQLException {
        return sql.query("SELECT * FROM camera ORDER BY name", CameraRepository::read);
    }

    public Optional<Camera> findByName(String name) throws SQLException {
        return sql.queryOptional("SELECT * FROM camera WHERE name = ?", CameraRepository::read, name);
    }

    public Optional<Camera> findById(long id) throws SQLException {
        return sql.queryOptional("SELECT * FROM camera WHERE id = ?", CameraRepository::read, id);
    }

    /** How many recorded segments the camera has in the index. */
    public long segmentCount(long cameraId) throws SQLException {
        return segments.count(cameraId);
    }

    /** Removes the camera row; segments, events and activity rows go with it (ON DELETE CASCADE). */
    public boolean delete(long id) throws SQLException {
        return sql.update("DELETE FROM camera WHERE id = ?", id) == 1;
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
                SqlTime.instant(rs, "created_at"),
                new Camera.Options(rs.getString("privacy_masks"), rs.getString("retention_reason"),
                        rs.getLong("storage_cap_bytes"), rs.getString("hw_accel"), rs.getBoolean("record_audio"),
                        rs.getBoolean("hide_live"), rs.getString("ring_topics"), rs.getBoolean("allow_internet")));
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
