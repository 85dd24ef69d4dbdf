package org.doorstep.record;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.doorstep.sim.BundledFfmpegProcess;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-process comparison on the same live stream: Doorstep recording N cameras in one JVM (SerialGC, capped heap,
 * encryption on) vs. N FFmpeg CLI copy-segmenters, for N = 1, 4, 16. Prints CPU seconds per stream-hour and
 * resident memory (from /proc), and the ratios. Run: ./mvnw -Pbench test -Dtest=RecordingBench
 */
@Tag("bench")
class RecordingBench {
    private static final long CLK_TCK = 100; // USER_HZ on Linux
    private static final int WINDOW_S = Integer.getInteger("bench.window", 60);
    private static final int SETTLE_S = Integer.getInteger("bench.settle", 20);

    @TempDir
    Path dir;

    record Sample(double cpuSeconds, long rssBytes) {}

    static Sample sample(List<Long> pids) throws Exception {
        double cpu = 0;
        long rss = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK; // utime + stime
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        }
        return new Sample(cpu, rss);
    }

    record Result(double cpuPerStreamHour, long rssTotal) {}

    private Result measure(List<Process> procs, int n) throws Exception {
        Thread.sleep(SETTLE_S * 1000L);
        List<Long> pids = procs.stream().map(Process::pid).toList();
        Sample a = sample(pids);
        long t0 = System.nanoTime();
        Thread.sleep(WINDOW_S * 1000L);
        Sample b = sample(pids);
        double secs = (System.nanoTime() - t0) / 1e9;
        for (Process p : procs) {
            if (!p.isAlive()) {
                throw new AssertionError("a recorder died during the measurement");
            }
        }
        return new Result((b.cpuSeconds() - a.cpuSeconds()) / n * 3600 / secs, b.rssBytes());
    }

    private Result doorstep(VirtualDoorbell bell, int n) throws Exception {
        Path data = dir.resolve("doorstep-" + n);
        try (RecordTestSupport setup = new RecordTestSupport(data, 60, 0)) {
            for (int i = 0; i < n; i++) {
                setup.addCamera("cam" + i, bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            }
        }
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaExe, "-XX:+UseSerialGC", "-Xmx128m", "-Xss512k", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), RecorderProcess.class.getName(), data.toString(), "60");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int recording = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (recording < n && System.nanoTime() < end) {
                String line = r.readLine();
                if (line == null) {
                    throw new AssertionError("recorder ended");
                }
                if (line.startsWith("RECORDING")) {
                    recording++;
                }
            }
            Thread drain = new Thread(() -> {
                try {
                    r.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException ignored) {
                    // process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return measure(List.of(p), n);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private Result ffmpeg(VirtualDoorbell bell, int n) throws Exception {
        String exe = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<Process> procs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Path out = Files.createDirectories(dir.resolve("ffmpeg-" + n + "-" + i));
                ProcessBuilder pb = new ProcessBuilder(exe, "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp",
                        "-i", bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(), "-c", "copy", "-f", "segment",
                        "-segment_time", "60", "-reset_timestamps", "1", out.resolve("seg%03d.mp4").toString());
                BundledFfmpegProcess.withLibraries(pb, exe);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                procs.add(pb.start());
            }
            return measure(procs, n);
        } finally {
            for (Process p : procs) {
                p.destroy();
            }
            for (Process p : procs) {
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void doorstepVersusFfmpegCli() throws Exception {
        int[] ns = {1, 4, 16};
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withSizes(1920, 1080, 640, 360, 15))) {
            bell.start();
            System.out.printf("stream: %s 1920x1080 15 fps, window %d s%n", bell.rtspUri(VirtualDoorbell.Stream.MAIN), WINDOW_S);
            System.out.printf("%4s | %22s | %22s | %9s | %14s | %14s%n", "N", "Doorstep cpu-s/stream-h",
                    "FFmpeg cpu-s/stream-h", "cpu ratio", "Doorstep RSS", "FFmpeg RSS");
            Result d1 = null;
            for (int n : ns) {
                Result d = doorstep(bell, n);
                Result f = ffmpeg(bell, n);
                if (n == 1) {
                    d1 = d;
                }
                System.out.printf("%4d | %22.1f | %22.1f | %8.2fx | %11.1f MB | %11.1f MB%n", n, d.cpuPerStreamHour(),
                        f.cpuPerStreamHour(), d.cpuPerStreamHour() / f.cpuPerStreamHour(), d.rssTotal() / 1e6,
                        f.rssTotal() / 1e6);
                if (n > 1) {
                    System.out.printf("     Doorstep memory per added camera: %.1f MB (FFmpeg: %.1f MB per process)%n",
                            (d.rssTotal() - d1.rssTotal()) / 1e6 / (n - 1), f.rssTotal() / 1e6 / n);
                }
                System.out.flush();
            }
        }
    }
}
