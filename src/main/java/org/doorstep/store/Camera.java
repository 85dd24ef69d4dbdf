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
        Instant createdAt,
        Options options) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(48);

    /**
     * The settings added with the window's camera settings (issue 11), kept together so the many places that build a
     * camera from its first fifteen columns need not change.
     *
     * @param privacyMasksJson areas blacked out in the recording, in the motion-mask JSON; null = none
     * @param retentionReason  why footage is kept longer than 72 hours, in the owner's words; null when it is not
     * @param storageCapBytes  most bytes this camera's recordings may use; 0 = only the app-wide cap
     * @param hwAccel          hardware decoding: "auto", "off" or an accelerator id
     * @param recordAudio      whether sound is recorded (off unless the owner switched it on)
     * @param hideLive         whether the live picture is hidden (recording unchanged)
     * @param ringTopics       ONVIF topics that count as a ring besides the built-in ones, one per line; null = none
     */
    public record Options(String privacyMasksJson, String retentionReason, long storageCapBytes, String hwAccel,
                          boolean recordAudio, boolean hideLive, String ringTopics, boolean allowInternetAddress) {
        public static final Options DEFAULTS = new Options(null, null, 0, "auto", false, false, null, false);

        public Options(String privacyMasksJson, String retentionReason, long storageCapBytes, String hwAccel,
                       boolean recordAudio, boolean hideLive, String ringTopics) {
            this(privacyMasksJson, retentionReason, storageCapBytes, hwAccel, recordAudio, hideLive, ringTopics,
                    false);
        }

        public Options(String privacyMasksJson, String retentionReason, long storageCapBytes, String hwAccel,
                       boolean recordAudio, boolean hideLive) {
            this(privacyMasksJson, retentionReason, storageCapBytes, hwAccel, recordAudio, hideLive, null);
        }

        /** The extra ring topics as a list (empty when there are none). */
        public java.util.List<String> ringTopicList() {
            return ringTopics == null ? java.util.List.of()
                    : ringTopics.lines().map(String::trim).filter(t -> !t.isEmpty()).toList();
        }

        public Options withRingTopics(java.util.List<String> topics) {
            String joined = topics.isEmpty() ? null : String.join("\n", topics);
            return new Options(privacyMasksJson, retentionReason, storageCapBytes, hwAccel, recordAudio, hideLive,
                    joined, allowInternetAddress);
        }

        /**
         * The owner's explicit "this camera may be outside the local network" (camera add/set
         * --allow-internet-address); off unless chosen, shown in camera list and the camera's settings.
         */
        public Options withAllowInternetAddress(boolean allow) {
            return new Options(privacyMasksJson, retentionReason, storageCapBytes, hwAccel, recordAudio, hideLive,
                    ringTopics, allow);
        }

        public Options withPrivacyMasks(String json) {
            return new Options(json, retentionReason, storageCapBytes, hwAccel, recordAudio, hideLive, ringTopics,
                    allowInternetAddress);
        }

        public Options withRetentionReason(String reason) {
            return new Options(privacyMasksJson, reason, storageCapBytes, hwAccel, recordAudio, hideLive, ringTopics,
                    allowInternetAddress);
        }

        public Options withRecordAudio(boolean audio) {
            return new Options(privacyMasksJson, retentionReason, storageCapBytes, hwAccel, audio, hideLive, ringTopics,
                    allowInternetAddress);
        }

        public Options {
            hwAccel = hwAccel == null || hwAccel.isBlank() ? "auto" : hwAccel;
            storageCapBytes = Math.max(0, storageCapBytes);
        }
    }

    public Camera {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainUrl, "mainUrl");
        retention = retention == null ? DEFAULT_RETENTION : retention;
        rtspTransport = rtspTransport == null ? "tcp" : rtspTransport;
        options = options == null ? Options.DEFAULTS : options;
    }

    /** A camera with the default {@link Options}. */
    public Camera(long id, String name, URI mainUrl, URI subUrl, URI snapshotUrl, URI onvifUrl, String username,
                  String credentialRef, boolean enabled, Duration retention, String rtspTransport,
                  boolean motionEnabled, int motionSensitivity, String motionMasksJson, Instant createdAt) {
        this(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled, retention,
                rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, Options.DEFAULTS);
    }

    /** A new camera that is not stored yet (id 0). */
    public static Camera newCamera(String name, URI mainUrl, URI subUrl, String username, Duration retention) {
        return new Camera(0, name, mainUrl, subUrl, null, null, username, null, true, retention, "tcp", true, 5,
                null, Instant.now());
    }

    public Camera withId(long newId) {
        return new Camera(newId, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    public Camera withCredentialRef(String ref) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, ref, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    public Camera withOnvif(URI onvif, URI snapshot) {
        return new Camera(id, name, mainUrl, subUrl, snapshot, onvif, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    public Camera withName(String newName) {
        return new Camera(id, newName, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    public Camera withEnabled(boolean on) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, on,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    /** The same camera with the settings a user changes after adding it. */
    public Camera withSettings(Duration keep, String transport, boolean motion, int sensitivity, String masksJson) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                keep, transport, motion, sensitivity, masksJson, createdAt, options);
    }

    /** The same camera with other stream addresses (never with credentials in them). */
    public Camera withStreams(URI main, URI sub) {
        return new Camera(id, name, main, sub, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, options);
    }

    public Camera withOptions(Options newOptions) {
        return new Camera(id, name, mainUrl, subUrl, snapshotUrl, onvifUrl, username, credentialRef, enabled,
                retention, rtspTransport, motionEnabled, motionSensitivity, motionMasksJson, createdAt, newOptions);
    }

    /** The stream motion detection should decode: the sub stream when the camera has one. */
    public URI analysisUrl() {
        return subUrl != null ? subUrl : mainUrl;
    }

    /** Which addresses this camera's connections may reach: the local network, unless its owner allowed more. */
    public org.doorstep.common.net.AddressCheck addresses() {
        return options.allowInternetAddress() ? org.doorstep.common.net.AddressCheck.anyAddress()
                : org.doorstep.common.net.AddressCheck.LAN_ONLY;
    }
}
