package org.doorstep.ui.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.erase.EraseScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The erase dialog opened from the main window (as the camera menu does), driven headless. */
@ExtendWith(ApplicationExtension.class)
class EraseDialogTest {
    private MainWindow window;
    private App app;
    private ExecutorService pool;
    private long ring;
    private EraseDialog opened;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-erase-window");
        app = App.open(new DataDir(dir), "erase window test");
        Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        ring = new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, t,
                t.plusSeconds(1), 100, null, null, null)).id();
        pool = UiExecutors.backgroundPool();
        window = new MainWindow(new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH));
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (opened != null) {
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> opened.dialog().close()).get(5, TimeUnit.SECONDS);
        }
        // hiding the window stops its timeline refresher before the pool it submits to goes
        org.testfx.util.WaitForAsyncUtils.asyncFx(stage::hide).get(5, TimeUnit.SECONDS);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        pool.shutdownNow();
        app.close();
    }

    @Test
    void confirmationTextThenEraseThenReceipt(FxRobot robot) {
        robot.interact(() -> opened = window.erase(EraseScope.camera("Porch", false)));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseSummary").queryAs(Label.class).getText())
                .isEqualTo("Erases from Porch: 0 segments (0.0 hours, 0.0 MB), 1 events and 0 thumbnails."));
        snapshot(robot, "erase-confirm.png");
        robot.interact(() -> robot.lookup("#eraseButton").queryAs(Button.class).fire());
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseReceipt").queryAs(Label.class).getText()).contains("Receipt e-"));
        snapshot(robot, "erase-receipt.png");
        assertThat(robot.lookup("#eraseCancel").queryAs(Button.class).getText()).isEqualTo("Close");
        assertThat(robot.lookup("#eraseButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(app.erase().receipts()).hasSize(1);
    }

    /** Writes the dialog as it looks now to target/screenshots (copied into docs/screenshots by hand). */
    private void snapshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                Path out = Path.of("target", "screenshots", name);
                Files.createDirectories(out.getParent());
                javafx.scene.image.WritableImage image = opened.dialog().getDialogPane().snapshot(null, null);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void oneEventFromTheEventList(FxRobot robot) {
        robot.interact(() -> opened = window.erase(EraseScope.event(ring)));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseSummary").queryAs(Label.class).getText()).contains("1 events"));
        robot.interact(() -> robot.lookup("#eraseButton").queryAs(Button.class).fire());
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseReceipt").queryAs(Label.class).getText()).startsWith("Erased 0 segments, 1 events"));
    }
}
