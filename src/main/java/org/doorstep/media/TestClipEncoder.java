package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes Java-drawn grey frames as an H.264 MP4, for test clips (doctor's speed test, accuracy and
 * throughput benchmarks). The bundled FFmpeg build is LGPL and has no libx264: it ships Cisco's
 * libopenh264, which is what this uses.
 */
public final class TestClipEncoder {

    /** Draws frame {@code index} into {@code grey} (width × height bytes). */
    @FunctionalInterface
    public interface Painter {
        void paint(int index, byte[] grey);
    }

    private static final List<String> H264_ENCODERS = List.of("libopenh264", "libx264", "h264");

    private TestClipEncoder() {
    }

    /** Name of the H.264 encoder this FFmpeg build offers, or null when there is none. */
    public static String h264EncoderName() {
        FfmpegNatives.load();
        for (String name : H264_ENCODERS) {
            if (avcodec_find_encoder_by_name(name) != null) {
                return name;
            }
        }
        return null;
    }

    /**
     * Encodes {@code frames} frames.
     *
     * @param gopSeconds keyframe interval (cameras typically use 1–4 s)
     * @param progress   told the index of each written frame (may be null)
     * @param cancelled  polled before each frame; stops early when true (may be null)
     */
    public static void write(Path file, int width, int height, int fps, int frames, double gopSeconds,
                             Painter painter, IntConsumer progress, BooleanSupplier cancelled) throws DecodeException {
        String encoder = h264EncoderName();
        if (encoder == null) {
            throw new DecodeException("This FFmpeg build has no H.264 encoder.");
        }
        write(encoder, file, width, height, fps, frames, gopSeconds, painter, progress, cancelled);
    }

    /** Like {@link #write} with a named encoder (e.g. hevc_nvenc on a machine with an NVIDIA GPU). */
    public static void write(String encoder, Path file, int width, int height, int fps, int frames,
                             double gopSeconds, Painter painter, IntConsumer progress, BooleanSupplier cancelled)
            throws DecodeException {
        byte[] grey = new byte[width * height];
        ByteBuffer buffer = ByteBuffer.allocateDirect(width * height);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(encoder);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize((int) Math.max(1, Math.round(gopSeconds * fps)));
            recorder.setVideoBitrate((int) Math.min(8_000_000, Math.max(200_000, (long) width * height * fps / 8)));
            recorder.setVideoOption("allow_skip_frames", "0");
            recorder.startUnsafe();
            for (int i = 0; i < frames; i++) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    break;
                }
                painter.paint(i, grey);
                buffer.clear();
                buffer.put(grey).flip();
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, AV_PIX_FMT_GRAY8, buffer);
                if (progress != null) {
                    progress.accept(i);
                }
            }
            recorder.stop();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new DecodeException("Could not write the test clip " + file.getFileName() + ".", e);
        }
    }
}
