package org.doorstep.media;

/**
 * Which pixels of a picture stay visible: one byte per pixel, 1 = keep, 0 = black it out (a privacy mask). The
 * domain supplies it (the camera's polygons, rasterised for the size FFmpeg decodes), so media never learns about
 * cameras. Implementations cache the raster for the last size; callers must not modify the returned array.
 */
@FunctionalInterface
public interface PixelMask {
    byte[] raster(int width, int height);
}
