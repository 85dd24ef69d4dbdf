package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts a decoded frame to BGRA at the size it is shown, written by swscale straight into the target's (direct)
 * buffer: one pass over the pixels, in native code. BGRA in memory is JavaFX's IntArgbPre on little-endian
 * machines (video is opaque, so premultiplied or not makes no difference). A frame still in GPU memory is copied
 * down first. Keeps its swscale context while sizes and formats stay the same. Not thread-safe.
 */
public final class BgraScaler implements AutoCloseable {
    private final AVFrame transfer;
    private final PointerPointer<BytePointer> planes = new PointerPointer<>(4);
    private final IntPointer strides = new IntPointer(4);
    private SwsContext sws;
    private boolean closed;

    public BgraScaler() {
        FfmpegNatives.load();
        transfer = av_frame_alloc();
    }

    /**
     * Scales {@code decoded} to {@code width × height} BGRA into {@code target} (direct, at least
     * {@code width * height * 4} bytes from its position 0; the position and limit are not changed).
     *
     * @throws DecodeException when a hardware frame cannot be copied down or the pixel format cannot be converted
     */
    public void scale(AVFrame decoded, ByteBuffer target, int width, int height) throws DecodeException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty target size " + width + "x" + height);
        }
        if (!target.isDirect() || target.capacity() < (long) width * height * 4) {
            throw new IllegalArgumentException("the target must be a direct buffer of width*height*4 bytes");
        }
        AVFrame source = decoded;
        if (decoded.hw_frames_ctx() != null) {
            av_frame_unref(transfer);
            int r = av_hwframe_transfer_data(transfer, decoded, 0);
            if (r < 0) {
                throw new DecodeException("Copying a frame from the graphics card failed: " + FfmpegErrors.text(r));
            }
            source = transfer;
        }
        try {
            int w = source.width();
            int h = source.height();
            // bilinear: area averaging is nicer for big reductions, but costs twice the CPU per tile
            sws = sws_getCachedContext(sws, w, h, source.format(), width, height, AV_PIX_FMT_BGRA, SWS_BILINEAR,
                    null, null, (DoublePointer) null);
            if (sws == null) {
                throw new DecodeException("Cannot convert this video's pixel format (" + source.format()
                        + ") for display.");
            }
            // wraps the buffer's memory (no copy); position 0 whatever the buffer's own position is
            planes.put(0, new BytePointer(target).position(0));
            strides.put(0, width * 4);
            sws_scale(sws, source.data(), source.linesize(), 0, h, planes, strides);
        } finally {
            if (source == transfer) {
                av_frame_unref(transfer);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        av_frame_free(transfer);
        planes.close();
        strides.close();
    }
}
