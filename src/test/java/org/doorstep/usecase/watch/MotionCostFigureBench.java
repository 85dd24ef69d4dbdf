package org.doorstep.usecase.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.doorstep.App;
import org.doorstep.media.DecoderProbe;
import org.doorstep.motion.MotionCost;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figure doctor and the camera settings show, over a longer run than the tests: one camera analysed on the
 * virtual doorbell's main stream ({@code -Dbench.main}, default 1280x720), one on its 640x360 sub stream, 15 fps, the
 * smoothed measurement printed every 10 s for {@code -Dbench.seconds} (default 90), then doctor's estimates (from
 * the streams the analysis opened) for comparison.
 * {@code ./mvnw -o -q -Pbench test -Dtest=MotionCostFigureBench [-Dbench.main=1920x1080]}
 */
@Tag("bench")
class MotionCostFigureBench {
    @Test
    void printTheFigures() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 90);
        Path dir = Files.createTempDirectory("doorstep-motioncost");
        String[] size = System.getProperty("bench.main", "1280x720").split("x");
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withSizes(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 640, 360, 15);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg);
             App app = App.open(new DataDir(dir), "bench")) {
            bell.start();
            long main = app.cameras().insert(Camera.newCamera("Main only", bell.rtspUri(VirtualDoorbell.Stream.MAIN),
                    null, null, null)).id();
            long sub = app.cameras().insert(Camera.newCamera("With sub", bell.rtspUri(VirtualDoorbell.Stream.MAIN),
                    bell.rtspUri(VirtualDoorbell.Stream.SUB), null, null)).id();
            app.watch().start(List.of());
            for (int t = 10; t <= seconds; t += 10) {
                Thread.sleep(10_000);
                MotionCost m = app.watch().motionCost(main);
                MotionCost s = app.watch().motionCost(sub);
                System.out.printf("t=%3d s  main %dx%d: %.2f %% of a core (keyframes only now: %s)   sub %dx%d: %.2f %%%n",
                        t, m.width(), m.height(), m.percentOfCore(), m.keyframesOnly(), s.width(), s.height(),
                        s.percentOfCore());
            }
            // where it goes: each motion thread's CPU since its start, per second of the run
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("motion-") || t.getName().contains("relay")) {
                    System.out.printf("  %-60s %.2f %% of a core%n", t.getName().replaceAll("//[^/]*/", "//…/"),
                            mx.getThreadCpuTime(t.getId()) / 1e7 / seconds);
                }
            }
            app.watch().close();
            DecoderProbe.Result software = new DecoderProbe(DecoderProbe.writeTestClip(dir)).measure(null);
            MotionCosts.DecodeSpeed speed = new MotionCosts.DecodeSpeed(software.cpuPerFrameMillis(), 1280, 720);
            MotionCosts.CameraCost e = app.motionCosts().of(app.cameras().findByName("Main only").orElseThrow(), speed);
            MotionCosts.CameraCost es = app.motionCosts().of(app.cameras().findByName("With sub").orElseThrow(), speed);
            System.out.printf("estimate (%.2f ms per 1280x720 frame): main %dx%d at %.1f fps%s %.2f %% while moving,"
                            + " %.2f %% while still; sub %dx%d %.2f %%%n", software.cpuPerFrameMillis(), e.width(),
                    e.height(), e.fps(), e.fpsAssumed() ? " (assumed)" : "", e.percentOfCore(), e.stillPercentOfCore(),
                    es.width(), es.height(), es.percentOfCore());
            System.out.printf("load average %.1f%n", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
