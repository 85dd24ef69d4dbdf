package org.doorstep.motion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.doorstep.media.DecoderProbe;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwDevices;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.doorstep.sim.BundledFfmpegProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decode + detect throughput in frames per second per core (thread CPU time) for a 640×360 and a
 * 1920×1080 H.264 stream, in software and with each working hardware decoder; and the CPU share of 16
 * sub streams (640×360, 15 fps) analysed at 5 fps. Targets (issue 15): 3,000 source frames per core-second for the
 * 640×360 stream (software), and the 16 sub streams at most 10 % of one core in total.
 * Run: {@code ./mvnw -Pbench test -Dtest=MotionThroughputBenchmark}.
 */
@Tag("bench")
class MotionThroughputBenchmark {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final MotionListener NOBODY = new MotionListener() {
    };

    @TempDir
    Path dir;

    private record Measured(long sourceFrames, long analysed, double cpuSeconds, double wallSeconds, String hw) {
    }

    private static Measured run(Path clip, GreyFrameDecoder.Options options) throws Exception {
        long cpu0 = MX.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long[] decoded = new long[1];
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), options, DetectorSettings.DEFAULT,
                EventSettings.DEFAULT, NOBODY, Duration.ofSeconds(1));
        pipeline.runFile(Instant.EPOCH);
        long cpu = MX.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - t0;
        // source frames: count them once with a plain decode (cheap relative to the run)
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(), options.withKeyframesOnly(false))) {
            decoded[0] = Math.round(d.sourceFps() * durationSeconds(clip));
        }
        return new Measured(decoded[0], pipeline.stats().analysed(), cpu / 1e9, wall / 1e9, pipeline.stats().hwAccel());
    }

    private static double durationSeconds(Path clip) {
        String name = clip.getFileName().toString();
        return Double.parseDouble(name.substring(name.lastIndexOf('-') + 1, name.indexOf("s.mp4")));
    }

    @Test
    void throughput() throws Exception {
        double subSeconds = 30;
        double mainSeconds = 8;
        long t0 = System.nanoTime();
        Path sub = ScenarioClip.write(Scenario.walking(subSeconds, 2, 10), dir.resolve("sub-640x360-"
                + (int) subSeconds + "s.mp4"), 640, 360, 15, 2.0);
        Path main = ScenarioClip.write(Scenario.walking(mainSeconds, 1, 10), dir.resolve("main-1920x1080-"
                + (int) mainSeconds + "s.mp4"), 1920, 1080, 15, 2.0);
        System.out.printf("clips written in %.1f s (640x360 %ds, 1920x1080 %ds, 15 fps, GOP 2 s, libopenh264)%n",
                (System.nanoTime() - t0) / 1e9, (int) subSeconds, (int) mainSeconds);

        List<HwAccel> working = DecoderProbe.working(new DecoderProbe(sub)
                .probeAll(HwAccel.candidatesForThisPlatform(), false, null));
        List<List<HwAccel>> decoders = new ArrayList<>();
        decoders.add(List.of());
        working.forEach(a -> decoders.add(List.of(a)));
        System.out.println("hardware decoders that work here: " + (working.isEmpty() ? "none" : working));

        for (Path clip : List.of(sub, main)) {
            ffmpegAlone(clip);
        }

        // the hardware devices are shared, as MotionService shares them between its cameras: a CUDA context is made
        // once, here in the warm-up, and not in every measured row (it costs about 0.2 cpu-s each time)
        try (HwDevices shared = new HwDevices()) {
            table(sub, main, decoders, GreyFrameDecoder.Options.DEFAULT.withDevices(shared), subSeconds);
        }
    }

    private static void table(Path sub, Path main, List<List<HwAccel>> decoders, GreyFrameDecoder.Options base,
                              double subSeconds) throws Exception {
        run(sub, base.withAnalysisFps(0)); // JIT warm-up
        for (List<HwAccel> hw : decoders) {
            run(sub, base.withHwAccels(hw).withKeyframesOnly(true).withAnalysisFps(0)); // each device made once
        }

        System.out.printf("%n%-10s %-9s %-28s %10s %12s %12s %10s%n", "stream", "decoder", "mode",
                "frames", "fps/core", "analysed/s", "core %");
        for (Path clip : List.of(sub, main)) {
            String stream = clip == sub ? "640x360" : "1920x1080";
            for (List<HwAccel> hw : decoders) {
                GreyFrameDecoder.Options o = base.withHwAccels(hw);
                row(stream, clip, "every frame", o.withAnalysisFps(0));
                row(stream, clip, "5 fps analysis", o);
                row(stream, clip, "5 fps, whole GOPs decoded", o.withSkipRestOfGop(false));
                row(stream, clip, "5 fps, no deblocking", o.withFastDecode(true));
                row(stream, clip, "keyframes only", o.withKeyframesOnly(true).withAnalysisFps(0));
            }
        }

        for (boolean fast : new boolean[] {false, true}) {
            sixteenStreams(sub, subSeconds, base.withFastDecode(fast), fast ? "5 fps, no deblocking" : "5 fps");
        }
        sixteenStreams(sub, subSeconds, base.withSkipRestOfGop(false), "5 fps, whole GOPs decoded");
        if (decoders.size() > 1) {
            List<HwAccel> first = decoders.get(1);
            sixteenStreams(sub, subSeconds, base.withHwAccels(first), "5 fps, " + first.get(0).id());
        }
    }

    /** Best of three runs, as {@link #ffmpegAlone} takes FFmpeg's: one run of a short clip moves by a tenth. */
    private static void row(String stream, Path clip, String mode, GreyFrameDecoder.Options o) throws Exception {
        Measured m = run(clip, o);
        for (int i = 1; i < 3; i++) {
            Measured again = run(clip, o);
            m = again.cpuSeconds() < m.cpuSeconds() ? again : m;
        }
        double seconds = durationSeconds(clip);
        System.out.printf("%-10s %-9s %-28s %10d %12.0f %12.0f %9.2f%%%n", stream, m.hw(), mode, m.sourceFrames(),
                m.sourceFrames() / m.cpuSeconds(), m.analysed() / m.cpuSeconds(), 100 * m.cpuSeconds() / seconds);
    }

    /**
     * The floor for "decode + detect": FFmpeg alone decoding the same clip on one thread into nothing (its own CPU
     * time, user + system, start-up included), best of three.
     */
    private static void ffmpegAlone(Path clip) throws Exception {
        String exe = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder(exe, "-nostdin", "-hide_banner", "-threads", "1", "-benchmark", "-i",
                    clip.toString(), "-f", "null", "-").redirectErrorStream(true);
            BundledFfmpegProcess.withLibraries(pb, exe);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s").matcher(out);
            if (m.find()) {
                best = Math.min(best, Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)));
            }
        }
        if (best == Double.MAX_VALUE) {
            System.out.println("ffmpeg -benchmark printed no CPU time for " + clip.getFileName());
            return;
        }
        long frames;
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(), GreyFrameDecoder.Options.DEFAULT)) {
            frames = Math.round(d.sourceFps() * durationSeconds(clip));
        }
        System.out.printf("FFmpeg alone, decoding %s on one thread to nothing: %.0f frames per core-second (%.3f "
                + "cpu-s for %d frames, start-up included)%n", clip.getFileName(), frames / best, best, frames);
    }

    /** 16 cameras' sub streams analysed; CPU time summed over all of them. */
    private static void sixteenStreams(Path sub, double seconds, GreyFrameDecoder.Options options, String mode)
            throws Exception {
        // one worker: CPU time per stream is what counts; a shared machine's other load would only add noise
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            List<Future<Measured>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> run(sub, options)));
            }
            double cpu = 0;
            long analysed = 0;
            for (Future<Measured> f : futures) {
                Measured m = f.get();
                cpu += m.cpuSeconds();
                analysed += m.analysed();
            }
            System.out.printf("%n16 sub streams (640x360, 15 fps source, %s): %.2f CPU-s for %.0f s of video "
                            + "-> %.1f %% of one core in total (target ≤ 10 %%, issue 15), %d frames analysed%n",
                    mode, cpu, seconds, 100 * cpu / seconds, analysed);
        } finally {
            pool.shutdownNow();
        }
    }
}
