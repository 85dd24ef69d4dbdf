package org.doorstep.ui.stop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Stop recording now" from the tool bar (all cameras) and from a camera's menu, one click each, audited. */
@ExtendWith(ApplicationExtension.class)
class StopRecordingWindowTest {
    private App app;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-stop-window");
        app = App.open(new DataDir(dir), "stop window test");
        app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        pool = UiExecutors.backgroundPool();
        new MainWindow(new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH)).show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::hide).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        pool.shutdownNow();
        app.close();
    }

    /** Chooses an entry of the camera list's menu for its first camera (as a right-click and a click do). */
    static void cameraMenu(FxRobot robot, String entry) {
        javafx.scene.control.ListView<?> list = robot.lookup("#cameraList").queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> {
            list.getSelectionModel().select(0);
            list.getContextMenu().getItems().stream().filter(i -> entry.equals(i.getText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no menu entry " + entry)).fire();
        });
    }

    @Test
    void theToolBarStopsAllAndResumesAndTheCameraMenuStopsOne(FxRobot robot) {
        Button all = robot.lookup("#stopAllRecording").queryAs(Button.class);
        assertThat(all.getText()).isEqualTo("Stop all recording");
        robot.clickOn("#stopAllRecording");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(app.recordingStops().allStopped()).isTrue();
            assertThat(all.getText()).isEqualTo("Resume recording");
        });
        robot.clickOn("#stopAllRecording");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(app.recordingStops().stops()).isEmpty();
            assertThat(all.getText()).isEqualTo("Stop all recording");
        });

        cameraMenu(robot, "Stop recording now");
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.recordingStops().stopped("Porch"));
        cameraMenu(robot, "Resume recording");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !app.recordingStops().stopped("Porch"));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(new AuditLog(app.database()).all())
                .extracting(AuditLog.Entry::action).containsExactly("recording-stop", "recording-resume",
                        "recording-stop", "recording-resume"));
    }
}
