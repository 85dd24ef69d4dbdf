package org.doorstep.ui.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.privacy.ThumbnailSink;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.events.EventReview;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The event list driven headless (Monocle) over a real data folder with real events and encrypted thumbnails. */
@ExtendWith(ApplicationExtension.class)
class EventListViewTest {
    App app;
    ExecutorService pool;
    EventListViewModel model;
    EventListView view;
    StoredEvent motion;
    StoredEvent ring;
    StoredEvent cameraMotion;
    final List<String> played = new CopyOnWriteArrayList<>();
    final List<String> exported = new CopyOnWriteArrayList<>();
    Instant footageFrom;
    ZoneId zone;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-events-view");
        app = App.open(new DataDir(dir), "event list test");
        app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://127.0.0.2:1/main", null, null, null, null));
        app.catalog().add(new CameraCatalog.ByAddress("Yard", "rtsp://127.0.0.3:1/main", null, null, null, null));
        long porch = app.catalog().require("Porch").id();
        long yard = app.catalog().require("Yard").id();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // a zone where now is about noon: the events a few minutes back are all "today"
        zone = ZoneOffset.ofHours(12 - base.atZone(ZoneOffset.UTC).getHour());
        EncryptedThumbnails thumbnails = new EncryptedThumbnails(app.dataDir(),
                new SegmentKeyStore(app.dataDir().keys()));
        EventRepository events = new EventRepository(app.database());
        motion = event(events, porch, StoredEvent.MOTION, base.minusSeconds(300),
                thumbnails.store(porch, base.minusSeconds(300), jpeg(Color.GREEN)));
        ring = event(events, porch, StoredEvent.RING, base.minusSeconds(200),
                thumbnails.store(porch, base.minusSeconds(200), jpeg(Color.ORANGE)));
        cameraMotion = event(events, yard, StoredEvent.CAMERA_MOTION, base.minusSeconds(100), null);
        footageFrom = base.minusSeconds(600);
        new SegmentIndex(app.database()).insert(new SegmentRow(0, yard, "main", footageFrom,
                footageFrom.plusSeconds(60), footageFrom, 0L, 1000, "h264", null, 1280, 720, null, "k",
                "segments/yard.dseg"));

        pool = UiExecutors.backgroundPool();
        model = new EventListViewModel(app.events(), UiExecutors.forWindow(pool),
                Messages.of("events", Locale.ENGLISH), zone, java.time.Clock.systemUTC());
        model.onPlay((cameras, at) -> played.add(cameras + "@" + at));
        model.onExport((camera, from, to) -> exported.add(camera + " " + from + ".." + to));
        Theme.LIGHT.apply();
        view = new EventListView(model);
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 280, 640));
        stage.show();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        app.close();
    }

    @Test
    void showsTheDaysEventsNewestFirstWithThumbnailsAndRingsMarkedByShape(FxRobot robot) throws Exception {
        ListView<EventReview.Event> list = list(robot);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(list.getItems())
                .extracting(EventReview.Event::id).containsExactly(cameraMotion.id(), ring.id(), motion.id()));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(robot.lookup(".event-cell")
                .queryAllAs(ListCell.class).stream().filter(c -> c.getItem() != null)
                .flatMap(c -> robot.from(c).lookup((ImageView v) -> v.getImage() != null).queryAll().stream())
                .count()).as("the two events with a picture show it").isEqualTo(2));
        assertThat(view.thumbnailsKept()).isEqualTo(2);
        ListCell<?> ringCell = cellOf(robot, ring.id());
        assertThat(ringCell.getStyleClass()).contains("event-ring");
        assertThat(robot.from(ringCell).lookup(".event-ring-badge").queryAs(Circle.class)).isNotNull();
        assertThat(robot.from(ringCell).lookup(".event-kind").queryAs(Label.class).getText()).isEqualTo("Ring");
        assertThat(cellOf(robot, motion.id()).getStyleClass()).doesNotContain("event-ring");
        assertThat(robot.lookup("#eventsNew").queryAs(Label.class).getText()).isEqualTo("3 new (1 ring)");
        snapshot(robot, Path.of("target", "screenshots-dev", "events-list.png"));
    }

    @Test
    void aFilterToggleHidesThatKind(FxRobot robot) {
        ListView<EventReview.Event> list = list(robot);
        await().atMost(5, TimeUnit.SECONDS).until(() -> list.getItems().size() == 3);
        robot.clickOn("#filterRing");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(list.getItems())
                .extracting(EventReview.Event::id).containsExactly(cameraMotion.id(), motion.id()));
        robot.clickOn("#filterMotion");
        robot.clickOn("#filterCameraMotion");
        await().atMost(5, TimeUnit.SECONDS).until(() -> list.getItems().isEmpty());
        Label empty = (Label) list.getPlaceholder();
        assertThat(empty.getText()).isEqualTo("No events match the filters.");
    }

    @Test
    void clickingAnEventPlaysItFromTheStartMinusThePreRoll(FxRobot robot) {
        ListView<EventReview.Event> list = list(robot);
        await().atMost(5, TimeUnit.SECONDS).until(() -> list.getItems().size() == 3);
        robot.clickOn(robot.from(cellOf(robot, ring.id())).lookup(".event-kind").queryAs(Label.class));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(played).containsExactly("[Porch]@" + ring.start().minusSeconds(5)));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(
                robot.lookup("#eventsNew").queryAs(Label.class).getText()).isEqualTo("2 new (no rings)"));
    }

    @Test
    void markAllReviewedClearsTheNewCount(FxRobot robot) {
        Label count = robot.lookup("#eventsNew").queryAs(Label.class);
        await().atMost(5, TimeUnit.SECONDS).until(() -> "3 new (1 ring)".equals(count.getText()));
        robot.clickOn("#markAllReviewed");
        await().atMost(5, TimeUnit.SECONDS).until(() -> count.getText().isEmpty());
        assertThat(list(robot).getItems()).allMatch(EventReview.Event::reviewed);
        assertThat(robot.lookup("#markAllReviewed").queryButton().isDisabled()).isTrue();
    }

    @Test
    void theExportButtonOfAnEventAsksForItsClipWithoutPlayingIt(FxRobot robot) {
        ListView<EventReview.Event> list = list(robot);
        await().atMost(5, TimeUnit.SECONDS).until(() -> list.getItems().size() == 3);
        robot.clickOn(robot.from(cellOf(robot, ring.id())).lookup(".event-export").queryButton());
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(exported).containsExactly(
                "Porch " + ring.start().minusSeconds(5) + ".." + ring.start().plusSeconds(25)));
        assertThat(played).isEmpty();
    }

    @Test
    void theCalendarMarksDaysWithFootageAndRings(FxRobot robot) {
        LocalDate today = LocalDate.ofInstant(footageFrom, zone);
        await().atMost(5, TimeUnit.SECONDS).until(() -> model.calendarProperty().get().footage().contains(today));
        DatePicker picker = robot.lookup("#eventDay").queryAs(DatePicker.class);
        robot.interact(picker::show);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            DateCell cell = robot.lookup(".date-cell").queryAllAs(DateCell.class).stream()
                    .filter(c -> today.equals(c.getItem()) && !c.getStyleClass().contains("previous-month")
                            && !c.getStyleClass().contains("next-month")).findFirst().orElseThrow();
            assertThat(cell.getStyleClass()).contains("has-footage", "has-ring");
            assertThat(cell.getGraphic()).as("a bell: a shape, not only a colour").isNotNull();
        });
        assertThat(robot.lookup(".date-cell").queryAllAs(DateCell.class).stream()
                .filter(c -> today.minusDays(1).equals(c.getItem()))
                .allMatch(c -> !c.getStyleClass().contains("has-footage"))).isTrue();
        robot.interact(picker::hide);
    }

    @Test
    void goToPlaysATimeWithFootageAndExplainsOneWithout(FxRobot robot) {
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss");
        robot.clickOn("#goToTime").write(footageFrom.minusSeconds(3600).atZone(zone).format(hms));
        robot.clickOn("#goTo");
        Label problem = robot.lookup("#goToProblem").queryAs(Label.class);
        await().atMost(5, TimeUnit.SECONDS).until(() -> "No footage at that time: nothing was recorded then."
                .equals(problem.getText()));
        assertThat(played).isEmpty();

        Instant inside = footageFrom.plusSeconds(20);
        robot.interact(() -> robot.lookup("#goToTime").queryTextInputControl().setText(inside.atZone(zone).format(hms)));
        robot.clickOn("#goTo");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(played)
                .containsExactly("[Yard]@" + inside));
        await().atMost(5, TimeUnit.SECONDS).until(() -> problem.getText() == null || problem.getText().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static ListView<EventReview.Event> list(FxRobot robot) {
        return robot.lookup("#eventList").queryAs(ListView.class);
    }

    private static ListCell<?> cellOf(FxRobot robot, long eventId) {
        return robot.lookup(".event-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof EventReview.Event e && e.id() == eventId)
                .findFirst().orElseThrow();
    }

    private static StoredEvent event(EventRepository events, long camera, String type, Instant start,
                                     ThumbnailSink.Stored picture) throws Exception {
        return events.insert(new StoredEvent(0, camera, type, start, start.plusSeconds(20), 50, null,
                picture == null ? null : picture.file(), picture == null ? null : picture.keyId()));
    }

    private static byte[] jpeg(Color colour) throws Exception {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(260, 80, 120, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** A look at the list for the developer (not an assertion): target/screenshots-dev/events-list.png. */
    private void snapshot(FxRobot robot, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = view.node().snapshot(null, null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
    }
}
