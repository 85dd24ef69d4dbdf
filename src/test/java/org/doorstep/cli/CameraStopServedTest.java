package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.doorstep.App;
import org.doorstep.common.JsonMapper;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code camera stop} typed while {@code record} runs is carried out by the recorder over the local channel. */
class CameraStopServedTest {
    @TempDir
    Path dir;

    @Test
    void theRecorderStopsTheCameraAtOnceAndAuditsIt() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            try (App app = App.open(new DataDir(dir), "test setup")) {
                Settings d = Settings.defaults();
                app.settingsStore().save(new Settings(null, 3, 0, 0, 300, d.hwAccel(), d.motionFps()));
                app.cameras().insert(Camera.newCamera("Porch", bell.rtspUri(VirtualDoorbell.Stream.SUB), null, null,
                        null));
            }
            CliRunner cli = new CliRunner(dir);
            CompletableFuture<CliRunner.Result> recording = CompletableFuture.supplyAsync(
                    () -> cli.run("record", "--duration", "15s"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("doorstep.sock")));
            // recording for real: a first segment is indexed
            await().atMost(Duration.ofSeconds(15)).until(() -> JsonMapper.create()
                    .readTree(cli.run("segments", "--json").out()).size() >= 1);

            CliRunner.Result stopped = cli.run("camera", "stop", "Porch");

            assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            assertThat(stopped.out()).contains("Recording stopped for Porch").doesNotContain("within a few seconds");
            recording.get(40, TimeUnit.SECONDS);
        }
        try (App app = App.open(new DataDir(dir), "check")) {
            assertThat(new AuditLog(app.database()).all()).extracting(AuditLog.Entry::action)
                    .containsSubsequence("recording-stop", "recording-stopped");
        }
    }
}
