package org.doorstep.usecase.erase;

import java.time.Instant;

/**
 * What to erase. {@code camera} null means every camera; {@code from}/{@code to} null mean "from the first
 * recording" / "up to the moment of the erase" (a range reaching into the future also stops at that moment).
 *
 * @param removeCamera after erasing a camera's footage, also remove the camera and its settings
 */
public record EraseScope(Kind kind, String camera, Instant from, Instant to, Long eventId, boolean removeCamera) {

    /** The five scopes offered by the window and the command line. */
    public enum Kind { EVERYTHING, CAMERA, CAMERA_RANGE, RANGE, EVENT }

    public EraseScope {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the range must start before it ends");
        }
    }

    public static EraseScope everything() {
        return new EraseScope(Kind.EVERYTHING, null, null, null, null, false);
    }

    public static EraseScope camera(String name, boolean removeCamera) {
        return new EraseScope(Kind.CAMERA, name, null, null, null, removeCamera);
    }

    public static EraseScope cameraRange(String name, Instant from, Instant to) {
        return new EraseScope(Kind.CAMERA_RANGE, name, from, to, null, false);
    }

    public static EraseScope range(Instant from, Instant to) {
        return new EraseScope(Kind.RANGE, null, from, to, null, false);
    }

    public static EraseScope event(long id) {
        return new EraseScope(Kind.EVENT, null, null, null, id, false);
    }
}
