package org.doorstep.usecase.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.doorstep.Launcher;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.InputOptions;
import org.doorstep.media.RtspTransport;
import org.doorstep.media.TestClipEncoder;
import org.doorstep.media.VideoDecoder;
import org.doorstep.media.Size;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.privacy.CameraCredentials;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.sim.BundledFfmpegProcess;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU of the live view, software decoding: 4 and 16 grid tiles from the virtual doorbell's sub stream (640x360,
 * 15 fps) and one single view of its main stream at 1920x1080, decoded and scaled to BGRA at the tile's size, and the
 * time from opening a stream to its first frame. The doorbell runs in its own process, so this process's CPU time
 * is the live view's. The same decode+scale job by the ffmpeg program (bytedeco's build) is measured alongside.
 * JavaFX drawing is not included (the targets only count frames).
 *
 * <p>Run: {@code ./mvnw -o -q -Pbench test -Dtest=LiveBenchmark}
 */
@Tag("bench")
class LiveBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final int MAIN_W = 1920;
    private static final int MAIN_H = 1080;

    @TempDir
    Path dir;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void liveTilesAndSingleView() throws Exception {
        Path cache = Path.of("target", "sim-cache").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process doorbell = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LiveBenchDoorbell.class.getName(), Integer.toString(MAIN_W), Integer.toString(MAIN_H),
                cache.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (Workspace workspace = new Launcher().open(dir.resolve("data"), "live benchmark")) {
            System.out.println("LiveBenchmark: starting the virtual doorbell (" + MAIN_W + "x" + MAIN_H
                    + " main, 640x360 sub, 15 fps; the first run renders the scene at that size)");
            String[] urls = readUrls(doorbell);
            for (int i = 1; i <= 16; i++) {
                workspace.catalog().add(new CameraCatalog.ByAddress("Cam " + i, urls[0], urls[1], null, null, null));
            }
            LiveView live = new LiveView(workspace.catalog(),
                    new CameraCredentials(new CredentialVault(dir.resolve("keys"))), AddressPolicy.lanOnly(),
                    List::of);
            System.out.printf(Locale.ROOT, "LiveBenchmark: %d CPUs; idle JVM %.1f %% of one core%n",
                    Runtime.getRuntime().availableProcessors(), idleCpu());
            String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);

            Result four = measure(live, 4, Quality.SUB, new Size(632, 356));
            Result four2 = ffmpeg(ffmpeg, urls[1], 4, four.size, 1);
            Result sixteen = measure(live, 16, Quality.SUB, new Size(316, 178));
            Result sixteen2 = ffmpeg(ffmpeg, urls[1], 16, sixteen.size, 1);
            Result single = measure(live, 1, Quality.MAIN, new Size(MAIN_W, MAIN_H));
            Result single2 = ffmpeg(ffmpeg, urls[0], 1, single.size, 2);

            Path clip = dir.resolve("noisy-1080p.mp4");
            int frames = 90;
            long s0 = System.nanoTime();
            encodeNoisyClip(clip, frames);
            System.out.printf(Locale.ROOT, "LiveBenchmark: encoded a noisy %dx%d clip (%d frames) in %.1f s%n", MAIN_W,
                    MAIN_H, frames, (System.nanoTime() - s0) / 1e9);
            double noisy = clipCostAt15(clip, new Size(MAIN_W, MAIN_H), 2);
            double noisy2 = ffmpegClipCostAt15(ffmpeg, clip, new Size(MAIN_W, MAIN_H), 2, frames);

            System.out.println();
            System.out.println("| live view (software decode) | shown at | Doorstep CPU (% of one core) | fps per view"
                    + " | open to first frame (median / max) | ffmpeg CLI same job CPU | ffmpeg fps |");
            System.out.println("|---|---|---|---|---|---|---|");
            print("4 tiles, sub 640x360@15", four, four2);
            print("16 tiles, sub 640x360@15", sixteen, sixteen2);
            print("1 single view, main " + MAIN_W + "x" + MAIN_H + "@15", single, single2);
            System.out.printf(Locale.ROOT, "| 1 single view, noisy %dx%d clip (sensor noise + a moving block), CPU per"
                    + " frame x 15 fps | %dx%d | %.1f | (as fast as it decodes) | - | %.1f | - |%n", MAIN_W, MAIN_H,
                    MAIN_W, MAIN_H, noisy, noisy2);
        } finally {
            doorbell.getOutputStream().close();
            if (!doorbell.waitFor(10, TimeUnit.SECONDS)) {
                doorbell.destroyForcibly();
            }
        }
    }

    record Result(Size size, double cpuPercent, double fpsPerView, long firstMedianMs, long firstMaxMs) {
    }

    private static void print(String what, Result d, Result f) {
        System.out.printf(Locale.ROOT, "| %s | %dx%d | %.1f | %.1f | %d ms / %d ms | %.1f | %.1f |%n", what,
                d.size.width(), d.size.height(), d.cpuPercent, d.fpsPerView, d.firstMedianMs, d.firstMaxMs,
                f.cpuPercent, f.fpsPerView);
    }

    private Result measure(LiveView live, int views, Quality quality, Size box) throws Exception {
        List<CountingTarget> targets = new ArrayList<>();
        List<LiveStream> streams = new ArrayList<>();
        for (int i = 1; i <= views; i++) {
            CountingTarget t = new CountingTarget(box);
            targets.add(t);
            streams.add(live.open("Cam " + i, quality, t));
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (targets.stream().anyMatch(t -> t.frames == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Long> firsts = targets.stream().map(t -> t.firstFrameMs()).sorted().toList();
            Thread.sleep(WARM_UP.toMillis());
            long frames0 = targets.stream().mapToLong(t -> t.frames).sum();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            long frames1 = targets.stream().mapToLong(t -> t.frames).sum();
            double seconds = (t1 - t0) / 1e9;
            Size shown = targets.get(0).shown;
            return new Result(shown, 100.0 * (cpu1 - cpu0) / (t1 - t0), (frames1 - frames0) / seconds / views,
                    firsts.get(firsts.size() / 2), firsts.get(firsts.size() - 1));
        } finally {
            for (LiveStream s : streams) {
                s.close();
            }
            for (LiveStream s : streams) {
                s.awaitClosed(Duration.ofSeconds(5));
            }
        }
    }

    /** {@code n} ffmpeg processes decoding {@code url} and scaling to BGRA at {@code size}, discarding the result. */
    private Result ffmpeg(String exe, String url, int n, Size size, int threads) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Path log = Files.createTempFile(dir, "ffmpeg", ".log");
                logs.add(log);
                ProcessBuilder pb = new ProcessBuilder(exe, "-hide_banner", "-nostats", "-loglevel", "error",
                        "-threads", Integer.toString(threads), "-rtsp_transport", "tcp", "-i", url, "-an",
                        "-filter_threads", "1", "-vf", "scale=" + size.width() + ":" + size.height()
                        + ":flags=bilinear,format=bgra", "-progress", "pipe:1", "-f", "null", "-");
                BundledFfmpegProcess.withLibraries(pb, exe);
                pb.redirectOutput(log.toFile());
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                processes.add(pb.start());
            }
            Thread.sleep(WARM_UP.toMillis() + 2000);
            long cpu0 = cpuOf(processes);
            long frames0 = framesOf(logs);
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            long cpu1 = cpuOf(processes);
            long frames1 = framesOf(logs);
            long t1 = System.nanoTime();
            return new Result(size, 100.0 * (cpu1 - cpu0) / (t1 - t0), (frames1 - frames0) / ((t1 - t0) / 1e9) / n,
                    0, 0);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * A clip with what real cameras send and the rendered porch lacks: sensor noise on every pixel (so every frame
     * is expensive to decode) and something moving.
     */
    private static void encodeNoisyClip(Path clip, int frames) throws Exception {
        java.util.Random random = new java.util.Random(7);
        TestClipEncoder.write(clip, MAIN_W, MAIN_H, 15, frames, 1.0, (index, grey) -> {
            for (int y = 0; y < MAIN_H; y++) {
                int row = y * MAIN_W;
                for (int x = 0; x < MAIN_W; x++) {
                    int base = ((x / 8 + y / 8) & 1) == 0 ? 90 : 150;
                    boolean block = x >= index * 16 && x < index * 16 + 200 && y >= 400 && y < 700;
                    grey[row + x] = (byte) ((block ? 230 : base) + random.nextInt(13) - 6);
                }
            }
        }, null, null);
    }

    /** Process CPU per decoded+scaled frame of {@code clip}, as % of one core at 15 frames a second. */
    private double clipCostAt15(Path clip, Size box, int threads) throws Exception {
        VideoDecoder.Options options = new VideoDecoder.Options(
                InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(10), Duration.ofSeconds(10)), List.of(),
                threads);
        CountingTarget target = new CountingTarget(box);
        long cpu0 = os.getProcessCpuTime();
        try (VideoDecoder decoder = VideoDecoder.open(clip.toString(), options)) {
            while (decoder.next(target)) {
                // count only
            }
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        return 100.0 * cpu / 1e9 / target.frames * 15;
    }

    /** The same for the ffmpeg program (its -benchmark user+system time). */
    private double ffmpegClipCostAt15(String exe, Path clip, Size box, int threads, int frames) throws Exception {
        Path log = Files.createTempFile(dir, "ffmpeg-bench", ".log");
        ProcessBuilder pb = new ProcessBuilder(exe, "-hide_banner", "-nostats", "-benchmark", "-threads",
                Integer.toString(threads), "-i", clip.toString(), "-an", "-filter_threads", "1", "-vf",
                "scale=" + box.width() + ":" + box.height() + ":flags=bilinear,format=bgra", "-f", "null", "-");
        BundledFfmpegProcess.withLibraries(pb, exe);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Double.NaN;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s")
                .matcher(Files.readString(log));
        if (!m.find()) {
            return Double.NaN;
        }
        double cpu = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        return 100.0 * cpu / frames * 15;
    }

    private static long cpuOf(List<Process> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** The latest "frame=" of each process's -progress output, summed. */
    private static long framesOf(List<Path> logs) throws Exception {
        long sum = 0;
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("frame=")) {
                    sum += Long.parseLong(lines.get(i).substring(6).trim());
                    break;
                }
            }
        }
        return sum;
    }

    private double idleCpu() throws InterruptedException {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(3000);
        return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    private static String[] readUrls(Process doorbell) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(doorbell.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    if (l.startsWith("RTSP ")) {
                        return l;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String l = line.get(15, TimeUnit.MINUTES);
        if (l == null) {
            throw new IllegalStateException("the virtual doorbell did not start");
        }
        String[] parts = l.split(" ");
        return new String[] {parts[1], parts[2]};
    }

    /** Counts frames; remembers when the first came. */
    static final class CountingTarget implements FrameTarget {
        private final Size box;
        private final long opened = System.nanoTime();
        private ByteBuffer buffer;
        volatile Size shown = Size.NONE;
        volatile long frames;
        volatile long firstAt;

        CountingTarget(Size box) {
            this.box = box;
        }

        long firstFrameMs() {
            return firstAt == 0 ? -1 : (firstAt - opened) / 1_000_000;
        }

        @Override
        public Size wanted() {
            return box;
        }

        @Override
        public ByteBuffer acquire(int width, int height) {
            if (buffer == null || buffer.capacity() < width * height * 4) {
                buffer = ByteBuffer.allocateDirect(width * height * 4);
            }
            shown = new Size(width, height);
            return buffer;
        }

        @Override
        public void publish() {
            if (frames == 0) {
                firstAt = System.nanoTime();
            }
            frames++;
        }
    }
}
