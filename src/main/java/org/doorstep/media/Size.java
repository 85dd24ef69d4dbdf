package org.doorstep.media;

/**
 * A picture size in pixels. Sizes handed to FFmpeg are even (4:2:0 video cannot be halved otherwise); 0×0 means
 * "nothing to show".
 */
public record Size(int width, int height) {
    public static final Size NONE = new Size(0, 0);

    public Size {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    /** True when nothing is to be shown (either side 0). */
    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /**
     * The largest even size with the source's aspect ratio that fits into this box, never larger than the source
     * itself (scaling up is left to the screen, which does it for free); {@link #NONE} when either is empty.
     */
    public Size fit(int sourceWidth, int sourceHeight) {
        if (isEmpty() || sourceWidth <= 0 || sourceHeight <= 0) {
            return NONE;
        }
        double scale = Math.min(1.0, Math.min((double) width / sourceWidth, (double) height / sourceHeight));
        int w = Math.max(2, (int) Math.round(sourceWidth * scale) & ~1);
        int h = Math.max(2, (int) Math.round(sourceHeight * scale) & ~1);
        return new Size(w, h);
    }

    /** This size times {@code factor}, rounded down to even numbers. */
    public Size times(double factor) {
        if (isEmpty()) {
            return NONE;
        }
        return new Size(Math.max(2, (int) (width * factor) & ~1), Math.max(2, (int) (height * factor) & ~1));
    }
}
