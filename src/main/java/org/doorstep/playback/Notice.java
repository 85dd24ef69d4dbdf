package org.doorstep.playback;

import java.time.Duration;
import java.time.Instant;

/**
 * Something the person watching should be told once, as a sentence the window words in its own language.
 *
 * @param camera the camera it concerns, or null for the whole playback
 * @param at     where in recorded time it happened
 * @param length how much recorded time it concerns (a skipped gap's length); zero when it does not apply
 */
public record Notice(Kind kind, String camera, Instant at, Duration length) {

    public enum Kind {
        /** Nothing was recorded for a while; playback jumped to where recording goes on. */
        GAP_SKIPPED,
        /** A damaged piece of a recording (altered bytes) was skipped; playback went on after it. */
        DAMAGED_SKIPPED,
        /** A recording whose key no longer exists (erased) was skipped. */
        KEY_MISSING,
        /** No more recordings after this point. */
        END_OF_RECORDINGS,
        /** This computer has no sound output: playing without sound. */
        NO_SOUND_DEVICE
    }
}
