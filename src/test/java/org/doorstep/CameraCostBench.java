package org.doorstep;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a camera costs all day, Doorstep against the alternative in the same run on the same live streams (the virtual
 * doorbell, 1080p main + 640×360 sub at 15 fps, optionally with B-frames): {@code doorstep record} in its own JVM
 * with the packaged launcher's JVM options, against one FFmpeg process per stream, both running side by side. CPU seconds per camera-hour
 * (from /proc: comparable on a busy machine, wall-clock is not), resident memory in all and per added camera,
 * threads and file descriptors, CPU per Doorstep thread, and with -Dbench.nmt=true the JVM's native memory.
 *
 * <p>Modes ({@code -Dbench.mode}):
 * <ul>
 *   <li>{@code pair} (default): record main + motion on sub, against {@code ffmpeg -c copy -f segment} on main +
 *       {@code ffmpeg} decoding sub to grey 5 fps pictures;</li>
 *   <li>{@code record}: recording alone (motion off), against {@code ffmpeg -c copy -f segment};</li>
 *   <li>{@code nosub}: cameras without a sub stream (motion on the main stream), against copy + grey decode of
 *       main; the motion threads alone are also set against FFmpeg's grey decode of main.</li>
 * </ul>
 * One command per figure, e.g. {@code ./mvnw -o -q -Pbench test -Dtest=CameraCostBench -Dbench.mode=pair
 * -Dbench.n=1,4,16 -Dbench.bframes=2 -Dbench.runs=3}. Other knobs: bench.window (s, default 60), bench.settle
 * (s, default 30), bench.main (1920x1080), bench.jvm (JVM options instead of the launcher's), bench.env
 * (NAME=VALUE,... for Doorstep's process, e.g. MALLOC_ARENA_MAX=2), bench.nmt=true (native memory by category),
 * bench.heap=true (live heap by class, GC log), bench.ffmpeg=false (Doorstep only, for quick iterations), bench.hw
 * (every camera's hardware decoding: auto, off, cuda, …; the alternative always decodes in software),
 * bench.keyframesWhileStill=true (the app setting "save processor time while nothing moves": sub streams too decode
 * only keyframes while their scene is still), bench.visitEvery (s between visitors; the doorbell's default 60).
 * The numbers land in target/surefire-reports/org.doorstep.CameraCostBench-output.txt.
 */
@Tag("bench")
class CameraCostBench {
    private static final String MODE = System.getProperty("bench.mode", "pair");
    private static final int WINDOW_S = Integer.getInteger("bench.window", 60);
    private static final int SETTLE_S = Integer.getInteger("bench.settle", 30);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int BFRAMES = Integer.getInteger("bench.bframes", 0);
    /** Seconds between the doorbell's visitors; 0 (default) keeps the doorbell's own, 60 s. */
    private static final int VISIT_EVERY_S = Integer.getInteger("bench.visitEvery", 0);
    private static final boolean NMT = Boolean.getBoolean("bench.nmt");
    /** true: the live heap by class after the window (jcmd GC.class_histogram) and a GC log in target/bench-cost. */
    private static final boolean HEAP = Boolean.getBoolean("bench.heap");
    /** false: Doorstep only (quick iterations; the FFmpeg columns then print 0). */
    private static final boolean FFMPEG = !"false".equals(System.getProperty("bench.ffmpeg"));
    /** Every camera's hardware-decoding choice: "auto" (default), "off", or an accelerator such as "cuda". */
    private static final String HW = System.getProperty("bench.hw", "auto");

    @TempDir
    Path dir;

    private record Measured(double cpuPerCameraHour, double motionCpuPerCameraHour, double jitCpuPerCameraHour,
                            long rss, int threads, int fds, String load) {}

    @Test
    void cost() throws Exception {
        String[] size = System.getProperty("bench.main", "1920x1080").split("x");
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withSizes(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 640, 360, 15);
        if (BFRAMES > 0) {
            config = config.withBFrames(BFRAMES);
        }
        if (VISIT_EVERY_S > 0) {
            config = config.withVisitEvery(java.time.Duration.ofSeconds(VISIT_EVERY_S));
        }
        List<Integer> ns = new ArrayList<>();
        for (String n : System.getProperty("bench.n", "1,4,16").split(",")) {
            ns.add(Integer.parseInt(n.trim()));
        }
        // two doorbells with the same streams, one for each side: a doorbell takes 32 connections (as cameras limit
        // theirs), and N = 16 side by side needs 64
        try (VirtualDoorbell bell = new VirtualDoorbell(config); VirtualDoorbell theirBell = new VirtualDoorbell(config)) {
            bell.start();
            theirBell.start();
            URI main = bell.rtspUri(VirtualDoorbell.Stream.MAIN);
            URI sub = bell.rtspUri(VirtualDoorbell.Stream.SUB);
            URI theirMain = theirBell.rtspUri(VirtualDoorbell.Stream.MAIN);
            URI theirSub = theirBell.rtspUri(VirtualDoorbell.Stream.SUB);
            System.out.printf("mode %s: main %sx%s, sub 640x360, 15 fps, B-frames %d; window %d s after %d s, "
                            + "median of %d runs; hardware decoding %s; keyframes while still on sub streams %s; "
                            + "a visitor every %s s; JVM %s%nFFmpeg: %s%n", MODE, size[0], size[1],
                    BFRAMES, WINDOW_S, SETTLE_S, RUNS, HW, CostSetup.KEYFRAMES_WHILE_STILL,
                    config.visitEvery() == null ? "-" : config.visitEvery().toSeconds(),
                    CostSetup.launcherJvmOptions(),
                    CostSetup.ffmpegCommandLines());
            Map<Integer, Long> rssAt = new HashMap<>();
            for (int n : ns) {
                List<Measured> ours = new ArrayList<>();
                List<Measured> theirs = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    Measured[] both = together(main, sub, theirMain, theirSub, n, run);
                    ours.add(both[0]);
                    theirs.add(both[1]);
                }
                Measured d = median(ours);
                Measured f = median(theirs);
                // memory from the runs' median RSS, not from the median-CPU run: one run's RSS moves by several MB
                rssAt.put(n, medianRss(ours));
                System.out.printf("N=%2d  Doorstep %7.1f cpu-s/camera-h  FFmpeg %7.1f  ratio %.2fx | RSS Doorstep "
                                + "%6.1f MB, FFmpeg %6.1f MB (%5.1f MB per camera) | threads %d, fds %d | %s / %s%n",
                        n, d.cpuPerCameraHour(), f.cpuPerCameraHour(), d.cpuPerCameraHour() / f.cpuPerCameraHour(),
                        d.rss() / 1e6, f.rss() / 1e6, f.rss() / 1e6 / n, d.threads(), d.fds(), d.load(), f.load());
                Long one = rssAt.get(1);
                if (n > 1 && one != null) {
                    System.out.printf("      Doorstep memory per added camera: %.1f MB (medians of the runs' RSS)%n",
                            (rssAt.get(n) - one) / 1e6 / (n - 1));
                }
                int cores = Runtime.getRuntime().availableProcessors();
                System.out.printf("      all %d cameras together: Doorstep %.1f %% of this %d-core machine, FFmpeg %.1f %%"
                                + " | without the JIT compiler (start-up, fades): Doorstep %.1f cpu-s/camera-h, ratio "
                                + "%.2fx | ratios of the %d runs: %s%n", n,
                        100 * d.cpuPerCameraHour() * n / 3600 / cores, cores,
                        100 * f.cpuPerCameraHour() * n / 3600 / cores,
                        d.cpuPerCameraHour() - d.jitCpuPerCameraHour(),
                        (d.cpuPerCameraHour() - d.jitCpuPerCameraHour()) / f.cpuPerCameraHour(), RUNS,
                        ratios(ours, theirs));
                double greyOnly = ProcessProbe.median(theirs.stream().map(Measured::motionCpuPerCameraHour).toList());
                System.out.printf("      of which motion: Doorstep %.1f cpu-s/camera-h (motion threads), FFmpeg's grey "
                        + "decode %.1f%n", d.motionCpuPerCameraHour(), greyOnly);
                if (MODE.equals("nosub")) {
                    System.out.printf("      motion on main alone: Doorstep %.1f cpu-s/camera-h (motion threads), "
                            + "FFmpeg grey 5 fps %.1f: ratio %.2fx%n", d.motionCpuPerCameraHour(), greyOnly,
                            d.motionCpuPerCameraHour() / greyOnly);
                }
                System.out.flush();
            }
        }
    }

    /** Doorstep's process and the FFmpeg processes of one run, started together so they share the machine's state. */
    private final class Run {
        final int n;
        final int run;
        final Path data;
        final Process doorstep;
        final List<Process> copy = new ArrayList<>();
        final List<Process> grey = new ArrayList<>();
        ProcessProbe.Sample da;
        ProcessProbe.Sample fa;
        ProcessProbe.Sample ga;
        Map<String, double[]> ta;

        Run(URI main, URI sub, URI theirMain, URI theirSub, int n, int run) throws Exception {
            this.n = n;
            this.run = run;
            boolean motion = !MODE.equals("record");
            data = CostSetup.dataDir(dir.resolve("d-" + n + "-" + run), n, main, MODE.equals("pair") ? sub : null,
                    motion, 0, HW);
            List<String> extra = new ArrayList<>();
            if (NMT) {
                extra.add("-XX:NativeMemoryTracking=summary");
            }
            if (HEAP) {
                extra.add("-Xlog:gc:file=" + CostSetup.log(data).resolveSibling(data.getFileName() + "-gc.log"));
            }
            doorstep = CostSetup.doorstep(data, extra);
            if (FFMPEG) {
                for (int i = 0; i < n; i++) {
                    copy.add(CostSetup.ffmpegCopy(theirMain, dir.resolve("ff-" + n + "-" + run + "-" + i)));
                    if (MODE.equals("pair")) {
                        grey.add(CostSetup.ffmpegGrey(theirSub));
                    } else if (MODE.equals("nosub")) {
                        grey.add(CostSetup.ffmpegGrey(theirMain));
                    }
                }
            }
        }

        List<Long> ffmpegPids() {
            List<Long> all = new ArrayList<>();
            copy.forEach(p -> all.add(p.pid()));
            grey.forEach(p -> all.add(p.pid()));
            return all;
        }

        void begin() throws Exception {
            if (!doorstep.isAlive()) {
                throw new AssertionError("doorstep record ended: " + java.nio.file.Files.readString(CostSetup.log(data)));
            }
            da = ProcessProbe.sample(doorstep.pid());
            ta = ProcessProbe.threadCpu(doorstep.pid());
            if (FFMPEG) {
                fa = ProcessProbe.sample(ffmpegPids());
                ga = ProcessProbe.sample(grey.stream().map(Process::pid).toList());
            }
        }

        /** Ends the window: Doorstep's and FFmpeg's figures over the same seconds. */
        Measured[] end(double secs) throws Exception {
            ProcessProbe.Sample db = ProcessProbe.sample(doorstep.pid());
            Map<String, double[]> tb = ProcessProbe.threadCpu(doorstep.pid());
            String load = ProcessProbe.load();
            // every run's memory, so a change of a few hundred KB per camera can be told from the runs' spread (the
            // rows below show the run with the median CPU)
            Map<String, Long> nmt = NMT ? ProcessProbe.nmtCommittedKb(ProcessProbe.nativeMemory(doorstep.pid())) : null;
            System.out.printf("  N=%d run %d: Doorstep RSS %.1f MB%s%n", n, run + 1, db.rssBytes() / 1e6,
                    nmt == null ? "" : String.format(", NMT committed %.1f MB (Java heap %.1f, threads %.1f), "
                            + "outside NMT %.1f MB", megabytes(nmt, "Total"), megabytes(nmt, "Java Heap"),
                            megabytes(nmt, "Thread"), db.rssBytes() / 1e6 - megabytes(nmt, "Total")));
            if (run == 0) {
                System.out.printf("  Doorstep N=%d threads by CPU (%s):%n", n, load);
                ProcessProbe.threadReport(ta, tb, secs, n).forEach(System.out::println);
                if (nmt != null) {
                    System.out.printf("  NMT committed (KB) of RSS %.1f MB: %s%n", db.rssBytes() / 1e6, nmt);
                }
                if (HEAP) {
                    System.out.println(ProcessProbe.jcmd(doorstep.pid(), "GC.heap_info"));
                    ProcessProbe.jcmd(doorstep.pid(), "GC.class_histogram").lines().limit(18).forEach(System.out::println);
                }
            }
            double motionCpu = 0;
            double jitCpu = 0;
            for (var e : tb.entrySet()) {
                double used = e.getValue()[0] - ta.getOrDefault(e.getKey(), new double[2])[0];
                if (e.getKey().startsWith("motion-")) {
                    motionCpu += used;
                } else if (e.getKey().startsWith("C#")) {
                    jitCpu += used;
                }
            }
            Measured ours = new Measured((db.cpuSeconds() - da.cpuSeconds()) / n * 3600 / secs,
                    motionCpu / n * 3600 / secs, jitCpu / n * 3600 / secs, db.rssBytes(), db.threads(), db.fds(), load);
            Measured theirs = new Measured(0, 0, 0, 0, 0, 0, "-");
            if (FFMPEG) {
                for (Process p : copy) {
                    if (!p.isAlive()) {
                        throw new AssertionError("an ffmpeg process ended during the measurement");
                    }
                }
                ProcessProbe.Sample fb = ProcessProbe.sample(ffmpegPids());
                ProcessProbe.Sample gb = ProcessProbe.sample(grey.stream().map(Process::pid).toList());
                theirs = new Measured((fb.cpuSeconds() - fa.cpuSeconds()) / n * 3600 / secs,
                        (gb.cpuSeconds() - ga.cpuSeconds()) / n * 3600 / secs, 0, fb.rssBytes(), fb.threads(),
                        fb.fds(), load);
            }
            return new Measured[] {ours, theirs};
        }

        void stop() throws InterruptedException {
            List<Process> all = new ArrayList<>(copy);
            all.addAll(grey);
            all.add(doorstep);
            CostSetup.stop(all);
        }
    }

    /**
     * One run: Doorstep and the FFmpeg processes side by side on the same streams, measured over the same window, so
     * both see the same machine (on this VM an idle core costs up to three times the CPU seconds for the same work as
     * a busy one, so runs one after the other were not comparable).
     */
    private Measured[] together(URI main, URI sub, URI theirMain, URI theirSub, int n, int run) throws Exception {
        Run r = new Run(main, sub, theirMain, theirSub, n, run);
        try {
            Thread.sleep(SETTLE_S * 1000L);
            r.begin();
            long t0 = System.nanoTime();
            Thread.sleep(WINDOW_S * 1000L);
            return r.end((System.nanoTime() - t0) / 1e9);
        } finally {
            r.stop();
        }
    }

    private static String ratios(List<Measured> ours, List<Measured> theirs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            out.add(String.format("%.2fx", ours.get(i).cpuPerCameraHour() / theirs.get(i).cpuPerCameraHour()));
        }
        return String.join(" ", out);
    }

    private static long medianRss(List<Measured> runs) {
        return runs.stream().mapToLong(Measured::rss).sorted().skip(runs.size() / 2).findFirst().orElse(0);
    }

    private static double megabytes(Map<String, Long> nmtKb, String category) {
        return nmtKb.getOrDefault(category, 0L) * 1024 / 1e6;
    }

    /** The run with the median CPU (its memory and counts with it, so one row is one real run). */
    private static Measured median(List<Measured> runs) {
        List<Measured> s = new ArrayList<>(runs);
        s.sort((a, b) -> Double.compare(a.cpuPerCameraHour(), b.cpuPerCameraHour()));
        return s.get(s.size() / 2);
    }
}
