package org.doorstep.media;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Measures what burning privacy masks in costs: a generated clip with camera-like detail and movement is decoded,
 * masked and encoded by {@link MaskingTranscoder}, and the CPU time of the working thread is compared with the
 * clip's duration. The same clip's packets are also only read (what packet copy does per packet before muxing), so
 * the two numbers compare like with like.
 */
public final class MaskingCost {

    /**
     * One measurement.
     *
     * @param encoder        FFmpeg encoder name, or "copy" for reading packets only
     * @param width          picture width
     * @param height         picture height
     * @param fps            frames per second of the clip (and so of the camera it stands for)
     * @param frames         pictures processed
     * @param cpuSeconds     CPU time of the working thread
     * @param wallSeconds    elapsed time
     * @param percentOfCore  CPU per camera: cpuSeconds over the clip's duration, in % of one core
     */
    public record Result(String encoder, int width, int height, int fps, long frames, double cpuSeconds,
                         double wallSeconds, double percentOfCore) {
    }

    private MaskingCost() {
    }

    /**
     * Writes a test clip of {@code seconds} at the given size into {@code dir} (software encoder, once), for
     * {@link #measure}.
     */
    public static Path writeClip(Path dir, int width, int height, int fps, int seconds) throws DecodeException {
        Path clip = dir.resolve("masking-" + width + "x" + height + ".mp4");
        Random noise = new Random(7);
        byte[] grain = new byte[width * height];
        noise.nextBytes(grain);
        TestClipEncoder.write(clip, width, height, fps, fps * seconds, 2.0, (i, grey) -> {
            // a lit scene with texture (sensor grain, which cameras never quite remove) and a walker crossing it
            int box = height / 4;
            int bx = (int) ((long) i * (width - box) / Math.max(1, fps * seconds - 1));
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int v = 60 + (x * 120 / width) + (grain[(row + x + i * 7) % grain.length] & 15);
                    if (x >= bx && x < bx + box && y >= height / 2 && y < height / 2 + box) {
                        v = 220;
                    }
                    grey[row + x] = (byte) v;
                }
            }
        }, null, null);
        return clip;
    }

    /** Decodes, masks and encodes every picture of {@code clip} with {@code encoder} ("copy": only reads packets). */
    public static Result measure(Path clip, String encoder, PixelMask mask) throws DecodeException {
        FfmpegNatives.load();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            int fps = (int) Math.round(grabber.getFrameRate());
            long[] frames = {0};
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            MaskingTranscoder t = "copy".equals(encoder) ? null : new MaskingTranscoder(video.codecpar(),
                    video.time_base(), video.avg_frame_rate(), mask, encoder);
            try {
                AVPacket pkt;
                while ((pkt = grabber.grabPacket()) != null) {
                    if (pkt.stream_index() != grabber.getVideoStream()) {
                        continue;
                    }
                    if (t == null) {
                        frames[0]++;
                    } else {
                        t.send(pkt, out -> frames[0]++);
                    }
                }
                if (t != null) {
                    t.flush(out -> frames[0]++);
                }
            } finally {
                if (t != null) {
                    t.close();
                }
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            double duration = frames[0] / (double) Math.max(1, fps);
            return new Result(encoder, grabber.getImageWidth(), grabber.getImageHeight(), fps, frames[0], cpu, wall,
                    duration <= 0 ? 0 : 100 * cpu / duration);
        } catch (FrameGrabber.Exception e) {
            throw new DecodeException("Cannot read the test clip " + clip.getFileName() + ".", e);
        }
    }

    /**
     * Doctor's check: a 1920x1080 15 fps clip of 2 s, masked over its left third with {@code encoder}.
     */
    public static Result measureFullHd(String encoder) throws DecodeException {
        Path dir;
        try {
            dir = Files.createTempDirectory("doorstep-masking");
        } catch (IOException e) {
            throw new DecodeException("Cannot create a temporary folder.", e);
        }
        try {
            Path clip = writeClip(dir, 1920, 1080, 15, 2);
            return measure(clip, encoder, leftThird());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }

    /** A mask over the left third of the picture (a pavement at the side, say). */
    public static PixelMask leftThird() {
        return (w, h) -> {
            byte[] keep = new byte[w * h];
            for (int y = 0; y < h; y++) {
                java.util.Arrays.fill(keep, y * w + w / 3, y * w + w, (byte) 1);
            }
            return keep;
        };
    }
}
