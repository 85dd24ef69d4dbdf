package org.doorstep.sim;

/**
 * Frame counts and key moments of the porch clips for one frame rate. The same timing is used for the
 * main and the sub stream, so both can be spliced at the same frame index.
 *
 * @param fps         frames per second
 * @param gop         frames per group of pictures; every GOP starts with an IDR frame
 * @param idleFrames  length of the idle loop
 * @param visitFrames length of the visit clip
 * @param lightFrames length of the light-change clip
 */
public record SceneTiming(int fps, int gop, int idleFrames, int visitFrames, int lightFrames) {

    /** Seconds into the visit clip: walk-in ends, bell pressed, walk-out starts, walk-out ends. */
    static final double WALK_IN_END_S = 4.5;
    static final double RING_S = 5.0;
    static final double BELL_LIT_END_S = 6.0;
    static final double WALK_OUT_START_S = 10.5;
    static final double WALK_OUT_END_S = 15.0;
    static final double VISIT_S = 16.0;
    static final double IDLE_S = 8.0;
    static final double LIGHT_S = 12.0;

    public SceneTiming {
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60: " + fps);
        }
        if (gop < 1 || idleFrames % gop != 0 || visitFrames % gop != 0 || lightFrames % gop != 0) {
            throw new IllegalArgumentException("clip lengths must be whole GOPs");
        }
    }

    /** The default timing: GOP of one second, clip lengths rounded to whole GOPs. */
    public static SceneTiming forFps(int fps) {
        int gop = fps;
        return new SceneTiming(fps, gop, (int) (IDLE_S * gop), (int) (VISIT_S * gop), (int) (LIGHT_S * gop));
    }

    public int frames(ClipKind kind) {
        return switch (kind) {
            case IDLE -> idleFrames;
            case VISIT -> visitFrames;
            case LIGHT -> lightFrames;
        };
    }

    public double seconds(int frame) {
        return frame / (double) fps;
    }

    /** Frame of the visit clip at which the bell is pressed. */
    public int ringFrame() {
        return (int) Math.round(RING_S * fps);
    }
}
