package org.doorstep.sim;

import java.time.Instant;

/**
 * Events of the virtual doorbell, called when the picture showing them is sent (from one event thread, in
 * order). The ONVIF event service turns them into camera motion and doorbell button events.
 */
public interface DoorbellEventListener {
    /** Motion starts ({@code active}) when a visitor comes into the picture and stops when they have left. */
    default void onMotion(boolean active, Instant at) { }

    /** The bell button is pressed. */
    default void onRing(Instant at) { }
}
