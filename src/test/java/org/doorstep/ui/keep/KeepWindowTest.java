package org.doorstep.ui.keep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.doorstep.App;
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

/** "Keep" from the timeline's selection bar, through the reason dialog, to the "Kept" list and its Release. */
@ExtendWith(ApplicationExtension.class)
class KeepWindowTest {
    private MainWindow window;
    private WindowFeatures features;
    private App app;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-keep-window");
        app = App.open(new DataDir(dir), "keep window test");
        app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        pool = UiExecutors.backgroundPool();
        features = new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH);
        window = new MainWindow(features);
        window.show(stage);
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
    void keepFromTheSelectionBarShowsUnderKeptOnTheTimelineAndIsReleasedInOneClick(FxRobot robot) {
        Instant to = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant from = to.minusSeconds(120);
        robot.interact(() -> {
            features.timeline().select(from, to);
            features.timeline().finishSelection();
        });
        assertThat(robot.lookup("#selectionKeep").queryAs(Button.class).isDisabled()).isFalse(); // one camera: Porch
        robot.clickOn("#selectionKeep");
        WaitForAsyncUtils.waitForFxEvents();
        Button keep = robot.lookup("#keepButton").queryAs(Button.class);
        assertThat(keep.isDisabled()).as("no reason yet").isTrue();
        robot.interact(() -> robot.lookup("#keepReason").queryAs(TextArea.class).setText("parcel stolen"));
        robot.clickOn("#keepButton");

        await().atMost(10, TimeUnit.SECONDS).until(() -> app.keep().all().size() == 1);
        var kept = app.keep().all().get(0);
        assertThat(kept.camera()).isEqualTo("Porch");
        assertThat(kept.from()).isEqualTo(from);
        assertThat(kept.to()).isEqualTo(to);
        assertThat(kept.reason()).isEqualTo("parcel stolen");
        assertThat(kept.reviewOn()).isEqualTo(LocalDate.now().plusDays(KeepViewModel.DEFAULT_REVIEW_DAYS));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(robot.lookup("#keepButton").tryQuery()).as("the dialog closed").isEmpty();
            assertThat(features.timeline().keptProperty().get()).extracting(k -> k.id()).containsExactly(kept.id());
        });

        snapshot(robot, "keep-timeline-light.png");
        robot.interact(() -> org.doorstep.ui.common.Theme.DARK.apply());
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, "keep-timeline-dark.png");
        robot.interact(() -> org.doorstep.ui.common.Theme.LIGHT.apply());

        robot.clickOn("#filterKept");
        ListView<?> list = robot.lookup("#keptList").queryAs(ListView.class);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(list.getItems()).hasSize(1));
        assertThat(robot.lookup("#keptPane").query().isVisible()).isTrue();
        snapshot(robot, "keep-kept-list.png");
        robot.clickOn("#keptRelease" + kept.id());

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(list.getItems()).isEmpty();
            assertThat(features.timeline().keptProperty().get()).isEmpty();
        });
        assertThat(app.keep().all()).isEmpty();
    }

    /** The whole window as it looks (for the README and to check the band by eye), under target/screenshots. */
    private void snapshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                Path out = Path.of("target", "screenshots", name);
                Files.createDirectories(out.getParent());
                javafx.scene.image.WritableImage image = stage.getScene().getRoot().snapshot(null, null);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void keepFromAnEventsMenuKeepsItsClipWithTheEvent(FxRobot robot) throws Exception {
        Instant t = Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long porch = app.cameras().findByName("Porch").orElseThrow().id();
        long ring = new org.doorstep.store.EventRepository(app.database()).insert(new org.doorstep.store.StoredEvent(0,
                porch, org.doorstep.store.StoredEvent.RING, t, t.plusSeconds(2), 100, null, null, null)).id();
        robot.interact(() -> features.events().reload());
        ListView<?> events = robot.lookup("#eventList").queryAs(ListView.class);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(events.getItems()).hasSize(1));
        robot.interact(() -> {
            javafx.scene.control.ListCell<?> cell = robot.lookup("#eventList .list-cell")
                    .queryAllAs(javafx.scene.control.ListCell.class).stream().filter(c -> c.getItem() != null)
                    .findFirst().orElseThrow();
            cell.getContextMenu().getItems().stream().filter(i -> "Keep clip".equals(i.getText())).findFirst()
                    .orElseThrow().fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#keepReason").queryAs(TextArea.class).setText("ring at night"));
        robot.clickOn("#keepButton");
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.keep().all().size() == 1);
        var kept = app.keep().all().get(0);
        assertThat(kept.eventId()).isEqualTo(ring);
        assertThat(kept.from()).isEqualTo(t.minusSeconds(5));
        assertThat(kept.to()).isEqualTo(t.plusSeconds(7));
    }

    @Test
    void keepInThePlayerOffersTheTwoMinutesAroundTheShownMoment(FxRobot robot) {
        Instant at = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        robot.interact(() -> window.play(java.util.List.of("Porch"), at));
        await().atMost(10, TimeUnit.SECONDS).until(() -> features.player().positionProperty().get() != null);
        robot.interact(() -> robot.lookup("#playerKeep").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#keepReason").queryAs(TextArea.class).setText("delivery dispute"));
        robot.clickOn("#keepButton");
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.keep().all().size() == 1);
        var kept = app.keep().all().get(0);
        Instant shown = features.player().positionProperty().get();
        assertThat(kept.camera()).isEqualTo("Porch");
        assertThat(java.time.Duration.between(kept.from(), kept.to())).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(kept.from()).isBetween(at.minusSeconds(61), shown);
    }

    @Test
    void aReviewDueTodayShowsANoticeInTheToolBar(FxRobot robot) {
        Instant to = Instant.now().minusSeconds(60);
        app.keep().keep("Porch", to.minusSeconds(30), to, "broken window", LocalDate.now());
        robot.interact(() -> features.kept().reload());
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#keptNotice").queryAs(Label.class).getText())
                .isEqualTo("One kept clip is due for review"));
        assertThat(robot.lookup("#keptNotice").query().isVisible()).isTrue();
        robot.clickOn("#keptNotice");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#keptPane").query().isVisible()).isTrue());
        var id = app.keep().all().get(0).id();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#keptDue" + id).tryQuery()).isPresent());
    }
}
