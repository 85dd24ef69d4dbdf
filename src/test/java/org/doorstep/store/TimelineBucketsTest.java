package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's window aggregated per time bucket in SQL, over a real H2 file. */
class TimelineBucketsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void coverageIsTheRecordedFractionOfEachBucketWithSegmentsCarriedIntoLaterBuckets() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = camera(db, "Porch");
            long other = camera(db, "Yard");
            SegmentIndex segments = new SegmentIndex(db);
            segment(segments, cam, "main", 0, 60);
            segment(segments, cam, "main", 60, 120);
            segment(segments, cam, "main", 140, 200);
            segment(segments, cam, "sub", 200, 240);
            segment(segments, other, "main", -600, 45);

            TimelineQuery.Bucketed b = new TimelineQuery(db).buckets(new TimeBuckets(T0, 30_000, 8));
            assertThat(b.tracks().get(cam).coverage())
                    .containsExactly(new double[] {1, 1, 1, 1, 1 / 3.0, 1, 2 / 3.0, 0}, within(1e-9));
            assertThat(b.tracks().get(other).coverage())
                    .containsExactly(new double[] {1, 0.5, 0, 0, 0, 0, 0, 0}, within(1e-9));
        }
    }

    @Test
    void gapsLessThanABucketApartAreOneRunNamedByTheLongestReason() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = camera(db, "Porch");
            SegmentIndex segments = new SegmentIndex(db);
            gap(segments, cam, 100, 110, "auth-failed");
            gap(segments, cam, 115, 160, "unreachable");
            gap(segments, cam, 3000, 3010, "stream-ended");
            segments.openGap(cam, "main", T0.plusSeconds(5000), "unreachable", "detail");

            TimelineQuery.Bucketed b = new TimelineQuery(db).buckets(new TimeBuckets(T0, 60_000, 100));
            assertThat(b.tracks().get(cam).gaps()).containsExactly(
                    new TimelineQuery.GapRun(T0.plusSeconds(100), T0.plusSeconds(160), "unreachable", 2),
                    new TimelineQuery.GapRun(T0.plusSeconds(3000), T0.plusSeconds(3010), "stream-ended", 1),
                    new TimelineQuery.GapRun(T0.plusSeconds(5000), null, "unreachable", 1));

            TimelineQuery.Bucketed fine = new TimelineQuery(db).buckets(new TimeBuckets(T0.plusSeconds(90), 1000, 100));
            assertThat(fine.tracks().get(cam).gaps()).extracting(TimelineQuery.GapRun::reason)
                    .containsExactly("auth-failed", "unreachable");
        }
    }

    @Test
    void eventsAreClusteredPerBucketWithCountsAndTheStrongestFirst() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = camera(db, "Porch");
            EventRepository events = new EventRepository(db);
            event(events, cam, StoredEvent.MOTION, 10, 90);
            StoredEvent ring = event(events, cam, StoredEvent.RING, 20, 100);
            event(events, cam, StoredEvent.MOTION, 30, 40);
            event(events, cam, StoredEvent.CAMERA_MOTION, 130, 50);
            StoredEvent strong = event(events, cam, StoredEvent.MOTION, 150, 70);
            event(events, cam, StoredEvent.MOTION, 155, 20);

            TimelineQuery.Bucketed b = new TimelineQuery(db).buckets(new TimeBuckets(T0, 60_000, 5));
            assertThat(b.tracks().get(cam).clusters()).containsExactly(
                    new TimelineQuery.Cluster(0, T0.plusSeconds(10), 1, 2, 0, 100, StoredEvent.RING, ring.id()),
                    new TimelineQuery.Cluster(2, T0.plusSeconds(130), 0, 2, 1, 70, StoredEvent.MOTION, strong.id()));
            assertThat(b.tracks().get(cam).clusters().get(0).count()).isEqualTo(3);
        }
    }

    @Test
    void activityIsTheLoudestSecondPerBucketAtEveryZoom() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = camera(db, "Porch");
            ActivityRepository activity = new ActivityRepository(db);
            byte[] levels = new byte[60];
            levels[5] = 40;
            levels[50] = 90;
            activity.merge(cam, T0.plusSeconds(120), levels);
            byte[] quieter = new byte[60];
            quieter[10] = 30;
            activity.merge(cam, T0.plusSeconds(120), quieter);

            TimelineQuery query = new TimelineQuery(db);
            assertThat(query.buckets(new TimeBuckets(T0, 60_000, 4)).tracks().get(cam).activity())
                    .containsExactly(0, 0, 90, 0);
            byte[] perTenSeconds = query.buckets(new TimeBuckets(T0.plusSeconds(120), 10_000, 6)).tracks().get(cam)
                    .activity();
            assertThat(perTenSeconds).containsExactly(40, 30, 0, 0, 0, 90);
        }
    }

    @Test
    void oldestIsTheEarliestSegmentOrEvent() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            TimelineQuery query = new TimelineQuery(db);
            assertThat(query.oldest()).isEmpty();
            long cam = camera(db, "Porch");
            segment(new SegmentIndex(db), cam, "main", 0, 60);
            assertThat(query.oldest()).contains(T0);
            event(new EventRepository(db), cam, StoredEvent.RING, -30, 100);
            assertThat(query.oldest()).contains(T0.minusSeconds(30));
        }
    }

    private static long camera(Database db, String name) throws Exception {
        return new CameraRepository(db).insert(Camera.newCamera(name, URI.create("rtsp://10.0.0.2/" + name), null,
                null, null)).id();
    }

    private static void segment(SegmentIndex segments, long cam, String stream, int from, int to) throws Exception {
        segments.insert(new SegmentRow(0, cam, stream, T0.plusSeconds(from), T0.plusSeconds(to), null, null, 1, null,
                null, null, null, null, "k", stream + cam + "-" + from));
    }

    private static void gap(SegmentIndex segments, long cam, int from, int to, String reason) throws Exception {
        segments.closeGap(segments.openGap(cam, "main", T0.plusSeconds(from), reason, null), T0.plusSeconds(to));
    }

    private static StoredEvent event(EventRepository events, long cam, String type, int at, int score)
            throws Exception {
        return events.insert(new StoredEvent(0, cam, type, T0.plusSeconds(at), T0.plusSeconds(at + 5), score, null,
                null, null));
    }
}
