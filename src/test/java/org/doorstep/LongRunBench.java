package org.doorstep;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long run: {@code doorstep record} with N cameras (main + sub, motion on) for hours, sampling resident memory,
 * threads, file descriptors, the JVM's native memory (NMT) and the old generation (its occupancy and how much of
 * its committed space is resident) every minute, then printing the growth after the first hour (or the first sixth
 * of a shorter run): leaks show as steady growth there, not as a big start. The serial collector's old generation
 * fills with everything promoted until a full collection empties it of the dead, so its occupancy climbs between
 * full collections whether or not anything leaks; what is live shows only after one: the JVM's GC log
 * (target/longrun-gc.log) gives the heap after every full collection, and the report lists them — a leak is a
 * rising series there; after the last sample a forced full collection gives the live old generation at the end.
 * The resident column tells pages touched for the first time from growth of the heap.
 * The full run (6 h, 16 cameras; not CI):
 * {@code ./mvnw -o -q -Pbench test -Dtest=LongRunBench -Dbench.minutes=360 -Dbench.n=16}; a short check that it works:
 * {@code -Dbench.minutes=10 -Dbench.n=4}. Output: target/longrun.txt as it goes, and
 * target/surefire-reports/org.doorstep.LongRunBench-output.txt at the end.
 */
@Tag("bench")
class LongRunBench {
    private static final int MINUTES = Integer.getInteger("bench.minutes", 360);
    private static final int N = Integer.getInteger("bench.n", 16);
    private static final int SAMPLE_S = Integer.getInteger("bench.sample", 60);
    /**
     * Storage cap per camera in GB (default 1.5): 16 cameras of the doorbell's 1080p for 6 h would be about 60 GB;
     * with a cap, retention deletes the oldest footage all along, as in a household's long run.
     */
    private static final double CAP_GB = Double.parseDouble(System.getProperty("bench.capGb", "1.5"));
    /** Every line printed also goes here as it is printed (surefire's copy appears only when the test ends). */
    private static final Path LOG = Path.of("target", "longrun.txt");
    /** The JVM's own log of collections (the heap after each full collection is the live heap then). */
    private static final Path GC_LOG = Path.of("target", "longrun-gc.log").toAbsolutePath();
    /** "[12.345s][info][gc] GC(57) Pause Full (Allocation Failure) 180M->95M(250M) 350.123ms" */
    private static final Pattern FULL_GC = Pattern.compile(
            "\\[(\\d+\\.\\d+)s\\].*Pause Full \\(([^)]*)\\) (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path dir;

    private record Row(double minute, double cpuSeconds, long rss, int threads, int fds, long nmtKb, OldGen old) {}

    /** The serial collector's old generation, in KiB; -1 each when not found. */
    private record OldGen(long usedKb, long committedKb, long residentKb) {
        static final OldGen UNKNOWN = new OldGen(-1, -1, -1);
    }

    private static final Pattern TENURED = Pattern.compile(
            "tenured generation\\s+total (\\d+)K, used (\\d+)K \\[0x([0-9a-fA-F]+)");
    /** A mapping's first line in /proc/PID/smaps: start-end address, then permissions. */
    private static final Pattern MAPPING = Pattern.compile("([0-9a-f]+)-[0-9a-f]+ ");

    @Test
    void longRun() throws Exception {
        String[] size = System.getProperty("bench.main", "1920x1080").split("x");
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withSizes(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 640, 360, 15);
        try (VirtualDoorbell bell = new VirtualDoorbell(config)) {
            bell.start();
            URI main = bell.rtspUri(VirtualDoorbell.Stream.MAIN);
            URI sub = bell.rtspUri(VirtualDoorbell.Stream.SUB);
            Path data = CostSetup.dataDir(dir.resolve("long"), N, main, sub, true, Math.round(CAP_GB * 1e9));
            java.nio.file.Files.deleteIfExists(GC_LOG);
            Process p = CostSetup.doorstep(data, List.of("-XX:NativeMemoryTracking=summary",
                    "-Xlog:gc:file=" + GC_LOG));
            List<Row> rows = new ArrayList<>();
            try {
                java.nio.file.Files.deleteIfExists(LOG);
                say(String.format("long run: %d cameras (main %sx%s + sub 640x360, motion on, %.1f GB cap each), %d min, a "
                        + "sample every %d s; JVM %s%n", N, size[0], size[1], CAP_GB, MINUTES, SAMPLE_S,
                        CostSetup.launcherJvmOptions()));
                say(String.format("%7s %10s %9s %8s %5s %11s %8s %8s %8s  %s%n", "minute", "cpu-s", "RSS MB", "threads",
                        "fds", "NMT MB", "old occ", "old RSS", "old of", "load"));
                long t0 = System.nanoTime();
                long end = t0 + MINUTES * 60_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.sleep(SAMPLE_S * 1000L);
                    if (!p.isAlive()) {
                        throw new AssertionError("doorstep record ended: "
                                + java.nio.file.Files.readString(CostSetup.log(data)));
                    }
                    ProcessProbe.Sample s = ProcessProbe.sample(p.pid());
                    Map<String, Long> nmt = ProcessProbe.nmtCommittedKb(ProcessProbe.nativeMemory(p.pid()));
                    Row r = new Row((System.nanoTime() - t0) / 60e9, s.cpuSeconds(), s.rssBytes(), s.threads(),
                            s.fds(), nmt.getOrDefault("Total", -1L), oldGen(p.pid()));
                    rows.add(r);
                    say(String.format("%7.1f %10.1f %9.1f %8d %5d %11.1f %8.1f %8.1f %8.1f  %s%n", r.minute(),
                            r.cpuSeconds(), r.rss() / 1e6, r.threads(), r.fds(), r.nmtKb() / 1024.0,
                            r.old().usedKb() / 1024.0, r.old().residentKb() / 1024.0, r.old().committedKb() / 1024.0,
                            ProcessProbe.load()));
                }
                liveAtTheEnd(p.pid());
            } finally {
                CostSetup.stop(List.of(p));
            }
            report(rows);
            reportFullCollections();
        }
    }

    /**
     * After the last sample (so the growth figures are untouched): a full collection forced by the class histogram,
     * then the old generation's occupancy, which is then what is live, and the biggest classes.
     */
    private static void liveAtTheEnd(long pid) {
        String histogram = ProcessProbe.jcmd(pid, "GC.class_histogram");
        OldGen old = oldGen(pid);
        say(String.format("%nafter a full collection at the end: old generation %.1f MB live of %.1f MB committed; "
                + "biggest classes:%n", old.usedKb() / 1024.0, old.committedKb() / 1024.0));
        histogram.lines().skip(3).limit(8).forEach(line -> say(line + "\n"));
    }

    /** The heap after each full collection, from the GC log: the live heap at that moment. */
    private static void reportFullCollections() throws java.io.IOException {
        List<String> after = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(GC_LOG)) {
            Matcher m = FULL_GC.matcher(line);
            if (m.find()) {
                after.add(String.format("minute %.1f: %s -> %s MB of %s MB (%s)", Double.parseDouble(m.group(1)) / 60,
                        m.group(3), m.group(4), m.group(5), m.group(2)));
            }
        }
        say(after.isEmpty() ? "no full collection in the run: the live heap is not known from the GC log\n"
                : "heap after each full collection (live then): " + String.join("; ", after) + "\n");
    }

    /** Growth from the first hour's end (or a sixth of a shorter run) to the last sample. */
    private static void report(List<Row> rows) {
        if (rows.size() < 2) {
            say("too few samples for a growth figure\n");
            return;
        }
        double last = rows.get(rows.size() - 1).minute();
        double from = last >= 120 ? 60 : last / 6;
        Row a = rows.stream().filter(r -> r.minute() >= from).findFirst().orElse(rows.get(0));
        Row b = rows.get(rows.size() - 1);
        double hours = (b.minute() - a.minute()) / 60;
        say(String.format("%nfrom minute %.0f to %.0f (%.2f h): RSS %+.1f %% (%.1f -> %.1f MB), threads %d -> %d, "
                        + "fds %d -> %d, NMT %+.1f MB; CPU %.1f %% of a core (%.1f cpu-s per camera-hour)%n",
                a.minute(), b.minute(), hours, 100.0 * (b.rss() - a.rss()) / a.rss(), a.rss() / 1e6, b.rss() / 1e6,
                a.threads(), b.threads(), a.fds(), b.fds(), (b.nmtKb() - a.nmtKb()) / 1024.0,
                100 * (b.cpuSeconds() - a.cpuSeconds()) / (hours * 3600),
                (b.cpuSeconds() - a.cpuSeconds()) / hours / N));
        say(String.format("old generation: occupied %.1f -> %.1f MB, resident %.1f -> %.1f MB of"
                        + " %.1f -> %.1f MB committed%n", a.old().usedKb() / 1024.0, b.old().usedKb() / 1024.0,
                a.old().residentKb() / 1024.0, b.old().residentKb() / 1024.0, a.old().committedKb() / 1024.0,
                b.old().committedKb() / 1024.0));
    }

    /** The old generation from {@code GC.heap_info} (no collection triggered) and its mapping's resident size. */
    private static OldGen oldGen(long pid) {
        Matcher m = TENURED.matcher(ProcessProbe.jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            return OldGen.UNKNOWN;
        }
        long start = Long.parseUnsignedLong(m.group(3), 16);
        return new OldGen(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), residentKbAt(pid, start));
    }

    /** Resident KiB of the mapping that starts at {@code start} (/proc/PID/smaps), -1 when not found. */
    private static long residentKbAt(long pid, long start) {
        try {
            boolean inside = false;
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
                Matcher header = MAPPING.matcher(line);
                if (header.lookingAt()) {
                    inside = Long.parseUnsignedLong(header.group(1), 16) == start;
                } else if (inside && line.startsWith("Rss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void say(String line) {
        System.out.print(line);
        System.out.flush();
        try {
            java.nio.file.Files.writeString(LOG, line, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            System.out.println("cannot append to " + LOG + ": " + e);
        }
    }
}
