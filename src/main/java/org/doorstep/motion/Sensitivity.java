package org.doorstep.motion;

/**
 * The one user-facing knob: 1 (only big, clear motion) to 10 (the smallest change). Everything the
 * detector needs is derived from it, so users never meet pixel thresholds or area sizes.
 *
 * @param level 1..10, 5 is the default
 */
public record Sensitivity(int level) {

    public static final Sensitivity DEFAULT = new Sensitivity(5);

    public Sensitivity {
        if (level < 1 || level > 10) {
            throw new IllegalArgumentException("sensitivity must be 1..10, was " + level);
        }
    }

    /** Accepts 1..10 or the words low / medium / high. */
    public static Sensitivity parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "low": return new Sensitivity(3);
            case "medium": return DEFAULT;
            case "high": return new Sensitivity(8);
            default:
                try {
                    return new Sensitivity(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sensitivity must be 1..10 or low/medium/high: " + text, e);
                }
        }
    }

    /** Grey-level difference (after contrast stretch and blur) a pixel needs to count as changed: 40 … 18. */
    public int pixelThreshold() {
        return Math.round(40 - (level - 1) * 22f / 9f);
    }

    /** Smallest region that counts, as a share of the analysed image: 0.3 % … 0.02 %. */
    public double minRegionFraction() {
        return 0.003 * Math.pow(0.74, level - 1);
    }
}
