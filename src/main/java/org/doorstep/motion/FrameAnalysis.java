package org.doorstep.motion;

import java.util.List;

/**
 * What the detector saw in one analysed frame.
 *
 * @param score           motion strength 0–100 (0: nothing that counts as motion)
 * @param boxes           regions that moved, normalised coordinates, largest first
 * @param changedFraction share of unmasked pixels that differ from the background (0..1)
 * @param calibrating     true while the background is being (re)learnt; no motion is reported then
 */
public record FrameAnalysis(int score, List<Box> boxes, double changedFraction, boolean calibrating) {

    public static final FrameAnalysis CALIBRATING = new FrameAnalysis(0, List.of(), 0, true);

    public FrameAnalysis {
        boxes = List.copyOf(boxes);
    }

    public boolean hasMotion() {
        return score > 0;
    }

    /** Union of all boxes, or null when there is none. */
    public Box unionBox() {
        Box union = null;
        for (Box b : boxes) {
            union = union == null ? b : union.union(b);
        }
        return union;
    }
}
