package org.doorstep.usecase.desktop;

/**
 * A desktop notification to show: already in the user's language. {@code camera} is what a click opens live.
 * There is never a picture in it unless the user asked for snapshots, since the OS keeps copies of notifications.
 */
public record Notification(Kind kind, long cameraId, String camera, String title, String body) {
    public enum Kind { RING, CAMERA_LOST }
}
