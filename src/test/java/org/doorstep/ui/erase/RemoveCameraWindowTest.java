package org.doorstep.ui.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
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

/** "Remove camera…" from a camera's menu: keep its recordings (switched off), or erase them and remove it. */
@ExtendWith(ApplicationExtension.class)
class RemoveCameraWindowTest {
    private App app;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-remove-camera");
        app = App.open(new DataDir(dir), "remove camera test");
        Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        app.cameras().insert(Camera.newCamera("Shed", URI.create("rtsp://10.0.0.3/a"), null, null, null));
        // one real encrypted segment of Porch
        SegmentFiles files = new SegmentFiles(app.dataDir());
        SegmentKeyStore keys = new SegmentKeyStore(app.dataDir().keys());
        Instant start = Instant.now().minusSeconds(600);
        String rel = files.relative(porch.id(), "main", start);
        Files.createDirectories(files.resolve(rel).getParent());
        SegmentKeyStore.SegmentKey key = keys.keyFor(porch.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(files.resolve(rel), key,
                new EncryptingSegmentWriter.Buffers())) {
            w.write(new byte[1000], 0, 1000);
        }
        new SegmentIndex(app.database()).insert(new SegmentRow(0, porch.id(), "main", start, start.plusSeconds(60),
                null, null, Files.size(files.resolve(rel)), "h264", null, 1280, 720, null, key.id(), rel));
        pool = UiExecutors.backgroundPool();
        new MainWindow(new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH)).show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows().stream().toList()) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
            stage.hide();
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        pool.shutdownNow();
        app.close();
    }

    private static void cameraMenu(FxRobot robot, String camera, String entry) {
        ListView<?> list = robot.lookup("#cameraList").queryAs(ListView.class);
        robot.interact(() -> {
            int at = list.getItems().stream().map(Object::toString).toList().indexOf(camera);
            list.getSelectionModel().select(at);
            list.getContextMenu().getItems().stream().filter(i -> entry.equals(i.getText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no menu entry " + entry)).fire();
        });
    }

    @Test
    void keepingRecordingsSwitchesTheCameraOffAndACameraWithoutRecordingsIsRemoved(FxRobot robot) {
        cameraMenu(robot, "Porch", "Remove camera…");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#removeExplain").queryAs(Label.class).getText()).startsWith("This camera has one recording."));
        robot.interact(() -> robot.lookup("#removeKeep").queryAs(Button.class).fire());
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#removeDone").queryAs(Label.class).getText()).contains("switched off"));
        assertThat(app.catalog().require("Porch").enabled()).isFalse();
        assertThat(app.catalog().footage("Porch")).isEqualTo(1);
        robot.interact(() -> robot.lookup("#removeClose").queryAs(Button.class).fire());

        cameraMenu(robot, "Shed", "Remove camera…");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#removeExplain").queryAs(Label.class).getText()).startsWith("This camera has no recordings"));
        assertThat(robot.lookup("#removeErase").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#removeKeep").queryAs(Button.class).fire());
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.catalog().find("Shed").isEmpty());
    }

    @Test
    void erasingRecordingsRemovesTheCameraAtTheEndOfTheErase(FxRobot robot) {
        cameraMenu(robot, "Porch", "Remove camera…");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#removeErase").queryAs(Button.class).isDisabled()).isFalse());
        robot.interact(() -> robot.lookup("#removeErase").queryAs(Button.class).fire());
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseSummary").queryAs(Label.class).getText()).startsWith("Erases from Porch: 1 segments"));
        robot.interact(() -> robot.lookup("#eraseButton").queryAs(Button.class).fire());
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseReceipt").queryAs(Label.class).getText()).contains("Receipt e-"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.catalog().find("Porch").isEmpty());
        assertThat(app.catalog().find("Shed")).isPresent();
    }
}
