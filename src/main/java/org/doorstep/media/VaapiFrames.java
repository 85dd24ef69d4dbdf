package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy_props;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_init;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWFramesContext;

/**
 * The GPU picture pool a VAAPI encoder takes its input from: unlike NVENC or Quick Sync, {@code h264_vaapi} does not
 * accept pictures in main memory, so every masked NV12 picture is uploaded into a VAAPI surface first (the flow of
 * FFmpeg's {@code doc/examples/vaapi_encode.c}). Untested on real hardware in this project (no VAAPI GPU was at
 * hand); any failure surfaces as a {@link DecodeException}, on which the recorder falls back to the software encoder.
 */
final class VaapiFrames implements AutoCloseable {

    private final AVBufferRef device;
    private final AVBufferRef frames;
    private final AVFrame surface = av_frame_alloc();

    private VaapiFrames(AVBufferRef device, AVBufferRef frames) {
        this.device = device;
        this.frames = frames;
    }

    /** Opens the default VAAPI device and a pool of NV12 surfaces of the given size. */
    static VaapiFrames open(int width, int height) throws DecodeException {
        FfmpegNatives.load();
        AVBufferRef device = new AVBufferRef(null);
        int r = av_hwdevice_ctx_create(device, AV_HWDEVICE_TYPE_VAAPI, (String) null, null, 0);
        if (r < 0) {
            throw new DecodeException("No VAAPI device: " + FfmpegErrors.text(r));
        }
        AVBufferRef frames = av_hwframe_ctx_alloc(device);
        if (frames == null || frames.isNull()) {
            av_buffer_unref(device);
            throw new DecodeException("Out of memory while preparing the VAAPI encoder.");
        }
        AVHWFramesContext pool = new AVHWFramesContext(frames.data());
        pool.format(AV_PIX_FMT_VAAPI);
        pool.sw_format(AV_PIX_FMT_NV12);
        pool.width(width);
        pool.height(height);
        pool.initial_pool_size(20);
        r = av_hwframe_ctx_init(frames);
        if (r < 0) {
            av_buffer_unref(frames);
            av_buffer_unref(device);
            throw new DecodeException("The VAAPI device has no picture pool of " + width + "x" + height + ": "
                    + FfmpegErrors.text(r));
        }
        return new VaapiFrames(device, frames);
    }

    /** Makes {@code encoder} take VAAPI surfaces from this pool (before it is opened). */
    void attach(AVCodecContext encoder) {
        encoder.pix_fmt(AV_PIX_FMT_VAAPI);
        encoder.hw_frames_ctx(av_buffer_ref(frames));
    }

    /**
     * Copies an NV12 picture into a surface, with its timestamp and picture type; the surface stays valid until the
     * next call (the encoder holds its own reference once it took it).
     */
    AVFrame upload(AVFrame nv12) throws DecodeException {
        av_frame_unref(surface);
        int r = av_hwframe_get_buffer(frames, surface, 0);
        if (r < 0) {
            throw new DecodeException("No free VAAPI surface: " + FfmpegErrors.text(r));
        }
        r = av_hwframe_transfer_data(surface, nv12, 0);
        if (r < 0) {
            throw new DecodeException("Cannot upload a picture to the VAAPI device: " + FfmpegErrors.text(r));
        }
        av_frame_copy_props(surface, nv12);
        return surface;
    }

    @Override
    public void close() {
        av_frame_free(surface);
        av_buffer_unref(frames);
        av_buffer_unref(device);
    }
}
