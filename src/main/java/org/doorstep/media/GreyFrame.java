package org.doorstep.media;

/**
 * One small grey picture produced by {@link GreyFrameDecoder}. The decoder reuses this object and its
 * pixel array for the next frame: copy what you need to keep before asking for the next one.
 */
public final class GreyFrame {

    private byte[] pixels = new byte[0];
    private int width;
    private int height;
    private long ptsMicros;
    private long index;

    /** Pixels, row after row without padding ({@code width * height} bytes are valid). */
    public byte[] pixels() {
        return pixels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Presentation time from the start of the stream, microseconds. */
    public long ptsMicros() {
        return ptsMicros;
    }

    /** Sequence number of the source frame this came from (0-based, counting decoded frames). */
    public long index() {
        return index;
    }

    byte[] prepare(int w, int h, long pts, long frameIndex) {
        if (pixels.length < w * h) {
            pixels = new byte[w * h];
        }
        width = w;
        height = h;
        ptsMicros = pts;
        index = frameIndex;
        return pixels;
    }

    /** A private copy (for handing to another thread). */
    public GreyFrame copyInto(GreyFrame target) {
        byte[] dst = target.prepare(width, height, ptsMicros, index);
        System.arraycopy(pixels, 0, dst, 0, width * height);
        return target;
    }
}
