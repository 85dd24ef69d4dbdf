package org.doorstep.motion;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished motion event.
 *
 * @param start     first analysed frame with motion
 * @param end       last analysed frame with motion
 * @param peakScore highest frame score (0–100)
 * @param box       union of the moving regions in the peak frame (normalised)
 * @param peakAt    instant of the peak frame, for a thumbnail
 */
public record MotionEvent(Instant start, Instant end, int peakScore, Box box, Instant peakAt) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
