package org.doorstep.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * Checks a video file with the FFmpeg programs shipped in the bytedeco jar: its packets' timestamps (ffprobe)
 * and what FFmpeg says while decoding all of it (ffmpeg -f null), as a user's player would.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    /** One video packet in file order (decode order). */
    public record Packet(long pts, long dts, boolean key) { }

    public record Result(int exit, String stdout, String stderr) { }

    /** Runs a bundled FFmpeg program ({@code ffprobe.class}, {@code ffmpeg.class}) to its end, at most 60 s. */
    public static Result run(Class<?> program, String... args) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(60), program, args);
    }

    /** The same with its own limit; a program still running then is killed and reported as an IOException. */
    public static Result run(Duration limit, Class<?> program, String... args)
            throws IOException, InterruptedException {
        String exe = Loader.load(program);
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        BundledFfmpegProcess.withLibraries(pb, exe);
        Path err = Files.createTempFile("ff", ".err");
        Path out = Files.createTempFile("ff", ".out");
        pb.redirectError(err.toFile());
        pb.redirectOutput(out.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(exe + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    /** The video packets with their pts and dts in the stream's time base (Long.MIN_VALUE when absent). */
    public static List<Packet> packets(Path file) throws IOException, InterruptedException {
        Result r = run(org.bytedeco.ffmpeg.ffprobe.class, "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts,dts,flags", "-of", "csv=p=0", file.toString());
        if (r.exit() != 0) {
            throw new IOException("ffprobe failed: " + r.stderr());
        }
        List<Packet> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 3) {
                continue;
            }
            out.add(new Packet(num(f[0]), num(f[1]), f[2].contains("K")));
        }
        return out;
    }

    private static long num(String s) {
        return s.isBlank() || s.equals("N/A") ? Long.MIN_VALUE : Long.parseLong(s.trim());
    }

    /** Decodes the whole file; returns FFmpeg's warnings and errors (empty when it decoded cleanly). */
    public static String decodeWarnings(Path file) throws IOException, InterruptedException {
        Result r = run(org.bytedeco.ffmpeg.ffmpeg.class, "-hide_banner", "-nostdin", "-v", "warning", "-i",
                file.toString(), "-f", "null", "-");
        return (r.exit() == 0 ? "" : "exit " + r.exit() + "\n") + r.stderr().trim();
    }

    /** Pictures FFmpeg decodes from the file. */
    public static int decodedFrames(Path file) throws IOException, InterruptedException {
        Result r = run(org.bytedeco.ffmpeg.ffprobe.class, "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString());
        return Integer.parseInt(r.stdout().trim().split("[,\\s]")[0]);
    }

    /** The smallest gap between presentation times: one frame. */
    static long smallestStep(List<Packet> packets) {
        long[] pts = packets.stream().mapToLong(Packet::pts).filter(v -> v != Long.MIN_VALUE).sorted().distinct()
                .toArray();
        long step = Long.MAX_VALUE;
        for (int i = 1; i < pts.length; i++) {
            step = Math.min(step, pts[i] - pts[i - 1]);
        }
        return step == Long.MAX_VALUE ? 0 : step;
    }

    /** Why the packets' timestamps are not those of a clean stream, or null when they are. */
    public static String timestampProblem(List<Packet> packets) {
        long lastDts = Long.MIN_VALUE;
        java.util.Set<Long> pts = new java.util.HashSet<>();
        long frame = smallestStep(packets);
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            if (p.pts() == Long.MIN_VALUE || p.dts() == Long.MIN_VALUE) {
                return "packet " + i + " has no pts/dts: " + p;
            }
            if (p.dts() <= lastDts) {
                return "dts not increasing at packet " + i + ": " + lastDts + " then " + p.dts();
            }
            if (lastDts != Long.MIN_VALUE && p.dts() - lastDts < frame / 2) {
                return "dts nudged by " + (p.dts() - lastDts) + " (a frame is " + frame + ") at packet " + i;
            }
            if (p.dts() > p.pts()) {
                return "dts after pts at packet " + i + ": " + p;
            }
            if (!pts.add(p.pts())) {
                return "pts " + p.pts() + " twice (packet " + i + ")";
            }
            lastDts = p.dts();
        }
        return null;
    }
}
