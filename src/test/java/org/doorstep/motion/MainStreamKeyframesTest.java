package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorstep.privacy.ThumbnailSink;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.Visit;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AnalysedStreams;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera without a sub stream is analysed on its 1280x720 main stream (real RTSP on loopback, real FFmpeg): once
 * the scene has been still for a while only keyframes are decoded, a visitor still becomes one event (starting at
 * most about one keyframe interval late), keyframes-only comes back after the visit, and a light change seen on
 * keyframes only is no event.
 */
class MainStreamKeyframesTest {
    @TempDir
    Path dir;

    @Test
    void aStillMainStreamDecodesKeyframesOnlyAndAVisitorIsStillFound() throws Exception {
        DataDir data = new DataDir(dir).create();
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(MotionEventsEndToEndTest.USER, MotionEventsEndToEndTest.PASSWORD,
                        false);
        try (Database db = Database.open(data); VirtualDoorbell doorbell = new VirtualDoorbell(cfg)) {
            doorbell.start();
            Camera camera = new CameraRepository(db).insert(Camera.newCamera("Porch",
                    doorbell.rtspUri(VirtualDoorbell.Stream.MAIN), null, MotionEventsEndToEndTest.USER, null));
            EventRepository events = new EventRepository(db);
            ThumbnailSink none = (cameraId, at, jpeg) -> new ThumbnailSink.Stored("none", "plain-test");
            Visit visit;
            AnalysedStreams streams = new AnalysedStreams(db);
            try (MotionService motion = new MotionService(events, new ActivityRepository(db), streams, none,
                    MotionEventsEndToEndTest::withCredentials, MotionEventsEndToEndTest.ANALYSIS_FPS, List.of())) {
                motion.start(camera);
                await().atMost(Duration.ofSeconds(40)).until(() -> motion.stats(camera.id()).keyframesOnly());
                // kept for doctor's estimate in a process that does not analyse the camera
                AnalysedStreams.AnalysedStream opened = streams.of(camera.id()).orElseThrow();
                assertThat(opened.onSubStream()).isFalse();
                assertThat(new int[] {opened.width(), opened.height()})
                        .containsExactly(cfg.mainWidth(), cfg.mainHeight());
                assertThat(opened.fps()).isEqualTo((double) cfg.fps());
                long before = motion.stats(camera.id()).analysed();
                Thread.sleep(4000);
                long stillPictures = motion.stats(camera.id()).analysed() - before;
                // 5 pictures a second when decoding everything; the demo stream has a keyframe every second
                assertThat(stillPictures).as("pictures analysed in 4 s while still").isBetween(2L, 7L);

                visit = doorbell.triggerVisit().get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> !motion.stats(camera.id()).keyframesOnly());
                await().atMost(Duration.ofSeconds(60)).until(() -> motion.stats(camera.id()).keyframesOnly()
                        && java.time.Instant.now().isAfter(visit.leave().plusSeconds(6)));
                // the scene dims the light 20 s after a visit: seen on keyframes only, it must not become an event
                Visit seen = visit;
                await().atMost(Duration.ofSeconds(60)).until(() -> doorbell.lightChanges().stream()
                        .anyMatch(l -> l.start().isAfter(seen.leave())
                                && java.time.Instant.now().isAfter(l.end().plusSeconds(2))));
            }
            List<StoredEvent> found = events.find(camera.id(), StoredEvent.MOTION, null, null);
            assertThat(found).as("one event for the visit, none for the light change").hasSize(1);
            Duration late = Duration.between(visit.arrive(), found.get(0).start());
            Duration endDiff = Duration.between(visit.leave(), found.get(0).end());
            System.out.printf("keyframes while still: start - arrive = %+d ms, end - leave = %+d ms%n",
                    late.toMillis(), endDiff.toMillis());
            assertThat(late).isBetween(Duration.ofSeconds(-2), Duration.ofMillis(2500));
            assertThat(endDiff).isBetween(Duration.ofSeconds(-2), Duration.ofSeconds(3));
        }
    }
}
