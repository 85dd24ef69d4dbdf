package org.doorstep.usecase.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.motion.MotionCost;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.Visit;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app setting "save processor time while nothing moves", end to end with the virtual doorbell on loopback and
 * real FFmpeg: off (the default), a still sub stream is decoded in full while a main stream analysed without one
 * decodes only keyframes; saved on, the running sub stream's analysis goes to keyframes, a visitor still becomes one
 * event that starts on time, and the choice is kept; saved off again, it decodes everything at once.
 */
class KeyframesWhileStillSettingTest {
    @TempDir
    Path dir;

    @Test
    void savedOnTheRunningSubStreamDecodesKeyframesWhileStillAndAVisitorIsFound() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            MotionCostCameras.insert(dir, bell);
            try (App app = App.open(new DataDir(dir), "test")) {
                long front = app.cameras().findByName("Front door").orElseThrow().id();
                long garden = app.cameras().findByName("Garden").orElseThrow().id();
                assertThat(app.appSettings().choices().keyframesWhileStill()).as("off by default").isFalse();
                Watch watch = app.watch();
                watch.start(List.of());
                await().atMost(Duration.ofSeconds(45)).until(() -> keyframesOnly(watch, front));
                Thread.sleep(2000);
                assertThat(keyframesOnly(watch, garden)).as("the still sub stream, setting off").isFalse();

                save(app, true);
                await().atMost(Duration.ofSeconds(5)).until(() -> keyframesOnly(watch, garden));

                Visit visit = bell.triggerVisit().get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> !keyframesOnly(watch, garden));
                EventRepository events = new EventRepository(app.database());
                await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(visit.leave().plusSeconds(8))
                        && events.find(garden, StoredEvent.MOTION, null, null).stream()
                        .anyMatch(e -> e.end() != null));
                List<StoredEvent> found = events.find(garden, StoredEvent.MOTION, null, null);
                assertThat(found).as("one event for the visit").hasSize(1);
                Duration late = Duration.between(visit.arrive(), found.get(0).start());
                System.out.printf("sub stream, keyframes while still: start - arrive = %+d ms%n", late.toMillis());
                assertThat(late).isBetween(Duration.ofSeconds(-2), Duration.ofMillis(2500));
                await().atMost(Duration.ofSeconds(20)).until(() -> keyframesOnly(watch, garden));

                save(app, false);
                await().atMost(Duration.ofSeconds(5)).until(() -> !keyframesOnly(watch, garden));
                assertThat(keyframesOnly(watch, front)).as("a main stream does so whatever the setting").isTrue();
                save(app, true);
            }
            try (App again = App.open(new DataDir(dir), "test")) {
                assertThat(again.appSettings().choices().keyframesWhileStill()).as("kept").isTrue();
            }
        }
    }

    private static boolean keyframesOnly(Watch watch, long cameraId) {
        MotionCost cost = watch.motionCost(cameraId);
        return cost != null && cost.keyframesOnly();
    }

    private static void save(App app, boolean on) {
        app.appSettings().save(app.appSettings().choices().withKeyframesWhileStill(on));
    }
}
