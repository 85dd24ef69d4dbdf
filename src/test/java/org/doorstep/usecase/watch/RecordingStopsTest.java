package org.doorstep.usecase.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.common.UserException;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.RecordingObjections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Stop recording now": the running recorder stops the camera at once (same process) or within seconds (a flag
 * written by another process), keeps it stopped across a restart, resumes it, and the audit log has each step.
 * The cameras point at a closed loopback port: their recorders run (retrying), which is all a stop needs.
 */
class RecordingStopsTest {
    @TempDir
    Path dir;

    private static Camera camera(String name) {
        return Camera.newCamera(name, URI.create("rtsp://127.0.0.1:1/" + name), null, null, null);
    }

    @Test
    void stopAndResumeOneCameraInTheSameProcessAreImmediateAndAudited() throws Exception {
        try (App app = App.open(new DataDir(dir), "stop test")) {
            Camera porch = app.cameras().insert(camera("porch"));
            Camera garden = app.cameras().insert(camera("garden"));
            Watch watch = app.watch();
            watch.start(List.of());
            assertThat(recording(watch)).containsExactlyInAnyOrder(porch.id(), garden.id());

            app.recordingStops().stop("porch");

            assertThat(recording(watch)).containsExactly(garden.id());
            assertThat(app.recordingStops().stopped("porch")).isTrue();
            assertThat(app.recordingStops().stopped("garden")).isFalse();

            app.recordingStops().resume("porch");

            assertThat(recording(watch)).containsExactlyInAnyOrder(porch.id(), garden.id());
            assertThat(new AuditLog(app.database()).all()).extracting(AuditLog.Entry::action)
                    .containsSubsequence("recording-stop", "recording-stopped", "recording-resume",
                            "recording-resumed");
            assertThatThrownBy(() -> app.recordingStops().stop("nobody")).isInstanceOf(UserException.class);
        }
    }

    @Test
    void aFlagFromAnotherProcessStopsAllCamerasWithinSecondsAndHoldsThemBackAfterARestart() throws Exception {
        try (App app = App.open(new DataDir(dir), "stop test")) {
            Camera porch = app.cameras().insert(camera("porch"));
            Watch watch = app.watch();
            watch.start(List.of());
            assertThat(recording(watch)).containsExactly(porch.id());

            // what `doorstep camera stop --all` does while this process holds the folder
            RecordingStops.flagsOnly(new RecordingObjections(dir), Clock.systemUTC()).stop(null);

            await().atMost(10, TimeUnit.SECONDS).until(() -> recording(watch).isEmpty());
            // the audit row is written right after the cameras stop, on the flag-check thread
            await().atMost(5, TimeUnit.SECONDS).until(() ->
                    new AuditLog(app.database()).byAction("recording-stopped").size() == 1);
        }
        try (App app = App.open(new DataDir(dir), "stop test, restarted")) {
            Watch watch = app.watch();
            watch.start(List.of());
            assertThat(recording(watch)).as("still stopped after a restart").isEmpty();
            assertThatThrownBy(() -> app.recordingStops().resume("porch")).isInstanceOf(UserException.class)
                    .hasMessageContaining("All cameras are stopped");

            app.recordingStops().resume(null);

            assertThat(recording(watch)).hasSize(1);
        }
    }

    @Test
    void aStoppedCameraStaysStoppedWhenRenamed() throws Exception {
        try (App app = App.open(new DataDir(dir), "stop test")) {
            Camera porch = app.cameras().insert(camera("porch"));
            // set by name only, as the command line does while another process holds the folder
            RecordingStops.flagsOnly(new RecordingObjections(dir), Clock.systemUTC()).stop("porch");
            Watch watch = app.watch();
            watch.start(List.of());
            assertThat(recording(watch)).isEmpty();

            app.catalog().rename("porch", "front door");
            watch.restartCamera("front door");
            assertThat(watch.honourObjections()).isZero();

            assertThat(recording(watch)).isEmpty();
            assertThat(app.recordingStops().stopped("front door")).isTrue();
            app.recordingStops().resume("front door");
            assertThat(recording(watch)).containsExactly(porch.id());
        }
    }

    private static List<Long> recording(Watch watch) {
        return watch.status().stream().map(s -> s.cameraId()).toList();
    }
}
