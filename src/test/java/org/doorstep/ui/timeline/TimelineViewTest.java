package org.doorstep.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline Canvas driven headless (Monocle) with the mouse and the keyboard, over a real index. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private App app;
    private ExecutorService pool;
    private TimelineViewModel model;
    private TimelineView view;
    private final List<Instant> played = new CopyOnWriteArrayList<>();
    private final List<Instant> scrubbed = new CopyOnWriteArrayList<>();
    private final List<Instant> selected = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-timeline");
        app = App.open(new DataDir(dir), "timeline test");
        app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://10.0.0.2/main", null, null, null, null));
        app.catalog().add(new CameraCatalog.ByAddress("Yard", "rtsp://10.0.0.3/main", null, null, null, null));
        long porch = app.catalog().require("Porch").id();
        long yard = app.catalog().require("Yard").id();
        SegmentIndex index = new SegmentIndex(app.database());
        index.insert(new SegmentRow(0, porch, "main", NOW.minusSeconds(3600), NOW.minusSeconds(400), null, null, 1,
                "h264", null, 1280, 720, null, "k", "segments/a.dseg"));
        index.closeGap(index.openGap(porch, "main", NOW.minusSeconds(400), "auth-failed", null), NOW.minusSeconds(300));
        new EventRepository(app.database()).insert(new StoredEvent(0, yard, StoredEvent.RING, NOW.minusSeconds(200),
                NOW.minusSeconds(195), 100, null, null, null));
        byte[] jpeg = TimelineViewModelTest.jpeg();
        pool = UiExecutors.backgroundPool();
        model = new TimelineViewModel(app.timeline(), UiExecutors.forWindow(pool), Messages.of("timeline", Locale.ENGLISH),
                id -> Optional.of(jpeg), Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
        model.onPlay(played::add);
        model.onScrub(scrubbed::add);
        model.onSelection((from, to) -> {
            selected.add(from);
            selected.add(to);
        });
        view = new TimelineView(model);
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 1000, 200));
        stage.show();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        app.close();
    }

    private void loaded() {
        await().atMost(5, TimeUnit.SECONDS).until(() -> model.overviewProperty().get() != null
                && !model.items().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private double timeWidth() {
        return view.canvas().getWidth() - TimelineView.LABEL_WIDTH - TimelineView.RIGHT_PAD;
    }

    private double xOf(Instant t) {
        return TimelineView.LABEL_WIDTH + model.viewport().fraction(t) * timeWidth();
    }

    private Point2D point(double x, double y) {
        return new Point2D(x, y);
    }

    private void moveTo(FxRobot robot, double x, double y) {
        robot.moveTo(view.canvas(), Pos.TOP_LEFT, point(x, y), Motion.DIRECT);
    }

    @Test
    void wheelZoomsAroundThePointer(FxRobot robot) {
        loaded();
        // a window in the past: at now, zooming out keeps the window's end at now instead of the pointer
        robot.interact(() -> model.pan(-1));
        Duration before = model.viewport().span();
        double x = TimelineView.LABEL_WIDTH + timeWidth() / 4;
        Instant under = model.viewport().at(0.25);
        moveTo(robot, x, 60);
        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        // (which way a robot's "up" turns the wheel differs between platforms: only the opposite is asserted)
        Duration once = model.viewport().span();
        assertThat(once).isNotEqualTo(before);
        assertThat(Duration.between(model.viewport().at(0.25), under).abs()).isLessThan(Duration.ofSeconds(2));
        robot.scroll(2, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.viewport().span().compareTo(before)).isEqualTo(-once.compareTo(before));
    }

    @Test
    void dragPansIntoThePastAndAClickPlaysFromThatInstant(FxRobot robot) {
        loaded();
        Instant startBefore = model.viewport().start();
        moveTo(robot, 500, 60);
        robot.press(MouseButton.PRIMARY);
        moveTo(robot, 600, 60);
        moveTo(robot, 700, 60);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        long shifted = Duration.between(model.viewport().start(), startBefore).toMillis();
        assertThat((double) shifted).isCloseTo(200 / timeWidth() * model.viewport().span().toMillis(),
                org.assertj.core.data.Offset.offset(2000.0));
        assertThat(model.followingLiveProperty().get()).isFalse();
        assertThat(played).as("a drag is not a click").isEmpty();

        Instant expected = model.viewport().at((400 - TimelineView.LABEL_WIDTH) / timeWidth());
        moveTo(robot, 400, 60);
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(played).hasSize(1);
        assertThat(Duration.between(played.get(0), expected).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(model.playheadProperty().get()).isEqualTo(played.get(0));

        // dragging the playhead scrubs, letting go plays from there
        double head = xOf(played.get(0));
        moveTo(robot, head, 60);
        robot.press(MouseButton.PRIMARY);
        moveTo(robot, head + 30, 60);
        moveTo(robot, head + 60, 60);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scrubbed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(scrubbed.get(scrubbed.size() - 1)).isAfter(played.get(0));
        assertThat(played).hasSize(2);
    }

    @Test
    void hoverAndKeyboardFocusShowTheSameInformation(FxRobot robot) {
        loaded();
        Label info = robot.lookup("#timelineInfo").queryAs(Label.class);
        double laneHeight = 46;
        moveTo(robot, xOf(NOW.minusSeconds(350)), TimelineView.RULER + laneHeight / 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(info.getText()).isEqualTo("Porch: no recording from 11:53:20 to 11:55:00, wrong password");
        assertThat(info.getParent().isVisible()).isTrue();

        moveTo(robot, xOf(NOW.minusSeconds(200)) + 2, TimelineView.RULER + laneHeight + 8);
        ImageView thumbnail = robot.lookup("#timelineThumbnail").queryAs(ImageView.class);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(info.getText()).isEqualTo("Yard: doorbell rang at 11:56:40");
            assertThat(thumbnail.getImage()).isNotNull();
        });
        assertThat(thumbnail.getImage().getWidth()).isEqualTo(64);

        moveTo(robot, 50, 190);
        robot.interact(() -> view.canvas().requestFocus());
        robot.type(KeyCode.RIGHT);
        assertThat(info.getText()).contains("wrong password");
        assertThat(view.canvas().getAccessibleText()).isEqualTo(info.getText());
        robot.type(KeyCode.RIGHT);
        assertThat(info.getText()).isEqualTo("Yard: doorbell rang at 11:56:40");
        robot.type(KeyCode.ENTER);
        assertThat(played).containsExactly(NOW.minusSeconds(200));
        Duration before = model.viewport().span();
        robot.type(KeyCode.MINUS);
        assertThat(model.viewport().span()).isGreaterThan(before);
    }

    @Test
    void shiftDragSelectsARangeAndDrawsIt(FxRobot robot) {
        loaded();
        Instant from = model.viewport().at((300 - TimelineView.LABEL_WIDTH) / timeWidth());
        Instant to = model.viewport().at((600 - TimelineView.LABEL_WIDTH) / timeWidth());
        moveTo(robot, 300, 60);
        robot.press(KeyCode.SHIFT);
        robot.press(MouseButton.PRIMARY);
        moveTo(robot, 450, 60);
        moveTo(robot, 600, 60);
        robot.release(MouseButton.PRIMARY);
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected).hasSize(2);
        assertThat(Duration.between(selected.get(0), from).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.between(selected.get(1), to).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(played).as("selecting does not play").isEmpty();

        Canvas canvas = view.canvas();
        robot.interact(view::draw);
        var pixels = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> pixels[0] = canvas.snapshot(null, null));
        javafx.scene.paint.Color inside = pixels[0].getPixelReader().getColor(450, 190);
        javafx.scene.paint.Color outside = pixels[0].getPixelReader().getColor(700, 190);
        assertThat(inside).as("the selection is drawn").isNotEqualTo(outside);
    }
}
