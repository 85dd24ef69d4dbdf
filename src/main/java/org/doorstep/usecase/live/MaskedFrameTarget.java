package org.doorstep.usecase.live;

import java.nio.ByteBuffer;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.doorstep.motion.MotionMask;

/**
 * A live tile of a camera with privacy masks: each frame is blacked out where the masks are before it is shown, so
 * the live view shows what the recording keeps. The masked pixels are kept as horizontal runs per frame size, so a
 * frame costs one fill per run rather than a test per pixel.
 */
final class MaskedFrameTarget implements FrameTarget {
    private final FrameTarget target;
    private final MotionMask mask;
    private ByteBuffer current;
    private int width;
    private int height;
    private int[] runs = new int[0];
    private int runsWidth;
    private int runsHeight;

    MaskedFrameTarget(FrameTarget target, MotionMask mask) {
        this.target = target;
        this.mask = mask;
    }

    @Override
    public Size wanted() {
        return target.wanted();
    }

    @Override
    public ByteBuffer acquire(int w, int h) {
        current = target.acquire(w, h);
        width = w;
        height = h;
        return current;
    }

    @Override
    public void publish() {
        if (current != null) {
            blackOut(current, width, height);
        }
        target.publish();
    }

    /** Opaque black (BGRA 0,0,0,255) over the masked pixels. */
    void blackOut(ByteBuffer bgra, int w, int h) {
        if (runsWidth != w || runsHeight != h) {
            runs = runs(mask.raster(w, h), w, h);
            runsWidth = w;
            runsHeight = h;
        }
        // BGRA bytes 0,0,0,255 as one int in the buffer's byte order
        int black = bgra.order() == java.nio.ByteOrder.BIG_ENDIAN ? 0x000000FF : 0xFF000000;
        for (int i = 0; i < runs.length; i += 2) {
            int from = runs[i];
            int to = runs[i + 1];
            for (int p = from; p < to; p++) {
                bgra.putInt(p * 4, black);
            }
        }
    }

    private static int[] runs(byte[] keep, int w, int h) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int p = 0; p < w * h; ) {
            if (keep[p] != 0) {
                p++;
                continue;
            }
            int from = p;
            while (p < w * h && keep[p] == 0) {
                p++;
            }
            out.add(from);
            out.add(p);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
