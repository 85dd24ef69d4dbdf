package org.doorstep.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.events.EventReview;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event list's ViewModel without a stage (direct executors), over a real H2 file with real events. */
class EventListViewModelTest {
    @TempDir
    Path dir;
    App app;
    EventRepository events;
    long porch;
    long yard;
    Instant base;
    /** A zone in which {@link #base} is around noon, so a few minutes either side stay on the same day. */
    ZoneId zone;
    MovableClock clock;
    EventListViewModel vm;
    final List<String> played = new ArrayList<>();
    final List<String> exported = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        app = App.open(new DataDir(dir), "test");
        app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://127.0.0.2:1/main", null, null, null, null));
        app.catalog().add(new CameraCatalog.ByAddress("Yard", "rtsp://127.0.0.3:1/main", null, null, null, null));
        porch = app.catalog().require("Porch").id();
        yard = app.catalog().require("Yard").id();
        events = new EventRepository(app.database());
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        zone = ZoneOffset.ofHours(12 - base.atZone(ZoneOffset.UTC).getHour());
        clock = new MovableClock(base);
        vm = new EventListViewModel(app.events(), UiExecutors.direct(), Messages.of("events", Locale.ENGLISH), zone,
                clock);
        vm.onPlay((cameras, at) -> played.add(cameras + "@" + at));
        vm.onExport((camera, from, to) -> exported.add(camera + " " + from + ".." + to));
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void showsTodayNewestFirstFilteredByKindAndCamera() throws Exception {
        vm.reload();
        assertThat(vm.items()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("Nothing happened today.");
        assertThat(vm.newSummaryProperty().get()).isEmpty();

        StoredEvent motion = event(porch, StoredEvent.MOTION, base.minusSeconds(300));
        StoredEvent ring = event(porch, StoredEvent.RING, base.minusSeconds(200));
        StoredEvent cameraMotion = event(yard, StoredEvent.CAMERA_MOTION, base.minusSeconds(100));
        vm.reload();
        assertThat(vm.items()).extracting(EventReview.Event::id)
                .containsExactly(cameraMotion.id(), ring.id(), motion.id());
        assertThat(vm.cameras()).containsExactly("Porch", "Yard");
        assertThat(vm.newSummaryProperty().get()).isEqualTo("3 new (1 ring)");

        vm.motionProperty().set(false);
        vm.cameraMotionProperty().set(false);
        assertThat(vm.items()).extracting(EventReview.Event::id).containsExactly(ring.id());
        vm.cameraProperty().set("Yard");
        assertThat(vm.items()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No events match the filters.");
        vm.cameraMotionProperty().set(true);
        assertThat(vm.items()).extracting(EventReview.Event::id).containsExactly(cameraMotion.id());

        vm.cameraProperty().set(null);
        vm.motionProperty().set(true);
        vm.dayProperty().set(vm.dayProperty().get().minusDays(1));
        assertThat(vm.items()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).startsWith("Nothing happened on ");
    }

    @Test
    void clickingPlaysFromThePreRollAndCountsTheEventAsSeen() throws Exception {
        StoredEvent ring = event(porch, StoredEvent.RING, base.minusSeconds(60));
        vm.reload();
        vm.play(vm.items().get(0));
        assertThat(played).containsExactly("[Porch]@" + ring.start().minusSeconds(5));
        assertThat(vm.newSummaryProperty().get()).isEmpty();
        assertThat(vm.items().get(0).reviewed()).isTrue();

        vm.export(vm.items().get(0));
        assertThat(exported).containsExactly("Porch " + ring.start().minusSeconds(5) + ".."
                + ring.start().plusSeconds(20 + 5));
    }

    @Test
    void reviewNewPlaysTheNewEventsOldestFirstAndMarksEach() throws Exception {
        StoredEvent first = event(porch, StoredEvent.MOTION, base.minusSeconds(300));
        StoredEvent second = event(yard, StoredEvent.RING, base.minusSeconds(200));
        event(porch, StoredEvent.MOTION, base.minusSeconds(100));
        vm.reload();
        vm.play(vm.items().get(0)); // the newest, already seen: not part of the review
        played.clear();
        assertThat(vm.newSummaryProperty().get()).isEqualTo("2 new (1 ring)");

        vm.reviewNew();
        assertThat(played).containsExactly("[Porch]@" + first.start().minusSeconds(5));
        assertThat(vm.reviewingProperty().get().id()).isEqualTo(first.id());
        assertThat(vm.reviewStatusProperty().get()).isEqualTo("Reviewing 1 of 2");
        assertThat(vm.newSummaryProperty().get()).isEqualTo("1 new (1 ring)");

        assertThat(vm.next()).isTrue();
        assertThat(played).last().isEqualTo("[Yard]@" + second.start().minusSeconds(5));
        assertThat(vm.reviewStatusProperty().get()).isEqualTo("Reviewing 2 of 2");
        assertThat(vm.newSummaryProperty().get()).isEmpty();

        assertThat(vm.next()).isFalse();
        assertThat(vm.reviewingProperty().get()).isNull();
        assertThat(vm.reviewStatusProperty().get()).isEqualTo("All new events reviewed.");
        vm.reviewNew();
        assertThat(vm.reviewStatusProperty().get()).isEqualTo("There are no new events.");
        assertThat(played).hasSize(2);
    }

    @Test
    void markAllReviewedClearsTheCount() throws Exception {
        event(porch, StoredEvent.RING, base.minusSeconds(30));
        event(porch, StoredEvent.RING, base.minusSeconds(20));
        vm.reload();
        assertThat(vm.unreviewedProperty().get()).isEqualTo(new EventReview.Unreviewed(2, 2));
        assertThat(vm.newSummaryProperty().get()).isEqualTo("2 new (2 rings)");
        vm.markAllReviewed();
        assertThat(vm.unreviewedProperty().get()).isEqualTo(new EventReview.Unreviewed(0, 0));
        assertThat(vm.items()).allMatch(EventReview.Event::reviewed);
    }

    @Test
    void goToPlaysAllCamerasThatRecordedThenOrSaysWhyNot() throws Exception {
        Instant from = base.minusSeconds(600);
        new SegmentIndex(app.database()).insert(new SegmentRow(0, yard, "main", from, from.plusSeconds(60), from, 0L,
                1000, "h264", null, 1280, 720, null, "k", "segments/yard.dseg"));
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss");
        Instant inside = from.plusSeconds(30);

        vm.goTo(inside.atZone(zone).format(hms));
        assertThat(played).containsExactly("[Yard]@" + inside);
        assertThat(vm.goToProblemProperty().get()).isNull();

        vm.goTo("half past two");
        assertThat(vm.goToProblemProperty().get()).isEqualTo("Type a time like 14:30 or 14:30:15.");
        vm.goTo(from.minusSeconds(120).atZone(zone).format(hms));
        assertThat(vm.goToProblemProperty().get()).isEqualTo("No footage at that time: nothing was recorded then.");
        vm.dayProperty().set(LocalDate.ofInstant(base, zone).minusDays(3));
        vm.goTo("12:00");
        assertThat(vm.goToProblemProperty().get())
                .isEqualTo("No footage at that time — recordings are kept for 48 hours.");
        assertThat(played).hasSize(1);
    }

    @Test
    void calendarMarksTheDaysWithFootageAndRings() throws Exception {
        Instant from = base.minusSeconds(600);
        new SegmentIndex(app.database()).insert(new SegmentRow(0, yard, "main", from, from.plusSeconds(60), from, 0L,
                1000, "h264", null, 1280, 720, null, "k", "segments/yard.dseg"));
        event(porch, StoredEvent.RING, base.minus(Duration.ofDays(2)));
        vm.loadCalendar();
        LocalDate today = LocalDate.ofInstant(base, zone);
        assertThat(vm.calendarProperty().get().footage()).containsExactly(today);
        assertThat(vm.calendarProperty().get().rings()).containsExactly(today.minusDays(2));
    }

    @Test
    void aListThatShowsTodayMovesOnAtMidnight() throws Exception {
        event(porch, StoredEvent.MOTION, base.minusSeconds(60));
        vm.reload();
        assertThat(vm.items()).hasSize(1);
        clock.now = base.plus(Duration.ofDays(1));
        vm.reload();
        assertThat(vm.dayProperty().get()).isEqualTo(LocalDate.ofInstant(base, zone).plusDays(1));
        assertThat(vm.items()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("Nothing happened today.");
    }

    private StoredEvent event(long camera, String type, Instant start) throws Exception {
        return events.insert(new StoredEvent(0, camera, type, start, start.plusSeconds(20), 50, null, null, null));
    }

    /** A clock the test moves, to cross midnight without waiting for it. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return outer.withZone(z);
                }

                @Override
                public Instant instant() {
                    return outer.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
