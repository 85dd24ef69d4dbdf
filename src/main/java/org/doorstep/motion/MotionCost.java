package org.doorstep.motion;

/**
 * What one camera's running motion analysis costs now, measured: its two threads' CPU (decoding and analysis).
 *
 * @param onSubStream   whether the sub stream is analysed (false: the camera has none, its main stream is)
 * @param width         the analysed stream's picture width, 0 until it is open
 * @param height        its height, 0 until it is open
 * @param fps           its frame rate as the stream states it, 0 when unknown
 * @param keyframesOnly whether only keyframes are decoded now because the scene is still (main streams)
 * @param percentOfCore smoothed CPU of the analysis in percent of one core; NaN in its first second
 * @param measuredSeconds how long it has been measured
 */
public record MotionCost(boolean onSubStream, int width, int height, double fps, boolean keyframesOnly,
                         double percentOfCore, long measuredSeconds) {
}
