package org.doorstep.media;

/** Bits of {@code AVFrame.flags} that JavaCPP does not map as constants. */
final class FrameFlags {
    /** AV_FRAME_FLAG_KEY: the picture is a keyframe. */
    static final int KEY = 1 << 1;

    private FrameFlags() {
    }
}
