package org.doorstep.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded segment as indexed. Times come from the recorder's clock; {@code cameraStart} is what the camera's
 * own clock said (RTCP), null when the camera does not tell, and {@code driftMs} = cameraStart - start.
 */
public record SegmentRow(
        long id,
        long cameraId,
        String stream,
        Instant start,
        Instant end,
        Instant cameraStart,
        Long driftMs,
        long bytes,
        String videoCodec,
        String audioCodec,
        Integer width,
        Integer height,
        byte[] keyframes,
        String keyId,
        String file) {

    public Duration duration() {
        return Duration.between(start, end);
    }

    public SegmentRow withId(long newId) {
        return new SegmentRow(newId, cameraId, stream, start, end, cameraStart, driftMs, bytes, videoCodec, audioCodec,
                width, height, keyframes, keyId, file);
    }
}
