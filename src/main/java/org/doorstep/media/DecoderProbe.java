package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_configuration;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_license;
import static org.bytedeco.ffmpeg.global.avutil.av_version_info;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds out which hardware decoders really work here by decoding a clip with each, and measures
 * decode speed. "Works" means: the device opened, the decoder produced the requested frames, they came
 * from the hardware, and nothing fell back to software on the way.
 */
public final class DecoderProbe {

    /** What this FFmpeg build is. */
    public record Build(String version, String license, String configuration, String h264Encoder) {
    }

    /**
     * Outcome for one decoder.
     *
     * @param id        accelerator id ("software" for the CPU decoder)
     * @param label     readable name
     * @param works     verified by decoding
     * @param reason    why not (null when it works)
     * @param decodeFps decoded + scaled frames per wall-clock second (NaN when not measured)
     * @param cpuPerFrameMillis CPU time of the decoding thread per frame (NaN when not measured)
     */
    public record Result(String id, String label, boolean works, String reason, double decodeFps,
                         double cpuPerFrameMillis) {
    }

    public static final String SOFTWARE = "software";
    private static final int VERIFY_FRAMES = 5;

    private final Path clip;

    /** @param clip an H.264 test clip, e.g. from {@link #writeTestClip} */
    public DecoderProbe(Path clip) {
        this.clip = clip;
    }

    public static Build build() {
        FfmpegNatives.load();
        String encoder = TestClipEncoder.h264EncoderName();
        return new Build(av_version_info().getString(), avcodec_license().getString(),
                avcodec_configuration().getString(), encoder);
    }

    /** Writes a short clip with moving content (1280×720, 30 fps, 2 s, 1 s keyframe interval). */
    public static Path writeTestClip(Path dir) throws DecodeException {
        return writeTestClip(dir.resolve("doorstep-probe-720p.mp4"), 1280, 720, 30, 60);
    }

    public static Path writeTestClip(Path file, int width, int height, int fps, int frames) throws DecodeException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new DecodeException("Cannot create " + file.getParent() + ".", e);
        }
        TestClipEncoder.write(file, width, height, fps, frames, 1.0, (index, grey) -> {
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int v = ((x + y + index * 8) / 24) % 2 == 0 ? 60 : 190;
                    v += ((x * 31 + y * 17 + index * 7) & 15);
                    grey[row + x] = (byte) v;
                }
            }
        }, null, null);
        return file;
    }

    /** Verifies one accelerator by decoding a few frames of the clip. */
    public Result verify(HwAccel accel) {
        GreyFrameDecoder.Options options = GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0)
                .withHwAccels(List.of(accel));
        try (GreyFrameDecoder decoder = GreyFrameDecoder.open(clip.toString(), options)) {
            if (decoder.activeHwAccel() != accel) {
                return fail(accel, firstReason(decoder.hwFailures(), accel));
            }
            GreyFrame frame = new GreyFrame();
            int n = 0;
            while (n < VERIFY_FRAMES && decoder.next(frame)) {
                n++;
            }
            if (decoder.fallbackReason() != null) {
                return fail(accel, decoder.fallbackReason());
            }
            if (n < VERIFY_FRAMES) {
                return fail(accel, "decoded only " + n + " of " + VERIFY_FRAMES + " frames");
            }
            if (accel.deviceType() != org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE
                    && decoder.stats().hwFrames() == 0) {
                return fail(accel, "FFmpeg decoded in software instead");
            }
            return new Result(accel.id(), accel.label(), true, null, Double.NaN, Double.NaN);
        } catch (DecodeException e) {
            return fail(accel, e.getMessage());
        } catch (RuntimeException e) {
            return fail(accel, e.toString());
        }
    }

    /**
     * Verifies the given accelerators (platform candidates normally), then measures the decode speed
     * of software and of each one that works.
     *
     * @param progress told a short line before each step (may be null)
     */
    public List<Result> probeAll(List<HwAccel> candidates, boolean measure, Consumer<String> progress) {
        List<Result> out = new ArrayList<>();
        out.add(measure ? measure(null) : new Result(SOFTWARE, "Software (CPU)", true, null, Double.NaN, Double.NaN));
        for (HwAccel accel : candidates) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (progress != null) {
                progress.accept(accel.id());
            }
            Result r = verify(accel);
            out.add(r.works() && measure ? measure(accel) : r);
        }
        return out;
    }

    /** Accelerators among {@code results} that work, in their order. */
    public static List<HwAccel> working(List<Result> results) {
        List<HwAccel> out = new ArrayList<>();
        for (Result r : results) {
            if (r.works() && !SOFTWARE.equals(r.id())) {
                HwAccel.byId(r.id()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Decodes the whole clip (every frame, scaled to small grey) and measures frames per second. */
    public Result measure(HwAccel accel) {
        String id = accel == null ? SOFTWARE : accel.id();
        String label = accel == null ? "Software (CPU)" : accel.label();
        GreyFrameDecoder.Options options = GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0)
                .withHwAccels(accel == null ? List.of() : List.of(accel));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        try (GreyFrameDecoder decoder = GreyFrameDecoder.open(clip.toString(), options)) {
            GreyFrame frame = new GreyFrame();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = 0;
            while (decoder.next(frame)) {
                n++;
            }
            long wall = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            if (accel != null && (decoder.activeHwAccel() != accel || decoder.fallbackReason() != null)) {
                return fail(accel, decoder.fallbackReason() != null ? decoder.fallbackReason()
                        : firstReason(decoder.hwFailures(), accel));
            }
            return new Result(id, label, n > 0, n > 0 ? null : "no frames decoded", n * 1e9 / Math.max(1, wall),
                    n > 0 ? cpu / 1e6 / n : Double.NaN);
        } catch (DecodeException e) {
            return new Result(id, label, false, e.getMessage(), Double.NaN, Double.NaN);
        }
    }

    private static Result fail(HwAccel accel, String reason) {
        return new Result(accel.id(), accel.label(), false, reason, Double.NaN, Double.NaN);
    }

    private static String firstReason(List<String> failures, HwAccel accel) {
        String prefix = accel.id() + ": ";
        for (String f : failures) {
            if (f.startsWith(prefix)) {
                return f.substring(prefix.length());
            }
        }
        return "not available";
    }
}
