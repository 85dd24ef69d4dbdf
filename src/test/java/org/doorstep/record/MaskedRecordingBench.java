package org.doorstep.record;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the virtual doorbell's 1280x720 15 fps main stream recorded twice at once, by a camera with a privacy
 * mask (decode, black out, encode, encrypt) and by one without (packet copy, encrypt). Prints the CPU of each
 * camera's recorder thread over the same seconds, in % of one core.
 *
 * <p>Run: {@code ./mvnw -o -q -Pbench test -Dtest=MaskedRecordingBench [-Dmask.seconds=30]}
 */
@Tag("bench")
class MaskedRecordingBench {
    @TempDir
    Path dir;

    @Test
    void maskedVersusCopiedCamera() throws Exception {
        int seconds = Integer.getInteger("mask.seconds", 30);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 10, 0)) {
            bell.start();
            Camera masked = t.addCamera("masked", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            masked = masked.withOptions(new Camera.Options("[[[0,0],[0.33,0],[0.33,1],[0,1]]]", null, 0, "auto",
                    false, false));
            t.app.cameras().update(masked);
            Camera copied = t.addCamera("copied", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.RECORDING).count() >= 2);
            Thread.sleep(3000); // past connecting and the encoder's start
            long m0 = cpu(mx, "record-" + masked.id());
            long c0 = cpu(mx, "record-" + copied.id());
            long w0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - w0) / 1e9;
            double m = (cpu(mx, "record-" + masked.id()) - m0) / 1e9;
            double c = (cpu(mx, "record-" + copied.id()) - c0) / 1e9;
            System.out.printf(Locale.ROOT, "1280x720@15 for %.1f s: masked (%s) %.1f %% of one core, packet copy"
                            + " %.1f %% (%.0fx)%n", wall, t.service.videoPath(masked.id()), 100 * m / wall,
                    100 * c / wall, c > 0 ? m / c : Double.NaN);
        }
    }

    private static long cpu(ThreadMXBean mx, String name) {
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().equals(name)) {
                return mx.getThreadCpuTime(th.getId());
            }
        }
        throw new IllegalStateException("no thread " + name);
    }
}
