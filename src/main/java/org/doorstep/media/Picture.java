package org.doorstep.media;

/**
 * One still picture (a snapshot for drawing masks, a wizard preview, a saved still), decoded at full or capped
 * resolution.
 *
 * @param argb {@code width * height} pixels, row by row, 0xAARRGGBB (opaque)
 */
public record Picture(int width, int height, int[] argb) {
    public Picture {
        if (width <= 0 || height <= 0 || argb == null || argb.length != width * height) {
            throw new IllegalArgumentException("picture size does not match its pixels");
        }
    }

    /** The pixel at column {@code x}, row {@code y}, as 0xAARRGGBB. */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }
}
