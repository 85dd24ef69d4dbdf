package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.RecordingObjections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraStopCommandTest {
    @TempDir
    Path dir;

    @Test
    void stopAndResumeWithTheFolderFreeAreSavedAndAudited() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        }
        CliRunner cli = new CliRunner(dir);

        CliRunner.Result stopped = cli.run("camera", "stop", "Porch");
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("Recording stopped for Porch");
        assertThat(new RecordingObjections(dir).stops("Porch")).isTrue();
        assertThat(cli.run("camera", "list").out()).contains("Recording stopped: Porch");
        assertThat(cli.run("camera", "list", "--json").out()).contains("\"recordingStopped\" : true");
        assertThat(cli.run("camera", "stop").exitCode()).isEqualTo(2); // neither a name nor --all
        assertThat(cli.run("camera", "stop", "Nobody").exitCode()).isNotZero();

        CliRunner.Result resumed = cli.run("camera", "resume", "--all");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(new RecordingObjections(dir).read()).isEmpty();
        try (App app = App.open(new DataDir(dir), "check")) {
            assertThat(new AuditLog(app.database()).all()).extracting(AuditLog.Entry::action)
                    .containsExactly("recording-stop", "recording-resume");
        }
    }

    @Test
    void whileAnotherProcessRecordsTheFlagIsLeftForItAndItStopsTheCamera() throws Exception {
        try (App app = App.open(new DataDir(dir), "doorstep record")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://127.0.0.1:1/a"), null,
                    null, null));
            app.watch().start(List.of());
            assertThat(app.watch().status()).hasSize(1);

            CliRunner.Result stopped = new CliRunner(dir).run("camera", "stop", "Porch");

            assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            assertThat(stopped.out()).contains("applies this within a few seconds");
            await().atMost(10, TimeUnit.SECONDS).until(() -> app.watch().status().isEmpty());
            // the audit row follows the stop on the flag-check thread
            await().atMost(5, TimeUnit.SECONDS).until(() ->
                    !new AuditLog(app.database()).byAction("recording-stopped").isEmpty());
            assertThat(new AuditLog(app.database()).byAction("recording-stopped")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("camera=" + porch.id()));
        }
    }
}
