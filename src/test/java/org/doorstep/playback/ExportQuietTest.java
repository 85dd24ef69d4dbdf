package org.doorstep.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean export says nothing on the terminal: FFmpeg's own messages ("[mp4 @ 0x…] Starting second pass …")
 * are written by native code straight to file descriptor 2, so only a separate process shows what a user sees.
 */
class ExportQuietTest {
    @TempDir
    Path dir;

    @Test
    void cleanExportWritesNothingToStderr() throws Exception {
        long cam;
        try (RecordedFootage f = new RecordedFootage(dir)) {
            cam = f.camera("porch");
            f.store(cam, Instant.parse("2026-03-01T10:00:00Z"), f.encode(0, 45, 15, 1.0));
        }
        Path out = dir.resolve("out.mp4");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Ddoorstep.logs=" + dir.resolve("logs"), "-cp",
                System.getProperty("java.class.path"), ExportChildProcess.class.getName(), dir.toString(),
                Long.toString(cam), out.toString());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout).contains("EXPORTED");
        assertThat(p.exitValue()).isZero();
        assertThat(out).exists();
        assertThat(Files.readString(err)).as("stderr of a clean export").isEmpty();
    }
}
