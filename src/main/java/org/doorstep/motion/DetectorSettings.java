package org.doorstep.motion;

/**
 * Detector configuration. Only {@link #sensitivity} and {@link #mask} are meant for users; the rest are
 * engineering defaults (after Frigate's well-tried ones) that tests and benchmarks may adjust.
 *
 * @param sensitivity          the user's one knob
 * @param mask                 excluded areas
 * @param globalChangeFraction share of changed pixels above which a frame counts as a lighting change
 *                             (lights, IR switch, lightning) and the background is re-learnt instead
 * @param backgroundAlpha      weight of a new frame in the running-average background (slow drift)
 * @param calibrationFrames    frames after start or a global change during which the background is
 *                             re-learnt and nothing is reported; at least {@link #contrastHistory}
 * @param contrastHistory      frames over which the contrast stretch limits are averaged
 * @param maxBoxes             most boxes reported per frame (largest first)
 */
public record DetectorSettings(Sensitivity sensitivity, MotionMask mask, double globalChangeFraction,
                               double backgroundAlpha, int calibrationFrames, int contrastHistory, int maxBoxes) {

    public static final DetectorSettings DEFAULT = new DetectorSettings(Sensitivity.DEFAULT, MotionMask.NONE,
            0.7, 0.02, 10, 8, 8);

    public DetectorSettings {
        if (globalChangeFraction <= 0 || globalChangeFraction > 1) {
            throw new IllegalArgumentException("globalChangeFraction must be in (0,1]");
        }
        if (backgroundAlpha <= 0 || backgroundAlpha >= 1) {
            throw new IllegalArgumentException("backgroundAlpha must be in (0,1)");
        }
        if (contrastHistory < 1 || calibrationFrames < contrastHistory || maxBoxes < 1) {
            throw new IllegalArgumentException("calibrationFrames must be >= contrastHistory >= 1");
        }
    }

    public DetectorSettings withSensitivity(Sensitivity s) {
        return new DetectorSettings(s, mask, globalChangeFraction, backgroundAlpha, calibrationFrames,
                contrastHistory, maxBoxes);
    }

    public DetectorSettings withMask(MotionMask m) {
        return new DetectorSettings(sensitivity, m, globalChangeFraction, backgroundAlpha, calibrationFrames,
                contrastHistory, maxBoxes);
    }
}
