package org.doorstep.onvif;

import java.time.Instant;

/** Motion or doorbell ring from a camera; {@code at} is on our clock (camera time minus its offset). */
public record CameraEvent(Type type, Instant at, boolean state) {
    public enum Type { MOTION, RING }
}
