package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.doorstep.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doorstep --hidden} (what start at login runs): with a tray the window waits there; without one (headless
 * Monocle here, GNOME without the extension) the window shows anyway, recording runs, and a second start reaches it.
 */
class HiddenStartTest {
    @TempDir
    Path dir;

    @Test
    void aHiddenStartKeepsTheWindowInTheTrayOnlyWhereThereIsATray() {
        assertThat(DesktopApp.windowAtStart(true, true)).isFalse();
        assertThat(DesktopApp.windowAtStart(true, false)).isTrue(); // no tray: never record out of reach
        assertThat(DesktopApp.windowAtStart(false, true)).isTrue();
        assertThat(DesktopApp.windowAtStart(false, false)).isTrue();
    }

    @Test
    void withoutATrayAHiddenStartRecordsAndASecondStartReachesTheWindow() throws Exception {
        Path data = dir.resolve("data");
        copy(Path.of("target", "sim-cache"), data.resolve("cache").resolve("sim")); // the pre-rendered demo scene
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-Dprism.order=sw",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", data.toString(), "--hidden", "--demo");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process child = pb.start();
        try {
            // the window process serves its data folder once the window (or the tray) is up
            Path socket = data.resolve("doorstep.sock");
            Instant until = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(socket) && child.isAlive() && Instant.now().isBefore(until)) {
                Thread.sleep(200);
            }
            assertThat(socket).as("child output: %s", read(log)).exists();
            System.out.printf("window process serving after %.1f s%n", (System.nanoTime() - started) / 1e9);

            StringWriter out = new StringWriter();
            int code = Main.run(new String[] {"--data-dir", data.toString()}, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("brought to the front");

            // and it records: a segment file grows on disk; SIGTERM then closes it (as Ctrl+C or logging out does)
            until = Instant.now().plus(Duration.ofSeconds(60));
            while (!recording(data) && child.isAlive() && Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
            assertThat(recording(data)).as("child output: %s", read(log)).isTrue();
            System.out.printf("recording after %.1f s%n", (System.nanoTime() - started) / 1e9);
            Thread.sleep(3000); // a few fragments
        } finally {
            long stopping = System.nanoTime();
            child.destroy(); // SIGTERM: the same clean end as Ctrl+C
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            System.out.printf("window process ended %.1f s after SIGTERM%n", (System.nanoTime() - stopping) / 1e9);
        }
        assertThat(child.exitValue()).as("child output: %s", read(log)).isIn(0, 130, 143);
        StringWriter listed = new StringWriter();
        Main.run(new String[] {"--data-dir", data.toString(), "segments"}, new PrintWriter(listed, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(listed.toString()).as("child output: %s", read(log)).contains("Demo doorbell");
    }

    /** A segment file with data in it: the recorder writes fragments as they come. */
    private static boolean recording(Path data) throws Exception {
        Path segments = data.resolve("segments");
        if (!Files.isDirectory(segments)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(segments)) {
            return files.anyMatch(p -> p.toString().endsWith(".dseg") && p.toFile().length() > 0);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String read(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
