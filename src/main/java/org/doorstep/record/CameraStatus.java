package org.doorstep.record;

import java.time.Instant;

/**
 * What a camera stream's recorder is doing, for the UI and the CLI. {@code message} is already translated.
 */
public record CameraStatus(long cameraId, String cameraName, String stream, State state, String reason, String message,
                           Instant since, long segments, long bytes) {
    public enum State { CONNECTING, RECORDING, RECONNECTING, STORAGE_UNAVAILABLE, STOPPED }
}
