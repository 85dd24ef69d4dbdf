package org.doorstep.motion;

import java.time.Instant;
import org.doorstep.media.GreyFrame;

/**
 * Receives what the event builder concludes. Called on the analysis thread: keep it quick (hand off
 * to a queue for storage work).
 */
public interface MotionListener {

    /**
     * The analysed stream has (re)opened, as it states itself: picture size and frame rate (0 when it states none).
     * Called on the decoding thread, once per connection.
     */
    default void streamOpened(int width, int height, double fps) {
    }

    /** Motion persisted long enough: an event has begun (it may still merge into the previous one). */
    default void eventStarted(Instant start) {
    }

    /** A finished event, after the quiet period and merge window have passed. */
    default void eventEnded(MotionEvent event) {
    }

    /**
     * Every analysed frame (for a live overlay or an event thumbnail); most listeners ignore it. The
     * picture is only valid during the call: copy what you keep.
     */
    default void frame(Instant at, FrameAnalysis analysis, GreyFrame picture) {
    }

    /** The activity level of one completed second. */
    default void activity(ActivitySample sample) {
    }
}
