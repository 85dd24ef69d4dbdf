package org.doorstep.motion.testclip;

/**
 * A person-sized shape crossing the picture horizontally.
 *
 * @param enterAt     seconds at which its leading edge enters the frame
 * @param crossing    seconds it takes to go from entering to having fully left
 * @param leftToRight direction
 * @param footY       normalised y of its feet
 * @param height      normalised height (0.2 far away … 0.6 at a doorbell)
 * @param reflectance 0..1 grey of the clothing (scene background is 0.15..0.9)
 */
public record Walker(double enterAt, double crossing, boolean leftToRight, double footY, double height,
                     double reflectance) {

    public double width() {
        return height * 0.32;
    }

    public double leaveAt() {
        return enterAt + crossing;
    }

    /** Normalised left edge at time t (outside 0..1 before entering and after leaving). */
    public double leftAt(double t, double aspect) {
        double w = width() / aspect;
        double progress = (t - enterAt) / crossing;
        double left = -w + progress * (1 + w);
        return leftToRight ? left : 1 - w - left;
    }
}
