package org.doorstep.store;

import java.time.Instant;

/**
 * An event on a camera's timeline.
 *
 * @param type      "motion" (Doorstep's own detector), "ring" (doorbell button) or "camera-motion" (the camera's own detector)
 * @param end       null while the event is still going on
 * @param score     peak score 0-100
 * @param box       peak bounding box in normalised coordinates (0..1), or null
 * @param thumbnail data-dir relative path of the encrypted thumbnail, or null
 */
public record StoredEvent(long id, long cameraId, String type, Instant start, Instant end, int score, Box box,
                          String thumbnail, String thumbnailKeyId) {

    public static final String MOTION = "motion";
    public static final String RING = "ring";
    public static final String CAMERA_MOTION = "camera-motion";

    /** A rectangle in normalised image coordinates. */
    public record Box(double x, double y, double w, double h) {}

    public StoredEvent withId(long newId) {
        return new StoredEvent(newId, cameraId, type, start, end, score, box, thumbnail, thumbnailKeyId);
    }
}
