package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline's rollup cells on a real H2 file, written only through the owners of the raw rows (segments closed,
 * events stored and completed, activity flushed, rows deleted by retention, erase and camera removal): for random
 * windows and widths the answer read from the cells equals the one aggregated from the raw rows, the cells equal a
 * rebuild from the raw rows, and an erased range leaves no cell describing it.
 */
class TimelineRollupsTest {
    @TempDir
    java.nio.file.Path dir;

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final int DAYS = 2;

    @Test
    void cellsAnswerEveryWindowAsTheRawRowsDo() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            List<Long> cams = fill(db, 11);
            TimelineQuery query = new TimelineQuery(db);
            assertThat(new TimelineRollups(db).built()).isFalse(); // a new database: rebuilt at the first start
            new TimelineRollups(db).rebuild(done -> { }, () -> false);
            assertThat(new TimelineRollups(db).built()).isTrue();
            Random random = new Random(5);
            int fromCells = 0;
            for (int i = 0; i < 60; i++) {
                long spanMs = (long) Math.pow(10, 4 + random.nextDouble() * 4.5); // 10 s .. ~3.6 days
                Instant from = T0.minusSeconds(3600).plusMillis((long) (random.nextDouble() * (DAYS + 1) * 86_400_000L));
                int columns = 50 + random.nextInt(1500);
                TimeBuckets b = TimeBuckets.over(from, from.plusMillis(spanMs), columns);
                TimeBuckets m = TimeBuckets.over(from, from.plusMillis(spanMs), Math.max(1, columns / 16));
                if (TimelineRollups.grainFor(b.from(), b.bucketMs()).isPresent()) {
                    fromCells++;
                }
                assertSame(query.buckets(b, m, true), query.buckets(b, m, false), b);
            }
            assertThat(fromCells).as("windows read from the cells").isGreaterThan(20);
            assertThat(cams).hasSize(3);
        }
    }

    @Test
    void cellsKeptByEveryWriteEqualARebuildAndAnErasedRangeLeavesNoCell() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            List<Long> cams = fill(db, 12);
            TimelineRollups rollups = new TimelineRollups(db);
            List<String> kept = cells(db);
            assertThat(kept).isNotEmpty();
            rollups.rebuild(done -> { }, () -> false);
            assertThat(cells(db)).containsExactlyElementsOf(kept);

            // erase one camera's afternoon the way Erase does: activity, events, gaps, segments
            long cam = cams.get(0);
            Instant from = T0.plus(Duration.ofHours(13)).plusSeconds(17);
            Instant to = T0.plus(Duration.ofHours(17)).plusSeconds(41);
            new ActivityRepository(db).erase(cam, from, to);
            new EventRepository(db).deleteOverlapping(cam, from, to);
            new SegmentIndex(db).eraseGaps(cam, from, to);
            new SegmentIndex(db).deleteOverlapping(cam, from, to);
            List<String> afterErase = cells(db);
            // no cell of the erased camera starts inside the range (the edge cells hold only what is outside it)
            try (var c = db.connection(); var ps = c.prepareStatement("SELECT COUNT(*) FROM timeline_rollup"
                    + " WHERE camera_id = ? AND cell_utc >= ? AND DATEADD(SECOND, grain_s, cell_utc) <= ?")) {
                ps.setLong(1, cam);
                ps.setObject(2, SqlTime.utc(from));
                ps.setObject(3, SqlTime.utc(to));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            rollups.rebuild(done -> { }, () -> false);
            assertThat(cells(db)).containsExactlyElementsOf(afterErase);

            // retention's deletes by id, then a camera removed: still what a rebuild gives, nothing of the camera
            SegmentIndex segments = new SegmentIndex(db);
            segments.deleteAll(segments.oldest(cams.get(1), 200).stream().map(SegmentRow::id).toList());
            EventRepository events = new EventRepository(db);
            events.deleteAll(events.find(cams.get(2), null, null, T0.plusSeconds(86_400)).stream()
                    .map(StoredEvent::id).toList());
            new CameraRepository(db).delete(cams.get(2));
            List<String> afterRetention = cells(db);
            assertThat(afterRetention).noneMatch(row -> row.contains(" camera " + cams.get(2) + " "));
            rollups.rebuild(done -> { }, () -> false);
            assertThat(cells(db)).containsExactlyElementsOf(afterRetention);
        }
    }

    @Test
    void aDataFolderFromBeforeTheRollupsGetsThemAtItsNextOpen() throws Exception {
        DataDir data = new DataDir(dir).create();
        long cam;
        try (Database db = Database.open(data)) {
            cam = new CameraRepository(db).insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null,
                    null, null)).id();
            SegmentIndex segments = new SegmentIndex(db);
            for (int i = 0; i < 30; i++) {
                Instant start = T0.plusSeconds(60L * i);
                segments.insert(new SegmentRow(0, cam, "main", start, start.plusSeconds(60), null, null, 1, "h264",
                        null, 1, 1, null, "k", "segments/" + cam + "/" + i));
            }
            // as V15 leaves a folder written before it: the rows there, no cells, marked not built
            try (var c = db.connection(); var st = c.createStatement()) {
                st.execute("DELETE FROM timeline_rollup");
                st.execute("UPDATE timeline_rollup_state SET built = FALSE");
            }
        }
        try (Database db = Database.open(data)) {
            TimelineRollups rollups = new TimelineRollups(db);
            assertThat(rollups.built()).isFalse();
            assertThat(cells(db)).isEmpty();
            rollups.rebuild(done -> { }, () -> false);
            assertThat(rollups.built()).isTrue();
            TimeBuckets b = TimeBuckets.over(T0, T0.plus(Duration.ofHours(20)), 1200);
            assertThat(TimelineRollups.grainFor(b.from(), b.bucketMs())).isPresent();
            TimelineQuery query = new TimelineQuery(db);
            TimelineQuery.Bucketed read = query.buckets(b, b, true);
            assertSame(read, query.buckets(b, b, false), b);
            assertThat(read.tracks().get(cam).coverage()[0]).isEqualTo(1.0);
        }
    }

    /** Three cameras, DAYS days, written through the owners the way recording, motion and events write them. */
    private static List<Long> fill(Database db, long seed) throws Exception {
        Random random = new Random(seed);
        CameraRepository cameras = new CameraRepository(db);
        SegmentIndex segments = new SegmentIndex(db);
        EventRepository events = new EventRepository(db);
        ActivityRepository activity = new ActivityRepository(db);
        List<Long> ids = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            long cam = cameras.insert(Camera.newCamera("Cam " + c, URI.create("rtsp://10.0.0." + (c + 2) + "/a"),
                    null, null, null)).id();
            ids.add(cam);
            Instant t = T0.plusMillis(random.nextInt(5000));
            Instant end = T0.plus(Duration.ofDays(DAYS));
            while (t.isBefore(end)) {
                if (random.nextInt(40) == 0) { // an outage
                    Instant back = t.plusSeconds(30 + random.nextInt(3000));
                    long gap = segments.openGap(cam, "main", t, random.nextBoolean() ? "unreachable" : "auth-failed", null);
                    segments.closeGap(gap, back);
                    t = back;
                    continue;
                }
                long length = 30_000 + random.nextInt(1_200_000); // 30 s .. 20.5 min
                Instant segEnd = t.plusMillis(length);
                segments.insert(new SegmentRow(0, cam, random.nextInt(10) == 0 ? "sub" : "main", t, segEnd, null, null,
                        1000, "h264", null, 1280, 720, null, "k", "segments/" + cam + "/" + t.toEpochMilli()));
                if (random.nextInt(3) == 0) {
                    byte[] levels = new byte[60];
                    for (int s = 0; s < 60; s++) {
                        levels[s] = (byte) (random.nextInt(4) == 0 ? random.nextInt(100) : 0);
                    }
                    activity.merge(cam, t, levels);
                }
                if (random.nextInt(4) == 0) {
                    String type = List.of(StoredEvent.MOTION, StoredEvent.RING, StoredEvent.CAMERA_MOTION)
                            .get(random.nextInt(3));
                    Instant at = t.plusMillis(random.nextInt((int) length));
                    StoredEvent open = events.insert(new StoredEvent(0, cam, type, at, null, 0, null, null, null));
                    if (random.nextBoolean()) {
                        events.update(new StoredEvent(open.id(), cam, type, at, at.plusSeconds(5),
                                random.nextInt(100), null, null, null));
                    }
                }
                t = segEnd.plusMillis(random.nextInt(10) == 0 ? random.nextInt(120_000) : random.nextInt(3));
            }
        }
        return ids;
    }

    /** Every cell, as text, in key order. */
    private static List<String> cells(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = db.connection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT grain_s,"
                + " cell_utc, camera_id, recorded_ms, last_end, peak, rings, motions, camera_motions, max_score,"
                + " first_event, strongest FROM timeline_rollup ORDER BY grain_s, cell_utc, camera_id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " " + SqlTime.instant(rs, 2) + " camera " + rs.getLong(3) + " "
                        + rs.getLong(4) + " " + SqlTime.instant(rs, 5) + " " + rs.getInt(6) + " " + rs.getInt(7) + " "
                        + rs.getInt(8) + " " + rs.getInt(9) + " " + rs.getObject(10) + " " + SqlTime.instant(rs, 11)
                        + " " + rs.getObject(12));
            }
        }
        return out;
    }

    private static void assertSame(TimelineQuery.Bucketed cells, TimelineQuery.Bucketed raw, TimeBuckets b) {
        assertThat(cells.tracks().keySet()).as("cameras in %s", b).isEqualTo(raw.tracks().keySet());
        raw.tracks().forEach((camera, expected) -> {
            TimelineQuery.Track actual = cells.tracks().get(camera);
            assertThat(actual.coverage()).as("coverage of %d in %s", camera, b).containsExactly(expected.coverage());
            assertThat(actual.activity()).as("activity of %d in %s", camera, b).containsExactly(expected.activity());
            assertThat(actual.gaps()).as("gaps of %d in %s", camera, b).isEqualTo(expected.gaps());
            assertThat(actual.clusters()).as("clusters of %d in %s", camera, b).isEqualTo(expected.clusters());
        });
    }
}
