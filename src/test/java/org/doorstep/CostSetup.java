package org.doorstep;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.doorstep.sim.BundledFfmpegProcess;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;

/**
 * What the cost benchmarks start: a data folder with N cameras, Doorstep as a user runs it ({@code doorstep record}
 * in its own JVM with the launcher's JVM options), and the FFmpeg processes of the alternative.
 */
final class CostSetup {
    /** -Dbench.keyframesWhileStill=true: the app setting "save processor time while nothing moves" is on. */
    static final boolean KEYFRAMES_WHILE_STILL = Boolean.getBoolean("bench.keyframesWhileStill");

    private CostSetup() {}

    /** The JVM options of the packaged launcher (packaging/jpackage-app.txt), unless -Dbench.jvm overrides them. */
    static List<String> launcherJvmOptions() throws IOException {
        String override = System.getProperty("bench.jvm");
        if (override != null) {
            return override.isBlank() ? List.of() : Arrays.asList(override.trim().split("\\s+"));
        }
        return packagedJvmOptions();
    }

    /** The JVM options of the packaged launcher, as packaging/jpackage-app.txt gives them. */
    static List<String> packagedJvmOptions() throws IOException {
        for (String line : Files.readAllLines(Path.of("packaging", "jpackage-app.txt"))) {
            if (line.startsWith("--java-options")) {
                String v = line.substring("--java-options".length()).trim().replace("\"", "");
                return Arrays.asList(v.split("\\s+"));
            }
        }
        throw new IllegalStateException("packaging/jpackage-app.txt names no --java-options");
    }

    /** A data folder with {@code n} cameras on {@code main} (and {@code sub} when not null), motion as given. */
    static Path dataDir(Path dir, int n, URI main, URI sub, boolean motion) throws Exception {
        return dataDir(dir, n, main, sub, motion, 0);
    }

    /** The same, each camera with a storage cap of {@code capBytes} (0: none). */
    static Path dataDir(Path dir, int n, URI main, URI sub, boolean motion, long capBytes) throws Exception {
        return dataDir(dir, n, main, sub, motion, capBytes, "auto");
    }

    /** The same, each camera with its hardware-decoding choice ("auto", "off", "cuda", …). */
    static Path dataDir(Path dir, int n, URI main, URI sub, boolean motion, long capBytes, String hwAccel)
            throws Exception {
        Files.createDirectories(dir);
        try (App app = App.open(new DataDir(dir), "bench setup")) {
            if (KEYFRAMES_WHILE_STILL) {
                app.appSettings().save(app.appSettings().choices().withKeyframesWhileStill(true));
            }
            for (int i = 0; i < n; i++) {
                Camera c = Camera.newCamera("cam" + i, main, sub, null, null);
                c = c.withSettings(c.retention(), c.rtspTransport(), motion, c.motionSensitivity(),
                        c.motionMasksJson());
                Camera.Options o = c.options();
                c = c.withOptions(new Camera.Options(o.privacyMasksJson(), o.retentionReason(), capBytes, hwAccel,
                        o.recordAudio(), o.hideLive(), o.ringTopics(), o.allowInternetAddress()));
                app.cameras().insert(c);
            }
        }
        return dir;
    }

    /** {@code doorstep --data-dir DIR record}, as the launcher starts it; its stderr goes to {@link #log}. */
    static Process doorstep(Path data, List<String> extraJvm) throws IOException {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExe);
        cmd.addAll(launcherJvmOptions());
        cmd.addAll(extraJvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--data-dir",
                data.toString(), "record"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // -Dbench.env=NAME=VALUE,...: e.g. MALLOC_ARENA_MAX=2, to see what the C heap's arenas cost
        for (String kv : System.getProperty("bench.env", "").split(",")) {
            if (kv.contains("=")) {
                pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Files.createDirectories(log(data).getParent());
        pb.redirectError(log(data).toFile());
        return pb.start();
    }

    /** Where the last run with a data folder of this name left its stderr (kept after the run, for a look). */
    static Path log(Path data) {
        return Path.of("target", "bench-cost", data.getFileName() + ".log").toAbsolutePath();
    }

    /** {@code ffmpeg -c copy -f segment}: what the alternative runs to record one main stream. */
    static Process ffmpegCopy(URI main, Path out) throws IOException {
        Files.createDirectories(out);
        return ffmpeg("-rtsp_transport", "tcp", "-i", main.toString(), "-c", "copy", "-f", "segment",
                "-segment_time", "60", "-reset_timestamps", "1", out.resolve("seg%03d.mp4").toString());
    }

    /**
     * {@code ffmpeg} decoding a stream to small grey pictures at 5 fps (120 px high, as Doorstep analyses): what the
     * alternative runs to feed its motion detector.
     */
    static Process ffmpegGrey(URI stream) throws IOException {
        return ffmpeg("-rtsp_transport", "tcp", "-i", stream.toString(), "-an", "-vf",
                "fps=5,scale=-2:120,format=gray", "-f", "rawvideo", "-y", "/dev/null");
    }

    /** {@code ffmpeg -c copy -f null}: FFmpeg reading a stream over RTSP/TCP and nothing else. */
    static Process ffmpegRead(URI stream) throws IOException {
        return ffmpeg("-rtsp_transport", "tcp", "-i", stream.toString(), "-an", "-c", "copy", "-f", "null", "-");
    }

    static String ffmpegCommandLines() {
        return "ffmpeg -rtsp_transport tcp -i MAIN -c copy -f segment -segment_time 60 -reset_timestamps 1 seg%03d.mp4"
                + "\n  ffmpeg -rtsp_transport tcp -i SUB -an -vf fps=5,scale=-2:120,format=gray -f rawvideo -y /dev/null";
    }

    private static Process ffmpeg(String... args) throws IOException {
        String exe = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> cmd = new ArrayList<>(List.of(exe, "-nostdin", "-loglevel", "error"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        BundledFfmpegProcess.withLibraries(pb, exe);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    static void stop(List<Process> procs) throws InterruptedException {
        for (Process p : procs) {
            p.destroy();
        }
        for (Process p : procs) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
