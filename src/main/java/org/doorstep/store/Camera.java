package org.doorstep.store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A camera as Doorstep knows it. Stream URLs never carry credentials; the password lives in the
 * credential vault under {@code credentialRef}.
 */
public record Camera(
        long id,
        String name,
        URI mainUrl,
        URI subUrl,
        URI snapshotUrl,
        URI onvifUrl,
        String username,
        String credentialRef,
        boolean enabled,
        Duration retention,
        String rtspTransport,
        boolean motionEnabled,
        int motionSensitivity,
        String motionMasksJson,
        Instant createdAt) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(48);

    public Camera {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainUrl, "mainUrl");
        retention = retention == null ? DEFAULT_RETENTION : retention;
        rtspTransport = rtspTransport == null ? "tcp" : rtspTransport;
    }

    /** A new camera that is not stored yet (id 0). */
    public static Camera newCamera(String name, URI mainUrl, URI subUrl, String username, Duration retention) {
        return new Camera(0, name, mainUrl, subUrl, null, null, username, null, true, retention, "tcp", true, 5,
                null, Instant.now());
    }

    public Camera withId(long newId) {
        return new Camera(newId, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt);
    }

    public Camera withCredentialRef(String ref) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, ref, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt);
    }

    public Camera withOnvif(URI onvif, URI snapshot) {
        return new Camera(id, name, mainUrl, subUrl, snapshot, onvif, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt);
    }

    public Camera withName(String newName) {
        return new Camera(id, newName, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt);
    }

    public Camera withEnabled(boolean on) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, on,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt);
    }

    /** The same camera with the settings a user changes after adding it. */
    public Camera withSettings(Duration keep, String transport, boolean motion, int sensitivity, String masksJson) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                keep, transport, motion, sensitivity, masksJson, createdAt);
    }

    /** The stream motion detection should decode: the sub stream when the camera has one. */
    public URI analysisUrl() {
        return subUrl != null ? subUrl : mainUrl;
    }
}
