package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Turns a decoded frame into pixels for a still or a preview (swscale straight into ARGB ints). */
final class FramePictures {
    private FramePictures() {}

    /** The frame scaled to at most {@code maxWidth} pixels wide (0: full resolution), as packed ARGB ints. */
    static PreviewFrame argb(AVFrame frame, int maxWidth, java.time.Instant at) {
        int w = frame.width();
        int h = frame.height();
        if (maxWidth > 0 && w > maxWidth) {
            h = Math.max(2, (int) Math.round((double) h * maxWidth / w) & ~1);
            w = maxWidth & ~1;
        }
        SwsContext sws = sws_getContext(frame.width(), frame.height(), frame.format(), w, h, AV_PIX_FMT_BGRA,
                SWS_BILINEAR, null, null, (double[]) null);
        if (sws == null) {
            throw new IllegalStateException("cannot convert this recording's pictures");
        }
        // av_malloc: aligned as swscale's vector code expects; the plane and stride arrays have FFmpeg's four slots
        BytePointer pixels = new BytePointer(av_malloc((long) w * h * 4 + 64)).capacity((long) w * h * 4);
        PointerPointer<BytePointer> planes = new PointerPointer<>(4);
        IntPointer stride = new IntPointer(4);
        try {
            planes.put(0, pixels);
            stride.put(0, w * 4);
            sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), planes, stride);
            int[] argb = new int[w * h];
            // BGRA bytes on a little-endian machine read as ARGB ints
            pixels.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(argb);
            return new PreviewFrame(w, h, argb, at);
        } finally {
            planes.close();
            stride.close();
            av_free(pixels);
            sws_freeContext(sws);
        }
    }

    static BufferedImage image(PreviewFrame p) {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, p.width(), p.height(), p.argb(), 0, p.width());
        return img;
    }
}
