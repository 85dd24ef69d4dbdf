package org.doorstep.sim;

/** The pre-rendered clips the virtual doorbell splices together. */
public enum ClipKind {
    /** The empty porch, looped while nothing happens. */
    IDLE,
    /** A visitor walks up, rings and leaves. */
    VISIT,
    /** A slow cloud/dusk light ramp that starts and ends at the idle brightness; not motion. */
    LIGHT
}
