package org.doorstep.onvif;

import java.time.Instant;

/**
 * Motion or doorbell ring from a camera; {@code at} is on our clock (camera time minus its offset).
 *
 * @param initial true for a current-state message ("Initialized") a camera sends right after a subscription
 *                starts: it reports how things are, not that something just happened
 */
public record CameraEvent(Type type, Instant at, boolean state, boolean initial) {
    public enum Type { MOTION, RING }

    /** A change as it happens (not a current-state report). */
    public CameraEvent(Type type, Instant at, boolean state) {
        this(type, at, state, false);
    }
}
