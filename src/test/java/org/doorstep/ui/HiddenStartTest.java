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
        Process child = pb.start();
        try {
            // the window process serves its data folder once the window (or the tray) is up
            Path socket = data.resolve("doorstep.sock");
            Instant until = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(socket) && child.isAlive() && Instant.now().isBefore(until)) {
                Thread.sleep(200);
            }
            assertThat(socket).as("child output: %s", read(log)).exists();

            StringWriter out = new StringWriter();
            int code = Main.run(new String[] {"--data-dir", data.toString()}, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("brought to the front");

            // and it records: the demo doorbell's segment appears in the index (asked through the same channel)
            String segments = "";
            until = Instant.now().plus(Duration.ofSeconds(60));
            while (!segments.contains("Demo doorbell") && Instant.now().isBefore(until)) {
                Thread.sleep(1000);
                StringWriter listed = new StringWriter();
                Main.run(new String[] {"--data-dir", data.toString(), "segments"}, new PrintWriter(listed, true),
                        new PrintWriter(new StringWriter(), true));
                segments = listed.toString();
            }
            assertThat(segments).as("child output: %s", read(log)).contains("Demo doorbell");
        } finally {
            child.destroy(); // SIGTERM: the same clean end as Ctrl+C
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
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
