package org.doorstep.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.imageio.ImageIO;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's ViewModel without a stage, over a real index in an H2 file. */
class TimelineViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;
    private App app;
    private long porch;
    private long yard;

    @BeforeEach
    void open() throws Exception {
        app = App.open(new DataDir(dir), "test");
        app.catalog().add(new CameraCatalog.ByAddress("Porch", "rtsp://10.0.0.2/main", null, null, null, null));
        app.catalog().add(new CameraCatalog.ByAddress("Yard", "rtsp://10.0.0.3/main", null, null, null, null));
        porch = app.catalog().require("Porch").id();
        yard = app.catalog().require("Yard").id();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private TimelineViewModel model(UiExecutors executors, Locale locale, Function<Long, Optional<byte[]>> thumbs) {
        return new TimelineViewModel(app.timeline(), executors, Messages.of("timeline", locale), thumbs,
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private TimelineViewModel model() {
        return model(UiExecutors.direct(), Locale.ENGLISH, id -> Optional.empty());
    }

    @Test
    void loadsTheWindowAggregatedToTheColumnsAndLoadsAgainForAWindowChangedWhileLoading() throws Exception {
        segment(porch, -300, -240);
        segment(porch, -240, -180);
        List<Runnable> queued = new ArrayList<>();
        Executor later = queued::add;
        TimelineViewModel vm = model(new UiExecutors(later, Runnable::run), Locale.ENGLISH, id -> Optional.empty());
        vm.setColumns(600);
        assertThat(vm.refresh()).isTrue();
        assertThat(vm.refresh()).as("still loading: asked again for later").isFalse();
        Runnable first = queued.remove(0);
        first.run();
        assertThat(queued).as("the second load started when the first ended").hasSize(1);

        TimelineViewModel.Viewport v = vm.viewport();
        var overview = vm.overviewProperty().get();
        assertThat(overview.lanes()).extracting(l -> l.camera()).containsExactly("Porch", "Yard");
        assertThat(overview.buckets().count()).isEqualTo(600);
        double[] coverage = overview.lanes().get(0).track().coverage();
        int recorded = 0;
        for (double c : coverage) {
            recorded += c > 0.99 ? 1 : 0;
        }
        double expected = 120_000.0 / v.span().toMillis() * 600;
        assertThat((double) recorded).isCloseTo(expected, within(2.0));
        assertThat(vm.problemProperty().get()).isNull();
    }

    @Test
    void zoomsFromAMinuteToTheOldestFootagePlusAMarginAndNeverPast30Days() throws Exception {
        TimelineViewModel vm = model();
        vm.refresh();
        assertThat(vm.maxSpan()).as("nothing recorded").isEqualTo(Duration.ofMinutes(66));
        segment(porch, -2 * 86_400, -2 * 86_400 + 60);
        vm.refresh();
        vm.zoom(1000, 1);
        assertThat(vm.viewport().span()).isEqualTo(Duration.ofHours(48).plus(Duration.ofMinutes(288)));
        assertThat(vm.viewport().end()).as("follows now").isAfter(NOW);
        vm.zoom(0.0001, 0.5);
        assertThat(vm.viewport().span()).isEqualTo(TimelineViewModel.MIN_SPAN);

        segment(yard, -90 * 86_400, -90 * 86_400 + 60);
        vm.refresh();
        vm.zoom(1e9, 1);
        assertThat(vm.viewport().span()).isEqualTo(TimelineViewModel.MAX_SPAN);
    }

    @Test
    void zoomKeepsTheInstantUnderThePointerAndPanningIntoThePastStopsFollowingNow() throws Exception {
        segment(porch, -86_400, -86_340);
        TimelineViewModel vm = model();
        vm.refresh();
        vm.zoom(6 * 6, 1);
        assertThat(vm.followingLiveProperty().get()).isTrue();
        vm.pan(-1);
        assertThat(vm.followingLiveProperty().get()).isFalse();
        assertThat(vm.followNow()).isFalse();
        TimelineViewModel.Viewport before = vm.viewport();
        Instant pointer = before.at(0.25);
        vm.zoom(0.5, 0.25);
        assertThat(vm.viewport().span()).isEqualTo(before.span().dividedBy(2));
        assertThat(Duration.between(vm.viewport().at(0.25), pointer).abs()).isLessThan(Duration.ofMillis(2));

        vm.pan(-1000);
        assertThat(vm.viewport().start()).as("no earlier than the oldest footage minus a margin")
                .isEqualTo(NOW.minusSeconds(86_400).minus(Duration.ofSeconds(8_640)));
        vm.pan(1000);
        assertThat(vm.followingLiveProperty().get()).as("back at now: follows again").isTrue();
        assertThat(vm.viewport().end()).isAfter(NOW);
    }

    @Test
    void followingNowSlidesTheWindowByWholePixelsOnly() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        TimelineViewModel vm = new TimelineViewModel(app.timeline(), UiExecutors.direct(),
                Messages.of("timeline", Locale.ENGLISH), id -> Optional.empty(), moving, ZoneOffset.UTC);
        vm.setColumns(600);
        Instant start = vm.viewport().start();
        now[0] = NOW.plusMillis(500);
        assertThat(vm.followNow()).as("less than a pixel (1 s at 10 min over 600 columns)").isFalse();
        now[0] = NOW.plusMillis(1500);
        assertThat(vm.followNow()).isTrue();
        assertThat(vm.viewport().start()).isEqualTo(start.plusMillis(1500));
        vm.pan(-0.5);
        now[0] = NOW.plusSeconds(60);
        assertThat(vm.followNow()).as("looking back: the window stays").isFalse();
    }

    @Test
    void aSelectionIsOrderedAndToldToTheShellWhenFinished() {
        TimelineViewModel vm = model();
        List<Instant> told = new ArrayList<>();
        vm.onSelection((from, to) -> {
            told.add(from);
            told.add(to);
        });
        vm.select(NOW, NOW.minusSeconds(60));
        assertThat(vm.selectionProperty().get()).isEqualTo(new TimelineViewModel.Selection(NOW.minusSeconds(60), NOW));
        assertThat(told).as("not before the drag ends").isEmpty();
        vm.finishSelection();
        assertThat(told).containsExactly(NOW.minusSeconds(60), NOW);
        vm.select(NOW, NOW);
        vm.finishSelection();
        assertThat(vm.selectionProperty().get()).as("an empty range is no selection").isNull();
    }

    @Test
    void theKeyboardMovesAcrossMarkersAndGapsShowsWhatHoverShowsAndEnterPlays() throws Exception {
        SegmentIndex index = new SegmentIndex(app.database());
        index.closeGap(index.openGap(porch, "main", NOW.minusSeconds(400), "unreachable", null), NOW.minusSeconds(300));
        StoredEvent ring = event(yard, StoredEvent.RING, -200, 100);
        event(porch, StoredEvent.MOTION, -100, 60);
        byte[] jpeg = jpeg();
        List<Long> asked = new ArrayList<>();
        TimelineViewModel vm = model(UiExecutors.direct(), Locale.ENGLISH, id -> {
            asked.add(id);
            return Optional.of(jpeg);
        });
        vm.refresh();
        List<Instant> played = new ArrayList<>();
        vm.onPlay(played::add);

        assertThat(vm.items()).extracting(TimelineViewModel.Item::start)
                .containsExactly(NOW.minusSeconds(400), NOW.minusSeconds(200), NOW.minusSeconds(100));
        assertThat(vm.focusNext()).isTrue();
        assertThat(vm.infoProperty().get())
                .isEqualTo("Porch: no recording from 11:53:20 to 11:55:00, camera unreachable");
        assertThat(vm.thumbnailProperty().get()).as("a gap has no picture").isNull();
        vm.focusNext();
        assertThat(vm.infoProperty().get()).isEqualTo("Yard: doorbell rang at 11:56:40");
        assertThat(asked).containsExactly(ring.id());
        assertThat(vm.thumbnailProperty().get()).isEqualTo(jpeg);
        assertThat(vm.playFocused()).isTrue();
        assertThat(played).containsExactly(NOW.minusSeconds(200));
        assertThat(vm.playheadProperty().get()).isEqualTo(NOW.minusSeconds(200));
        vm.focusNext();
        vm.focusNext();
        assertThat(vm.focusedProperty().get().start()).as("wraps around").isEqualTo(NOW.minusSeconds(400));
        vm.focusPrevious();
        assertThat(vm.infoProperty().get()).isEqualTo("Porch: motion at 11:58:20 (strength 60)");

        // the pointer shows the same sentences; a marker near the pointer wins over the gap under it
        assertThat(vm.hover(0, NOW.minusSeconds(350), Duration.ofSeconds(5)).isGap()).isTrue();
        assertThat(vm.infoProperty().get()).contains("camera unreachable");
        assertThat(vm.hover(1, NOW.minusSeconds(198), Duration.ofSeconds(5)).cluster().rings()).isEqualTo(1);
        assertThat(vm.hover(1, NOW.minusSeconds(150), Duration.ofSeconds(5))).isNull();
        assertThat(vm.infoProperty().get()).isNull();
        vm.clearHover();
        assertThat(vm.infoProperty().get()).as("the focus is shown again").contains("motion at 11:58:20");
    }

    @Test
    void eventsCloserThanAPixelAreOneMarkerWithCountsAndTheSentenceIsGermanInGerman() throws Exception {
        event(porch, StoredEvent.MOTION, -3000, 50);
        StoredEvent ring = event(porch, StoredEvent.RING, -2999, 100);
        event(porch, StoredEvent.CAMERA_MOTION, -2998, 30);
        TimelineViewModel vm = model(UiExecutors.direct(), Locale.GERMAN, id -> Optional.empty());
        vm.refresh();
        vm.zoom(200, 1);
        vm.setColumns(100);
        vm.refresh();
        assertThat(vm.items()).singleElement().satisfies(i -> {
            assertThat(i.cluster().count()).isEqualTo(3);
            assertThat(i.cluster().strongestType()).isEqualTo(StoredEvent.RING);
            assertThat(i.cluster().strongestEventId()).isEqualTo(ring.id());
        });
        vm.focusNext();
        assertThat(vm.infoProperty().get())
                .isEqualTo("Porch: 3 Ereignisse ab 11:10:00 (1 Klingeln, 1 Bewegung, 1 Kamerabewegung)");
    }

    private void segment(long camera, int from, int to) throws Exception {
        new SegmentIndex(app.database()).insert(new SegmentRow(0, camera, "main", NOW.plusSeconds(from),
                NOW.plusSeconds(to), null, null, 1000, "h264", null, 1280, 720, null, "k",
                "segments/" + camera + "-" + from + ".dseg"));
    }

    private StoredEvent event(long camera, String type, int at, int score) throws Exception {
        return new EventRepository(app.database()).insert(new StoredEvent(0, camera, type, NOW.plusSeconds(at),
                NOW.plusSeconds(at + 5), score, null, null, null));
    }

    static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 36; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 7) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
