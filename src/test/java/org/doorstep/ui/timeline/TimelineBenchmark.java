package org.doorstep.ui.timeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.store.TimeBuckets;
import org.doorstep.store.TimelineRollups;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.timeline.TimelineService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The timeline over 30 days × 16 cameras of synthetic index rows (a segment about every minute, outages, motion
 * events every ~12 minutes, rings and camera motion, per-second activity for every minute) in a real H2 file:
 * the window query (index aggregated to 1,200 pixel columns) at several zoom levels, and the Canvas frame time
 * (draw() on the FX thread, Monocle headless) while zooming from a minute to 30 days and back and panning.
 * Run: {@code ./mvnw -o -q -Pbench test -Dtest=TimelineBenchmark}; the numbers are printed.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class TimelineBenchmark {
    private static final int CAMERAS = 16;
    private static final int DAYS = 30;
    private static final int COLUMNS = 1200;

    private Stage stage;
    private App app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void windowQueryAndFrameTime(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-timeline-bench");
        app = App.open(new DataDir(dir), "timeline bench");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            app.catalog().add(new CameraCatalog.ByAddress("Camera " + (i + 1), "rtsp://10.0.0." + (i + 2) + "/main",
                    null, null, null, null));
            ids.add(app.catalog().require("Camera " + (i + 1)).id());
        }
        Instant now = Instant.now();
        long fillStart = System.nanoTime();
        SyntheticIndex.Counts counts = SyntheticIndex.fill(app.database(), ids, now, DAYS, 42);
        print("filled %d segments, %d gaps, %d events, %d activity minutes in %.1f s", counts.segments(),
                counts.gaps(), counts.events(), counts.activityMinutes(), (System.nanoTime() - fillStart) / 1e9);

        // the rows went in past their owners: the one-time rebuild of the rollup cells, as a data folder from before
        // them gets at its first start
        TimelineRollups rollups = new TimelineRollups(app.database());
        long rebuildStart = System.nanoTime();
        rollups.rebuild(done -> { }, () -> false);
        print("rollup rebuild from the raw rows (%d cameras, %d days): %.1f s, %d cells", CAMERAS, DAYS,
                (System.nanoTime() - rebuildStart) / 1e9, count(app, "SELECT COUNT(*) FROM timeline_rollup"));

        TimelineService timeline = app.timeline();
        Random random = new Random(7);
        for (Duration span : List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30))) {
            long[] times = new long[20];
            int rows = 0;
            TimeBuckets cut = TimeBuckets.over(now.minus(span), now, COLUMNS);
            for (int i = -3; i < times.length; i++) {
                long back = span.equals(Duration.ofDays(30)) ? 0
                        : (long) (random.nextDouble() * (Duration.ofDays(DAYS).toMillis() - span.toMillis()));
                Instant to = now.minusMillis(back);
                long t0 = System.nanoTime();
                TimelineService.Overview o = timeline.overview(to.minus(span), to, COLUMNS);
                long t = System.nanoTime() - t0;
                if (i >= 0) {
                    times[i] = t;
                    rows = o.lanes().stream().mapToInt(l -> l.track().clusters().size() + l.track().gaps().size())
                            .sum();
                }
            }
            print("window query %-6s over %d cameras, %d columns: p50 %.1f ms, p95 %.1f ms (%d buckets of %s, %s;"
                            + " %d markers+gaps)", label(span), CAMERAS, COLUMNS, percentile(times, 50),
                    percentile(times, 95), cut.count(), Duration.ofMillis(cut.bucketMs()),
                    cut.bucketMs() >= 60_000 ? "rollup cells" : "raw rows", rows);
        }
        maintenance(app, ids.get(0), now);

        // loads queue up and are run every few frames, as data arrives while one zooms: frames in between draw the
        // loaded data stretched to the new window
        List<Runnable> loads = new ArrayList<>();
        TimelineViewModel model = new TimelineViewModel(timeline, new UiExecutors(loads::add, Runnable::run),
                Messages.of("timeline", Locale.ENGLISH), id -> Optional.empty(), Clock.systemUTC(), ZoneOffset.UTC);
        TimelineView view = new TimelineView(model);
        robot.interact(() -> {
            stage.setScene(new Scene((javafx.scene.Parent) view.node(), COLUMNS + TimelineView.LABEL_WIDTH
                    + TimelineView.RIGHT_PAD, 16 * 26 + 30));
            stage.show();
        });
        List<Long> frames = new ArrayList<>();
        List<Runnable> moves = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            moves.add(() -> model.zoom(1.25, 0.8));
        }
        for (int i = 0; i < 30; i++) {
            double step = i % 2 == 0 ? -0.3 : 0.1;
            moves.add(() -> model.pan(step));
        }
        for (int i = 0; i < 50; i++) {
            moves.add(() -> model.zoom(0.8, 0.3));
        }
        for (int i = 0; i < 30; i++) {
            moves.add(() -> model.pan(-0.05));
        }
        robot.interact(() -> {
            model.refresh();
            runAll(loads);
            model.zoom(0.001, 1);
            runAll(loads);
            view.draw();
            for (int i = 0; i < moves.size(); i++) {
                moves.get(i).run();
                if (i % 8 == 7) {
                    runAll(loads);
                }
                long t0 = System.nanoTime();
                view.draw();
                frames.add(System.nanoTime() - t0);
            }
        });
        long[] frameTimes = frames.stream().mapToLong(Long::longValue).toArray();
        print("canvas frame (draw) while zooming 1 min..30 days and panning, %d lanes, %d frames: p50 %.2f ms,"
                + " p95 %.2f ms, max %.2f ms", CAMERAS, frameTimes.length, percentile(frameTimes, 50),
                percentile(frameTimes, 95), Arrays.stream(frameTimes).max().orElse(0) / 1e6);
    }

    /**
     * What keeping the rollup cells costs each write: a segment closed, an activity minute flushed, an event stored
     * and completed, through their owners (each recomputes its cells of every grain in its transaction); the times
     * include the raw write itself.
     */
    private static void maintenance(App app, long camera, Instant now) throws Exception {
        SegmentIndex segments = new SegmentIndex(app.database());
        ActivityRepository activity = new ActivityRepository(app.database());
        EventRepository events = new EventRepository(app.database());
        int n = 200;
        long[] segment = new long[n];
        long[] flush = new long[n];
        long[] event = new long[n];
        Instant base = now.plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        byte[] levels = new byte[60];
        Arrays.fill(levels, 20, 40, (byte) 55);
        for (int i = 0; i < n; i++) {
            Instant start = base.plusSeconds(60L * i);
            long t0 = System.nanoTime();
            segments.insert(new SegmentRow(0, camera, "main", start, start.plusSeconds(60), null, null, 7_000_000L,
                    "h264", null, 1920, 1080, null, "k" + camera, "segments/bench/" + start.toEpochMilli() + ".dseg"));
            segment[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            activity.merge(camera, start, levels);
            flush[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            StoredEvent open = events.insert(new StoredEvent(0, camera, StoredEvent.MOTION, start.plusSeconds(20), null,
                    0, null, null, null));
            events.update(new StoredEvent(open.id(), camera, StoredEvent.MOTION, start.plusSeconds(20),
                    start.plusSeconds(40), 70, null, null, null));
            event[i] = System.nanoTime() - t0;
        }
        print("rollup maintenance per write (%d each, incl. the raw write): segment closed p50 %.0f us p95 %.0f us;"
                        + " activity minute flushed p50 %.0f us p95 %.0f us; event stored+completed p50 %.0f us"
                        + " p95 %.0f us", n, percentile(segment, 50) * 1000, percentile(segment, 95) * 1000,
                percentile(flush, 50) * 1000, percentile(flush, 95) * 1000, percentile(event, 50) * 1000,
                percentile(event, 95) * 1000);
    }

    private static long count(App app, String query) throws Exception {
        try (var c = app.database().connection(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    private static String label(Duration span) {
        return span.toDays() > 0 ? span.toDays() + " d" : span.toHours() > 0 ? span.toHours() + " h"
                : span.toMinutes() + " min";
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    @SuppressWarnings("java:S106") // a benchmark prints its numbers
    private static void print(String format, Object... args) {
        System.out.println("[TimelineBenchmark] " + String.format(Locale.ROOT, format, args));
    }
}
