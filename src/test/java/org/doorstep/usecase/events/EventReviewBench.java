package org.doorstep.usecase.events;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the event list's reads take on a busy index: 16 cameras, 7 days of one-minute segments (161k rows) and
 * 200 events per camera and day (22k). Prints numbers; asserts nothing. Run with
 * {@code ./mvnw -o -q -Pbench test -Dtest=EventReviewBench}.
 */
@Tag("bench")
class EventReviewBench {
    static final int CAMERAS = 16;
    static final int DAYS = 7;
    static final int EVENTS_PER_DAY = 200;

    @TempDir
    Path dir;

    @Test
    void readsOfTheEventListOnABusyIndex() throws Exception {
        try (App app = App.open(new DataDir(dir), "bench")) {
            SegmentIndex segments = new SegmentIndex(app.database());
            EventRepository events = new EventRepository(app.database());
            Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Instant start = end.minus(DAYS, ChronoUnit.DAYS);
            long t0 = System.nanoTime();
            for (int c = 0; c < CAMERAS; c++) {
                app.catalog().add(new CameraCatalog.ByAddress("Camera " + c, "rtsp://10.0.0." + (c + 2) + "/main",
                        null, null, null, null));
                long id = app.catalog().require("Camera " + c).id();
                for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
                    segments.insert(new SegmentRow(0, id, "main", t, t.plusSeconds(60), t, 0L, 1000, "h264", null,
                            1280, 720, null, "k", "segments/" + id + "/" + t.toEpochMilli() + ".dseg"));
                }
                long gap = 86_400L / EVENTS_PER_DAY;
                int n = 0;
                for (Instant t = start; t.isBefore(end); t = t.plusSeconds(gap)) {
                    String type = n++ % 10 == 0 ? StoredEvent.RING : StoredEvent.MOTION;
                    events.insert(new StoredEvent(0, id, type, t, t.plusSeconds(20), 50, null, null, null));
                }
            }
            System.out.printf("filled %d segments and %d events in %d s%n", CAMERAS * DAYS * 1440,
                    CAMERAS * DAYS * EVENTS_PER_DAY, (System.nanoTime() - t0) / 1_000_000_000);

            EventReview review = app.events();
            ZoneId zone = ZoneId.systemDefault();
            LocalDate today = LocalDate.now(zone);
            measure("day() all cameras, all kinds (newest first)", () ->
                    review.day(today.minusDays(2), zone, EventReview.Filter.everything()).size());
            measure("day() one camera, rings", () -> review.day(today.minusDays(2), zone,
                    new EventReview.Filter(java.util.EnumSet.of(EventReview.Kind.RING), "Camera 3")).size());
            measure("unreviewed() counts", () -> (int) review.unreviewed().events());
            measure("calendar() 13 weeks", () -> review.calendar(today.minusDays(62), today.plusDays(28), zone)
                    .footage().size());
            measure("footageAt() a gap-free instant", () -> review.footageAt(end.minusSeconds(7200), null,
                    Locale.ENGLISH).cameras().size());
            measure("markAllReviewed() 22k events", review::markAllReviewed, 1);
            measure("unreviewed() counts after", () -> (int) review.unreviewed().events());
        }
    }

    interface Work {
        int run();
    }

    private static void measure(String what, Work work) {
        measure(what, work, 20);
    }

    private static void measure(String what, Work work, int runs) {
        if (runs > 1) {
            work.run(); // warm up (not for a one-off: that would do the work before it is measured)
        }
        List<Long> micros = new ArrayList<>();
        int result = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = work.run();
            micros.add((System.nanoTime() - t) / 1000);
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-48s median %6.1f ms  max %6.1f ms  (result %d)%n", what,
                sorted[sorted.length / 2] / 1000.0, sorted[sorted.length - 1] / 1000.0, result);
    }
}
