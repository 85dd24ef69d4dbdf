package org.doorstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a running process's cost from /proc (Linux): CPU seconds (utime + stime), resident memory, threads, open file
 * descriptors, CPU per thread grouped by name, and the JVM's native memory tracking summary through jcmd. For the
 * cost benchmarks only: CPU-seconds per process stay comparable on a busy machine, wall-clock does not.
 */
final class ProcessProbe {
    private static final double CLK_TCK = 100; // USER_HZ on Linux

    private ProcessProbe() {}

    /** One reading of a process (or the sum over several). */
    record Sample(double cpuSeconds, long rssBytes, int threads, int fds) {
        Sample plus(Sample o) {
            return new Sample(cpuSeconds + o.cpuSeconds, rssBytes + o.rssBytes, threads + o.threads, fds + o.fds);
        }
    }

    static Sample sample(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        int fds;
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = (int) s.count();
        }
        return new Sample(cpu, rss, threads, fds);
    }

    static Sample sample(List<Long> pids) throws IOException {
        Sample sum = new Sample(0, 0, 0, 0);
        for (long pid : pids) {
            sum = sum.plus(sample(pid));
        }
        return sum;
    }

    /**
     * CPU seconds per thread name, digits and camera names stripped ("record-3" and "record-12" count together),
     * with the number of threads of that name: {name -> {cpu seconds, count}}.
     */
    static Map<String, double[]> threadCpu(long pid) throws IOException {
        Map<String, double[]> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = group(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
                double[] acc = out.computeIfAbsent(name, k -> new double[2]);
                acc[0] += cpu;
                acc[1]++;
            }
        }
        return out;
    }

    /** "motion-decode r" (a camera URL cut at 15 characters) -> "motion-decode"; "record-12" -> "record-#". */
    static String group(String comm) {
        String name = comm.replaceAll("\\d+", "#");
        int space = name.indexOf(' ');
        return space > 0 ? name.substring(0, space) : name;
    }

    /** Per-thread CPU between two readings, largest first, as printable lines. */
    static List<String> threadReport(Map<String, double[]> before, Map<String, double[]> after, double seconds,
                                     int cameras) {
        List<Map.Entry<String, double[]>> rows = new ArrayList<>();
        for (var e : after.entrySet()) {
            double[] b = before.getOrDefault(e.getKey(), new double[2]);
            rows.add(Map.entry(e.getKey(), new double[] {e.getValue()[0] - b[0], e.getValue()[1]}));
        }
        rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        List<String> lines = new ArrayList<>();
        for (var r : rows) {
            if (r.getValue()[0] <= 0 && lines.size() > 12) {
                continue;
            }
            lines.add(String.format("  %-18s %4.0f threads %8.2f %% of a core  (%6.2f cpu-s per camera-hour)",
                    r.getKey(), r.getValue()[1], 100 * r.getValue()[0] / seconds,
                    r.getValue()[0] * 3600 / seconds / cameras));
        }
        return lines;
    }

    /** The JVM's native memory summary (needs -XX:NativeMemoryTracking=summary), or a line saying why not. */
    static String nativeMemory(long pid) {
        return jcmd(pid, "VM.native_memory", "summary", "scale=KB");
    }

    /** What {@code jcmd PID COMMAND...} prints, or a line saying why it could not run. */
    static String jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "jcmd failed: " + e;
        }
    }

    /** Committed KB per NMT category ("Total", "Java Heap", "Thread", ...), from {@link #nativeMemory}. */
    static Map<String, Long> nmtCommittedKb(String summary) {
        Map<String, Long> out = new TreeMap<>();
        var total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(summary);
        if (total.find()) {
            out.put("Total", Long.parseLong(total.group(1)));
        }
        var cat = java.util.regex.Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)")
                .matcher(summary);
        while (cat.find()) {
            out.put(cat.group(1).trim(), Long.parseLong(cat.group(2)));
        }
        return out;
    }

    /** The load average, to print next to every figure (the lead re-measures on an idle machine). */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "load ?";
        }
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
