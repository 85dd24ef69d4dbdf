package org.doorstep.ui.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
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

/**
 * Issue 12's three window entry points of erase, each driven as a user would: the timeline's selection bar, an
 * event's menu in the events list and a camera's menu; each shows the confirmation text, erases and shows the receipt.
 */
@ExtendWith(ApplicationExtension.class)
class EraseEntryPointsTest {
    private WindowFeatures features;
    private App app;
    private ExecutorService pool;
    private Stage stage;
    private StoredEvent ring;
    private StoredEvent later;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-erase-entries");
        app = App.open(new DataDir(dir), "erase entry points test");
        Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        // today, so the events list shows them; minutes apart, so a range can hold one and not the other
        Instant t = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        EventRepository events = new EventRepository(app.database());
        ring = events.insert(new StoredEvent(0, porch.id(), StoredEvent.RING, t, t.plusSeconds(1), 100, null, null, null));
        later = events.insert(new StoredEvent(0, porch.id(), StoredEvent.MOTION, t.plusSeconds(600),
                t.plusSeconds(610), 40, null, null, null));
        pool = UiExecutors.backgroundPool();
        features = new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH);
        new MainWindow(features).show(stage);
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

    @Test
    void fromTheTimelineSelectionBar(FxRobot robot) {
        robot.interact(() -> {
            features.timeline().select(ring.start().minusSeconds(30), ring.start().plusSeconds(60));
            features.timeline().finishSelection();
        });
        robot.clickOn("#selectionErase");
        confirmEraseAndReceipt(robot, "Erases from Porch: 0 segments (0.0 hours, 0.0 MB), 1 events and 0 thumbnails.");
        assertThat(remainingEvents()).containsExactly(later.id());
    }

    @Test
    void fromAnEventsMenuInTheEventsList(FxRobot robot) {
        ListView<?> list = robot.lookup("#eventList").queryAs(ListView.class);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(list.getItems()).hasSize(2));
        robot.interact(() -> {
            ListCell<?> cell = robot.lookup("#eventList .list-cell").queryAllAs(ListCell.class).stream()
                    .filter(c -> c.getItem() instanceof org.doorstep.usecase.events.EventReview.Event e
                            && e.id() == ring.id())
                    .findFirst().orElseThrow();
            menuItem(cell.getContextMenu().getItems(), "Erase this event…").fire();
        });
        confirmEraseAndReceipt(robot, "Erases from Porch: 0 segments (0.0 hours, 0.0 MB), 1 events and 0 thumbnails.");
        assertThat(remainingEvents()).containsExactly(later.id());
    }

    @Test
    void fromACamerasMenu(FxRobot robot) {
        ListView<?> cameras = robot.lookup("#cameraList").queryAs(ListView.class);
        robot.interact(() -> {
            cameras.getSelectionModel().select(0);
            menuItem(cameras.getContextMenu().getItems(), "Erase recordings…").fire();
        });
        confirmEraseAndReceipt(robot, "Erases from Porch: 0 segments (0.0 hours, 0.0 MB), 2 events and 0 thumbnails.");
        assertThat(remainingEvents()).isEmpty();
        assertThat(app.catalog().find("Porch")).isPresent(); // footage, not the camera
    }

    private static MenuItem menuItem(java.util.List<MenuItem> items, String text) {
        return items.stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu entry " + text));
    }

    private void confirmEraseAndReceipt(FxRobot robot, String summary) {
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseSummary").queryAs(Label.class).getText()).isEqualTo(summary));
        robot.interact(() -> robot.lookup("#eraseButton").queryAs(Button.class).fire());
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eraseReceipt").queryAs(Label.class).getText()).contains("Receipt e-"));
        assertThat(app.erase().receipts()).hasSize(1);
    }

    private java.util.List<Long> remainingEvents() {
        try {
            return new EventRepository(app.database()).overlapping(null, null, Instant.now()).stream()
                    .map(StoredEvent::id).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
