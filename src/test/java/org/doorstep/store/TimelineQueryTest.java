package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineQueryTest {
    @TempDir
    java.nio.file.Path dir;

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void neighbouringSegmentsBecomeOneSpanAndGapsAndEventsAreInTheWindow() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            SegmentIndex segments = new SegmentIndex(db);
            segment(segments, cam, 0, 60, "a");
            segment(segments, cam, 60, 120, "b");
            segment(segments, cam, 140, 200, "c");
            segment(segments, cam, 5000, 5060, "outside");
            long gap = segments.openGap(cam, "main", T0.plusSeconds(120), "unreachable", null);
            segments.closeGap(gap, T0.plusSeconds(140));
            new EventRepository(db).insert(new StoredEvent(0, cam, StoredEvent.RING, T0.plusSeconds(30),
                    T0.plusSeconds(30), 100, null, null, null));
            TimelineQuery.Window w = new TimelineQuery(db).load(cam, T0.plusSeconds(10), T0.plusSeconds(300));
            assertThat(w.recorded()).containsExactly(
                    new TimelineQuery.Span(T0, T0.plusSeconds(120)),
                    new TimelineQuery.Span(T0.plusSeconds(140), T0.plusSeconds(200)));
            assertThat(w.gaps()).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo("unreachable"));
            assertThat(w.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("ring"));
        }
    }

    @Test
    void whatIsStillGoingOnReachesIntoTheWindowAndTheSubStreamIsNotCoverage() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            SegmentIndex segments = new SegmentIndex(db);
            segment(segments, cam, -600, 60, "started-before");
            segments.insert(new SegmentRow(0, cam, "sub", T0.plusSeconds(100), T0.plusSeconds(160), null, null, 1, null,
                    null, null, null, null, "k", "sub"));
            segments.openGap(cam, "main", T0.plusSeconds(60), "unreachable", null);
            new EventRepository(db).insert(new StoredEvent(0, cam, StoredEvent.MOTION, T0.minusSeconds(120), null, 40,
                    null, null, null));
            TimelineQuery.Window w = new TimelineQuery(db).load(cam, T0, T0.plusSeconds(3600));
            assertThat(w.recorded()).containsExactly(new TimelineQuery.Span(T0.minusSeconds(600), T0.plusSeconds(60)));
            assertThat(w.gaps()).containsExactly(new TimelineQuery.Gap(T0.plusSeconds(60), null, "unreachable"));
            assertThat(w.events()).containsExactly(
                    new TimelineQuery.Mark(StoredEvent.MOTION, T0.minusSeconds(120), T0.plusSeconds(480), 40));
        }
    }

    private static void segment(SegmentIndex segments, long cam, int from, int to, String file) throws Exception {
        segments.insert(new SegmentRow(0, cam, "main", T0.plusSeconds(from), T0.plusSeconds(to), null, null, 1, null, null,
                null, null, null, "k", file));
    }
}
