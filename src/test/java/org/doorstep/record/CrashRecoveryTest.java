package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.playback.ExportService;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.store.SegmentRow;
import org.doorstep.store.SegmentFiles;
/** kill -9 of a recorder process: after restart the index matches the disk and at most ~2 s are lost. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    static Process startRecorder(Path data, int segmentSeconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx96m", "-cp",
                System.getProperty("java.class.path"), RecorderProcess.class.getName(), data.toString(),
                Integer.toString(segmentSeconds));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    static void awaitLine(Process p, String prefix, Duration timeout) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            String line = r.readLine();
            if (line == null) {
                throw new AssertionError("recorder process ended");
            }
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("no '" + prefix + "' from the recorder");
    }

    @Test
    void killNineLosesAtMostTwoSecondsAndReconcileMatchesIndexToDisk() throws Exception {
        Path data = dir.resolve("data");
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim())) {
            bell.start();
            long camId;
            try (RecordTestSupport setup = new RecordTestSupport(data, 6, 0)) {
                camId = setup.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null).id();
            }
            Process p = startRecorder(data, 6);
            Instant killed;
            try {
                awaitLine(p, "RECORDING", Duration.ofSeconds(30));
                Thread.sleep(15_000); // two closed segments and one half-written
                killed = Instant.now();
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }

            try (RecordTestSupport t = new RecordTestSupport(data, 6, 0)) {
                List<SegmentRow> before = t.index.all();
                // simulate a lost file too: its row must go
                SegmentRow lost = before.get(0);
                Files.delete(t.files.resolve(lost.file()));

                Reconciler.Result r = new Reconciler(t.index, t.files, t.keys, Clock.systemUTC()).reconcile();

                assertThat(r.rowsRemoved()).isEqualTo(1);
                assertThat(r.filesRecovered()).isEqualTo(1);
                Set<String> onDisk;
                try (Stream<Path> s = Files.walk(t.files.root())) {
                    onDisk = s.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(SegmentFiles.EXTENSION)) // not the volume marker
                            .map(t.files::relativize).collect(Collectors.toSet());
                }
                List<SegmentRow> after = t.index.all();
                assertThat(after.stream().map(SegmentRow::file).collect(Collectors.toSet())).isEqualTo(onDisk);
                SegmentRow last = after.get(after.size() - 1);
                assertThat(Duration.between(last.end(), killed)).isLessThan(Duration.ofSeconds(2));
                for (SegmentRow row : after) {
                    try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(t.files.resolve(row.file()), t.keys)) {
                        assertThat(reader.size()).isPositive(); // every file is complete and authentic now
                    }
                }
                Path out = dir.resolve("after-crash.mp4");
                new ExportService(t.index, t.files, t.keys).export(camId, last.start(), last.end(), out, f -> { }, () -> false);
                StreamCheck.Result probe = RecordTestSupport.probeDecode(out);
                assertThat(probe.stderr()).isBlank();
                assertThat(probe.exit()).isZero();
            }
        }
    }
}
