package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * The H.264 encoders a masked camera's re-encoding may use, hardware first, and which of them open on this machine.
 *
 * <p>Hardware encoders (NVENC, Quick Sync, VAAPI, VideoToolbox, MediaFoundation) cost almost no CPU, but whether
 * one works depends on the GPU and its driver, so each is verified by opening it once. The software fallback is
 * Cisco's libopenh264, which the bundled LGPL FFmpeg build ships (it has no libx264, which is GPL). VAAPI takes its
 * pictures from a GPU surface pool ({@link VaapiFrames}), so its probe opens one too.
 */
public final class H264Encoders {

    /** The software encoder of the bundled FFmpeg build (LGPL). */
    public static final String SOFTWARE = "libopenh264";

    /** Candidates in order of preference: hardware first, then software. */
    public static final List<String> CANDIDATES = List.of("h264_nvenc", "h264_qsv", "h264_vaapi",
            "h264_videotoolbox", "h264_mf", SOFTWARE);

    /**
     * One candidate's verdict.
     *
     * @param name    FFmpeg encoder name
     * @param hardware whether it runs on a GPU or media engine
     * @param works   whether it opened here
     * @param reason  why it does not work (null when it does)
     */
    public record Result(String name, boolean hardware, boolean works, String reason) {
    }

    private H264Encoders() {
    }

    /** Tries every candidate; about a second where GPUs are absent (each hardware open fails fast). */
    public static List<Result> probeAll() {
        FfmpegNatives.load();
        List<Result> out = new ArrayList<>();
        for (String name : CANDIDATES) {
            out.add(probe(name));
        }
        return out;
    }

    /** The first working candidate's name, or null when not even the software encoder opens. */
    public static String choose(List<Result> results) {
        for (Result r : results) {
            if (r.works()) {
                return r.name();
            }
        }
        return null;
    }

    /** Opens {@code name} for a small picture and closes it again. */
    public static Result probe(String name) {
        FfmpegNatives.load();
        boolean hardware = !SOFTWARE.equals(name);
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null || codec.isNull()) {
            return new Result(name, hardware, false, "not in this FFmpeg build");
        }
        if ((name.endsWith("_qsv") || name.endsWith("_vaapi")) && !DecoderSetup.hasRenderNode()) {
            // checked before opening: libmfx's failure messages crash FFmpeg's log formatting (seen here)
            return new Result(name, true, false, "no GPU render device in /dev/dri");
        }
        if (name.endsWith("_nvenc") && !NvidiaDevices.present()) {
            return new Result(name, true, false, "no NVIDIA driver found");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        VaapiFrames vaapi = null;
        try {
            ctx.width(640);
            ctx.height(360);
            ctx.pix_fmt(pixelFormatFor(name));
            ctx.time_base(av_make_q(1, 15));
            ctx.framerate(av_make_q(15, 1));
            ctx.gop_size(30);
            ctx.max_b_frames(0);
            ctx.bit_rate(500_000);
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            if (name.endsWith("_vaapi")) {
                try {
                    vaapi = VaapiFrames.open(640, 360);
                } catch (DecodeException e) {
                    return new Result(name, true, false, e.getMessage());
                }
                vaapi.attach(ctx);
            }
            // FFmpeg's messages are not captured here: formatting them from Java (FfmpegLog) crashed the JVM in
            // vsnprintf for encoder messages (libopenh264's, libmfx's), so the reason is the error code's text and
            // the driver checks above
            int r = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (r < 0) {
                return new Result(name, hardware, false, "does not open here: " + FfmpegErrors.text(r));
            }
            return new Result(name, hardware, true, null);
        } finally {
            avcodec_free_context(ctx);
            if (vaapi != null) {
                vaapi.close();
            }
        }
    }

    /**
     * The software pixel format each encoder takes: NV12 for Quick Sync, MediaFoundation, VideoToolbox and VAAPI
     * (whose NV12 pictures are then uploaded to the GPU).
     */
    static int pixelFormatFor(String name) {
        return name.endsWith("_qsv") || name.endsWith("_mf") || name.endsWith("_videotoolbox")
                || name.endsWith("_vaapi")
                ? AV_PIX_FMT_NV12 : AV_PIX_FMT_YUV420P;
    }
}
