package org.doorstep.playback;

import java.time.Instant;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Where one camera's played-back pictures go. Called on that camera's player thread. */
public interface VideoOut {

    /** A decoded frame recorded at {@code at}; {@code frame} is only valid during the call. */
    void frame(AVFrame frame, Instant at);

    /** Nothing was recorded at {@code at} (a gap): the camera shows "no recording" while the others play. */
    void noRecording(Instant at);

    /**
     * True when the frame on show should be drawn again (the picture was resized, zoomed or shown after being
     * hidden); asked while paused, when no new frame would come.
     */
    default boolean stale() {
        return false;
    }
}
