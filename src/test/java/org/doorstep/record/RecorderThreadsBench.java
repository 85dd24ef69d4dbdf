package org.doorstep.record;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick iteration aid for the recorder's CPU cost: one RecorderProcess with N cameras (default 4), per-thread CPU
 * (utime/stime from /proc/PID/task) over a short window, printed as cpu-s per hour, grouped by thread name.
 * Run: ./mvnw -o -Pbench test -Dtest=RecorderThreadsBench [-Dbench.n=4 -Dbench.window=40 -Dbench.settle=15]
 */
@Tag("bench")
class RecorderThreadsBench {
    private static final int N = Integer.getInteger("bench.n", 4);
    private static final int WINDOW_S = Integer.getInteger("bench.window", 40);
    private static final int SETTLE_S = Integer.getInteger("bench.settle", 15);

    @TempDir
    Path dir;

    /** thread name -> {utime, stime} in clock ticks, summed over threads of the same (digit-stripped) name. */
    static Map<String, long[]> threads(long pid) throws Exception {
        Map<String, long[]> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')) + "#" + t.getFileName();
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(name, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
            }
        }
        return out;
    }

    @Test
    void perThread() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withSizes(1920, 1080, 640, 360, 15))) {
            bell.start();
            Path data = dir.resolve("doorstep");
            try (RecordTestSupport setup = new RecordTestSupport(data, 60, 0)) {
                for (int i = 0; i < N; i++) {
                    setup.addCamera("cam" + i, bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
                }
            }
            String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(javaExe, "-XX:+UseSerialGC", "-Xmx128m", "-Xss512k",
                    "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), RecorderProcess.class.getName(),
                    data.toString(), "60");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
                int recording = 0;
                while (recording < N) {
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
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                Thread.sleep(SETTLE_S * 1000L);
                Map<String, long[]> a = threads(p.pid());
                long t0 = System.nanoTime();
                Thread.sleep(WINDOW_S * 1000L);
                Map<String, long[]> b = threads(p.pid());
                double secs = (System.nanoTime() - t0) / 1e9;
                double k = 3600 / secs / 100.0; // ticks -> cpu-s per hour
                double total = 0;
                System.out.printf("N=%d window %.0f s; cpu-s per hour (user/sys):%n", N, secs);
                for (var e : b.entrySet()) {
                    long[] before = a.getOrDefault(e.getKey(), new long[2]);
                    double u = (e.getValue()[0] - before[0]) * k;
                    double s = (e.getValue()[1] - before[1]) * k;
                    total += u + s;
                    if (u + s > 0) {
                        System.out.printf("  %-28s %7.1f %7.1f%n", e.getKey(), u, s);
                    }
                }
                System.out.printf("TOTAL %.1f cpu-s/h = %.1f per stream-hour%n", total, total / N);
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
    }
}
