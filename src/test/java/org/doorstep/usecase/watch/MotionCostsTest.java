package org.doorstep.usecase.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.doorstep.App;
import org.doorstep.media.DecoderProbe;
import org.doorstep.motion.MotionCost;
import org.doorstep.record.CameraStatus;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What motion analysis costs per camera, from the virtual doorbell (1280x720 main, 640x360 sub, 15 fps) on loopback
 * with real FFmpeg: measured while the watch analyses; once it stopped, a main stream estimated from what the analysis
 * opened (its size and stated frame rate), a sub stream described by it, and a camera whose analysed stream changed
 * since estimated from its recorded main stream at an assumed frame rate.
 */
class MotionCostsTest {
    @TempDir
    Path dir;

    @Test
    void measuredPerCameraWhileAnalysedThenEstimatedFromWhatTheAnalysisOpened() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            MotionCostCameras.insert(dir, bell);
            try (App app = App.open(new DataDir(dir), "test")) {
                long front = app.cameras().findByName("Front door").orElseThrow().id();
                long garden = app.cameras().findByName("Garden").orElseThrow().id();
                assertThat(app.motionCosts().all(null)).as("nothing runs, nothing recorded: no figure")
                        .allMatch(c -> c.basis() == MotionCosts.Basis.UNKNOWN);

                Watch watch = app.watch();
                watch.start(List.of());
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    MotionCost f = watch.motionCost(front);
                    MotionCost g = watch.motionCost(garden);
                    // and the main stream recording: a segment is open, so closing leaves one indexed (motion,
                    // which opens its stream without FFmpeg's probe second, may have figures before)
                    boolean recording = watch.status().stream().anyMatch(s -> s.cameraId() == front
                            && s.stream().equals("main") && s.state() == CameraStatus.State.RECORDING);
                    return f != null && g != null && f.width() > 0 && g.width() > 0
                            && f.percentOfCore() > 0 && g.percentOfCore() > 0 && recording;
                });
                MotionCost f = watch.motionCost(front);
                MotionCost g = watch.motionCost(garden);
                int cores = Runtime.getRuntime().availableProcessors();
                System.out.printf("motion cost: main 1280x720 %.2f %% of a core, sub 640x360 %.2f %%%n",
                        f.percentOfCore(), g.percentOfCore());
                assertThat(f.onSubStream()).isFalse();
                assertThat(f.width()).isEqualTo(1280);
                assertThat(f.height()).isEqualTo(720);
                assertThat(f.fps()).isBetween(14.0, 16.0);
                assertThat(f.percentOfCore()).isGreaterThan(0).isLessThan(100.0 * cores);
                assertThat(g.onSubStream()).isTrue();
                assertThat(g.width()).isEqualTo(640);
                assertThat(g.percentOfCore()).isGreaterThan(0).isLessThan(100.0 * cores);

                Map<String, MotionCosts.CameraCost> live = byName(app.motionCosts().all(null));
                assertThat(live.get("Front door").basis()).isEqualTo(MotionCosts.Basis.MEASURED);
                assertThat(live.get("Front door").pixelsOverSubStream()).isEqualTo(4.0);
                assertThat(live.get("Garden").basis()).isEqualTo(MotionCosts.Basis.MEASURED);
                assertThat(live.get("Garden").onSubStream()).isTrue();

                // a recorded main segment tells the picture size once nothing runs (closing closes the segments),
                // and its keyframes the interval: the doorbell sends one a second, so 2.5 s more hold two or more
                Thread.sleep(2500);
                watch.close();
                assertThat(watch.motionCost(front)).isNull();
                assertThat(new org.doorstep.store.SegmentIndex(app.database()).newest(front, "main", 1))
                        .singleElement().satisfies(s -> assertThat(s.width()).isEqualTo(1280));

                DecoderProbe.Result software = new DecoderProbe(DecoderProbe.writeTestClip(dir.resolve("clip")))
                        .measure(null);
                MotionCosts.DecodeSpeed speed = new MotionCosts.DecodeSpeed(software.cpuPerFrameMillis(), 1280, 720);
                Map<String, MotionCosts.CameraCost> estimated = byName(app.motionCosts().all(speed));
                MotionCosts.CameraCost e = estimated.get("Front door");
                System.out.printf("estimate: %.2f ms per 720p frame -> %.2f %% moving, %.2f %% still%n",
                        software.cpuPerFrameMillis(), e.percentOfCore(), e.stillPercentOfCore());
                assertThat(e.basis()).isEqualTo(MotionCosts.Basis.ESTIMATED);
                assertThat(e.width()).isEqualTo(1280);
                assertThat(e.height()).isEqualTo(720);
                assertThat(e.fpsAssumed()).as("the stream stated its rate when the analysis opened it").isFalse();
                assertThat(e.fps()).isEqualTo(15.0);
                assertThat(e.percentOfCore()).isCloseTo(software.cpuPerFrameMillis() * 15 / 10,
                        org.assertj.core.api.Assertions.within(1e-6));
                assertThat(e.stillPercentOfCore()).as("keyframes only: the doorbell sends one a second")
                        .isGreaterThan(0).isLessThan(e.percentOfCore());
                // a sub stream: what its analysis opened, but no pixel-scaled figure (it came out a third of the
                // measured cost for this stream)
                MotionCosts.CameraCost sub = estimated.get("Garden");
                assertThat(sub.basis()).isEqualTo(MotionCosts.Basis.UNKNOWN);
                assertThat(sub.onSubStream()).isTrue();
                assertThat(new int[] {sub.width(), sub.height()}).containsExactly(640, 360);
                assertThat(sub.fps()).isEqualTo(15.0);
                assertThat(sub.percentOfCore()).isNaN();

                // the sub stream taken away: the stream its analysis opened is no longer the one analysed, so the
                // recorded main stream tells the size, and the frame rate is assumed
                Camera garden2 = app.cameras().findByName("Garden").orElseThrow();
                app.cameras().update(new Camera(garden2.id(), garden2.name(), garden2.mainUrl(), null,
                        garden2.snapshotUrl(), garden2.onvifUrl(), garden2.username(), garden2.credentialRef(),
                        garden2.enabled(), garden2.retention(), garden2.rtspTransport(), garden2.motionEnabled(),
                        garden2.motionSensitivity(), garden2.motionMasksJson(), garden2.createdAt(),
                        garden2.options()));
                MotionCosts.CameraCost main = byName(app.motionCosts().all(speed)).get("Garden");
                assertThat(main.onSubStream()).isFalse();
                assertThat(main.basis()).isEqualTo(MotionCosts.Basis.ESTIMATED);
                assertThat(new int[] {main.width(), main.height()}).containsExactly(1280, 720);
                assertThat(main.fpsAssumed()).isTrue();
                assertThat(main.fps()).isEqualTo(MotionCosts.ASSUMED_FPS);
            }
        }
    }

    private static Map<String, MotionCosts.CameraCost> byName(List<MotionCosts.CameraCost> costs) {
        return costs.stream().collect(Collectors.toMap(MotionCosts.CameraCost::camera, Function.identity()));
    }
}
