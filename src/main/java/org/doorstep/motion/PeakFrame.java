package org.doorstep.motion;

/**
 * The analysis picture with the highest score since it was last taken: the thumbnail of an event is the
 * moment the detector was most sure, not its first frame.
 */
final class PeakFrame {
    private byte[] pixels;
    private int width;
    private int height;
    private int score = -1;

    void offer(byte[] grey, int w, int h, int frameScore) {
        if (frameScore <= score) {
            return;
        }
        if (pixels == null || pixels.length != grey.length) {
            pixels = new byte[grey.length];
        }
        System.arraycopy(grey, 0, pixels, 0, grey.length);
        width = w;
        height = h;
        score = frameScore;
    }

    /** The JPEG of the peak picture, or null when none was offered; resets for the next event. */
    byte[] takeJpeg() {
        if (score < 0) {
            return null;
        }
        score = -1;
        return GreyJpeg.encode(pixels, width, height);
    }

    void reset() {
        score = -1;
    }
}
