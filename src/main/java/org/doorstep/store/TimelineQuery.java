package org.doorstep.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the timeline shows for one camera and time window: recorded spans, gaps, and events. It reads through the
 * tables' owners, {@link SegmentIndex} and {@link EventRepository}, and only shapes their rows for drawing.
 */
public final class TimelineQuery {
    /** Events are found by their start; one that began this long before the window may still reach into it. */
    private static final Duration LONGEST_EVENT = Duration.ofHours(1);
    /**
     * An event still going on is drawn to the window's end (now, on a live window), but no further than this past
     * its start, in case a crash left it open.
     */
    private static final Duration OPEN_EVENT_REACH = Duration.ofMinutes(10);
    /** Segments closer than this are drawn as one bar: the timeline shows coverage, not files. */
    private static final Duration JOIN_TOLERANCE = Duration.ofSeconds(2);

    private final SegmentIndex segments;
    private final EventRepository events;
    private final ActivityRepository activity;
    private final TimelineRollups rollups;

    public TimelineQuery(Database db) {
        this.segments = new SegmentIndex(db);
        this.events = new EventRepository(db);
        this.activity = new ActivityRepository(db);
        this.rollups = new TimelineRollups(db);
    }

    /**
     * A stretch without recording as the timeline draws it: gaps closer than one bucket are one run, named by the
     * reason that kept the camera away longest. {@code end} is null while the camera is still away.
     */
    public record GapRun(Instant start, Instant end, String reason, int count) {}

    /**
     * The events of one camera starting in one bucket: a marker with a count, named by its strongest event (a ring
     * before motion before camera motion, then by score), whose id fetches the thumbnail.
     */
    public record Cluster(int bucket, Instant first, int rings, int motions, int cameraMotions, int maxScore,
                          String strongestType, long strongestEventId) {
        public int count() {
            return rings + motions + cameraMotions;
        }
    }

    /**
     * One camera's window at the pixel width: per bucket the recorded fraction (0..1) and the loudest activity
     * (0..100); the gap runs and the event clusters.
     */
    public record Track(double[] coverage, byte[] activity, List<GapRun> gaps, List<Cluster> clusters) {}

    /** Every camera's {@link Track} over {@code buckets}, keyed by camera id; cameras with nothing there are absent. */
    public record Bucketed(TimeBuckets buckets, Map<Long, Track> tracks) {}

    /**
     * The window aggregated per bucket in SQL (grouped by time bucket, all cameras in one query per table), so a
     * month on the screen reads as many rows as it has pixel columns per camera, not every segment.
     */
    public Bucketed buckets(TimeBuckets buckets) throws SQLException {
        return buckets(buckets, buckets);
    }

    /**
     * As {@link #buckets(TimeBuckets)}, with the events clustered over coarser {@code markers} buckets (a marker is
     * an icon some pixels wide: events closer than that are one marker with a count).
     */
    public Bucketed buckets(TimeBuckets buckets, TimeBuckets markers) throws SQLException {
        return buckets(buckets, markers, true);
    }

    /**
     * As {@link #buckets(TimeBuckets, TimeBuckets)}; {@code fromRollups} false reads every raw row even where the
     * rollup cells would do (the tests compare the two, the benchmark measures both).
     */
    public Bucketed buckets(TimeBuckets buckets, TimeBuckets markers, boolean fromRollups) throws SQLException {
        // buckets that are whole cells of a grain read the cells (one row per bucket and camera); any others, and
        // any while the cells are being rebuilt, read the raw rows
        boolean built = fromRollups && rollups.built();
        Optional<Long> grain = built ? TimelineRollups.grainFor(buckets.from(), buckets.bucketMs()) : Optional.empty();
        Optional<Long> markerGrain = built ? TimelineRollups.grainFor(markers.from(), markers.bucketMs())
                : Optional.empty();
        Map<Long, double[]> coverage;
        Map<Long, byte[]> peaks;
        if (grain.isPresent()) {
            List<SegmentIndex.CoverageRow> rows = new ArrayList<>();
            peaks = new HashMap<>();
            segments.reachingInto("main", buckets.from())
                    .forEach((camera, end) -> rows.add(new SegmentIndex.CoverageRow(camera, -1, 0, end)));
            for (TimelineRollups.CoverageCell c : rollups.coverage(buckets, grain.get())) {
                if (c.bucket() < 0 || c.bucket() >= buckets.count()) {
                    continue;
                }
                if (c.lastEnd() != null) {
                    rows.add(new SegmentIndex.CoverageRow(c.cameraId(), c.bucket(), c.recordedMs(), c.lastEnd()));
                }
                if (c.peak() > 0) {
                    peaks.computeIfAbsent(c.cameraId(), id -> new byte[buckets.count()])[c.bucket()] = (byte) c.peak();
                }
            }
            coverage = coverage(buckets, rows);
        } else {
            coverage = coverage(buckets, segments.coverage("main", buckets));
            peaks = activity.peaks(buckets);
        }
        Map<Long, List<GapRun>> gaps = gapRuns(buckets);
        Map<Long, List<Cluster>> clusters = new HashMap<>();
        for (EventRepository.ClusterRow c : markerGrain.isPresent() ? rollups.clusters(markers, markerGrain.get())
                : events.clusters(markers)) {
            clusters.computeIfAbsent(c.cameraId(), id -> new ArrayList<>()).add(new Cluster(c.bucket(), c.first(),
                    c.rings(), c.motions(), c.cameraMotions(), c.maxScore(), c.strongestType(), c.strongestId()));
        }
        Set<Long> cameras = new TreeSet<>(coverage.keySet());
        cameras.addAll(gaps.keySet());
        cameras.addAll(clusters.keySet());
        cameras.addAll(peaks.keySet());
        Map<Long, Track> tracks = new LinkedHashMap<>();
        for (long id : cameras) {
            tracks.put(id, new Track(coverage.getOrDefault(id, new double[buckets.count()]),
                    peaks.getOrDefault(id, new byte[buckets.count()]), gaps.getOrDefault(id, List.of()),
                    clusters.getOrDefault(id, List.of())));
        }
        return new Bucketed(buckets, tracks);
    }

    /**
     * Recorded fraction per bucket. SQL sums the segments by the bucket of their start; a segment that reaches into
     * later buckets (zoomed in, buckets shorter than a segment) is carried forward here. Segments of one stream
     * never overlap, so only the last one of a bucket can reach past it.
     */
    private static Map<Long, double[]> coverage(TimeBuckets buckets, List<SegmentIndex.CoverageRow> sums) {
        Map<Long, List<SegmentIndex.CoverageRow>> byCamera = new HashMap<>();
        for (SegmentIndex.CoverageRow r : sums) {
            byCamera.computeIfAbsent(r.cameraId(), id -> new ArrayList<>()).add(r);
        }
        Map<Long, double[]> out = new HashMap<>();
        long width = buckets.bucketMs();
        byCamera.forEach((camera, rows) -> {
            rows.sort(Comparator.comparingInt(SegmentIndex.CoverageRow::bucket));
            double[] fraction = new double[buckets.count()];
            long carryEnd = Long.MIN_VALUE;
            int next = 0;
            for (int b = 0; b < buckets.count(); b++) {
                long start = buckets.start(b).toEpochMilli();
                long end = start + width;
                long covered = 0;
                while (next < rows.size() && rows.get(next).bucket() < b) {
                    carryEnd = Math.max(carryEnd, rows.get(next).lastEnd().toEpochMilli());
                    next++;
                }
                if (carryEnd > start) {
                    covered += Math.min(end, carryEnd) - start;
                }
                if (next < rows.size() && rows.get(next).bucket() == b) {
                    SegmentIndex.CoverageRow r = rows.get(next);
                    covered += r.recordedMs() - Math.max(0, r.lastEnd().toEpochMilli() - end);
                }
                fraction[b] = Math.max(0, Math.min(1, (double) covered / width));
            }
            out.put(camera, fraction);
        });
        return out;
    }

    /** Gap rows per bucket and reason, merged into runs wherever they are less than a bucket apart. */
    private Map<Long, List<GapRun>> gapRuns(TimeBuckets buckets) throws SQLException {
        Map<Long, List<GapRun>> out = new HashMap<>();
        long camera = -1;
        Run run = null;
        for (SegmentIndex.GapBucketRow r : segments.gapBuckets("main", buckets)) {
            if (run != null && (r.cameraId() != camera || !run.reaches(r.start(), buckets.bucketMs()))) {
                out.computeIfAbsent(camera, id -> new ArrayList<>()).add(run.done());
                run = null;
            }
            camera = r.cameraId();
            if (run == null) {
                run = new Run(r.start());
            }
            run.add(r);
        }
        if (run != null) {
            out.computeIfAbsent(camera, id -> new ArrayList<>()).add(run.done());
        }
        return out;
    }

    /** A gap run being merged: its extent and how long each reason kept the camera away. */
    private static final class Run {
        private final Instant start;
        private Instant end;
        private boolean open;
        private int count;
        private final Map<String, Long> missing = new HashMap<>();

        Run(Instant start) {
            this.start = start;
        }

        boolean reaches(Instant next, long bucketMs) {
            return open || end == null || !next.isAfter(end.plusMillis(bucketMs));
        }

        void add(SegmentIndex.GapBucketRow r) {
            open |= r.end() == null;
            if (r.end() != null && (end == null || r.end().isAfter(end))) {
                end = r.end();
            }
            count += r.count();
            missing.merge(r.reason(), Math.max(1, r.missingMs()), Long::sum);
        }

        GapRun done() {
            String reason = missing.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("unknown");
            return new GapRun(start, open ? null : end, reason, count);
        }
    }

    /** The earliest footage or event any camera has, if any: the timeline zooms out no further than this. */
    public Optional<Instant> oldest() throws SQLException {
        Optional<Instant> segment = segments.oldestStart();
        Optional<Instant> event = events.oldestStart();
        if (segment.isEmpty()) {
            return event;
        }
        return event.filter(e -> e.isBefore(segment.get())).or(() -> segment);
    }

    public record Span(Instant start, Instant end) {}

    public record Gap(Instant start, Instant end, String reason) {}

    public record Mark(String type, Instant start, Instant end, int score) {}

    public record Window(List<Span> recorded, List<Gap> gaps, List<Mark> events) {}

    public Window load(long cameraId, Instant from, Instant to) throws SQLException {
        return new Window(recorded(cameraId, from, to), gaps(cameraId, from, to), events(cameraId, from, to));
    }

    private List<Span> recorded(long cameraId, Instant from, Instant to) throws SQLException {
        List<Span> spans = new ArrayList<>();
        for (Span s : segments.spans(cameraId, "main", from, to)) {
            if (!spans.isEmpty() && !s.start().isAfter(spans.get(spans.size() - 1).end().plus(JOIN_TOLERANCE))) {
                Span last = spans.remove(spans.size() - 1);
                s = new Span(last.start(), s.end().isAfter(last.end()) ? s.end() : last.end());
            }
            spans.add(s);
        }
        return spans;
    }

    private List<Gap> gaps(long cameraId, Instant from, Instant to) throws SQLException {
        return segments.gaps(cameraId, from, to).stream()
                .map(g -> new Gap(g.start(), g.end(), g.reason()))
                .toList();
    }

    private List<Mark> events(long cameraId, Instant from, Instant to) throws SQLException {
        List<Mark> marks = new ArrayList<>();
        for (StoredEvent e : events.find(cameraId, null, from.minus(LONGEST_EVENT), to)) {
            Instant end = e.end() != null ? e.end() : earliest(to, e.start().plus(OPEN_EVENT_REACH));
            if (end.isAfter(from) || e.start().isAfter(from)) {
                marks.add(new Mark(e.type(), e.start(), end, e.score()));
            }
        }
        return marks;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
