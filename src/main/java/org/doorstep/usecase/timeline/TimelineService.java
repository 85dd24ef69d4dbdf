package org.doorstep.usecase.timeline;

import static org.doorstep.usecase.Indexed.get;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.common.UserException;
import org.doorstep.playback.EventClips;
import org.doorstep.record.CameraStatus;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.doorstep.store.TimeBuckets;
import org.doorstep.store.TimelineQuery;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * What was recorded and what happened, per camera and time window: coverage, gaps with their reason, motion and
 * ring events, and what is being recorded right now. The window's timeline and the {@code segments} and
 * {@code events} commands read through here.
 */
public final class TimelineService {
    private final CameraRepository cameras;
    private final TimelineQuery query;
    private final EventRepository events;
    private final SegmentIndex segments;
    private final EventClips clips;
    private final Supplier<List<CameraStatus>> live;
    private final Clock clock;

    public TimelineService(CameraRepository cameras, TimelineQuery query, EventRepository events, SegmentIndex segments,
                           EventClips clips, Supplier<List<CameraStatus>> live, Clock clock) {
        this.cameras = cameras;
        this.query = query;
        this.events = events;
        this.segments = segments;
        this.clips = clips;
        this.live = live;
        this.clock = clock;
    }

    /** One camera's row of the timeline. */
    public record Row(long cameraId, String camera, TimelineQuery.Window window) {}

    /** An event with the name of its camera and, when asked for, the recording that shows it. */
    public record Entry(StoredEvent event, String camera, EventClips.Clip clip) {}

    /** A segment with the name of its camera. */
    public record Segment(SegmentRow row, String camera) {}

    /**
     * Rows for every camera, read from the index, plus the segment being written right now (it is indexed only when
     * it closes) so that the bar grows while one watches.
     */
    public List<Row> window(Instant from, Instant to) {
        Map<Long, CameraStatus> now = new HashMap<>();
        for (CameraStatus s : live.get()) {
            now.put(s.cameraId(), s);
        }
        List<Row> rows = new ArrayList<>();
        for (Camera camera : get(cameras::all)) {
            TimelineQuery.Window w = get(() -> query.load(camera.id(), from, to));
            CameraStatus status = now.get(camera.id());
            if (status != null && status.state() == CameraStatus.State.RECORDING) {
                w = withGrowingSegment(w, status.since());
            }
            rows.add(new Row(camera.id(), camera.name(), w));
        }
        return rows;
    }

    /** Events closer than this many pixel columns are one marker with a count: an icon and its count are this wide. */
    public static final int MARKER_COLUMNS = 16;

    /** One camera's lane of the timeline at the pixel width. */
    public record Lane(long cameraId, String camera, TimelineQuery.Track track) {}

    /** Every camera's lane over the window's buckets, in the camera list's order. */
    public record Overview(TimeBuckets buckets, List<Lane> lanes) {}

    /**
     * Every camera over [from, to) aggregated to {@code columns} buckets (one per pixel column) by the index, plus the
     * segment being written right now, so that a month reads as a few thousand rows and the bar grows while one
     * watches.
     */
    public Overview overview(Instant from, Instant to, int columns) {
        TimeBuckets buckets = TimeBuckets.over(from, to, columns);
        TimeBuckets markers = TimeBuckets.over(from, to, Math.max(1, columns / MARKER_COLUMNS));
        TimelineQuery.Bucketed read = get(() -> query.buckets(buckets, markers));
        Map<Long, CameraStatus> now = new HashMap<>();
        for (CameraStatus s : live.get()) {
            now.put(s.cameraId(), s);
        }
        List<Lane> lanes = new ArrayList<>();
        for (Camera camera : get(cameras::all)) {
            TimelineQuery.Track track = read.tracks().get(camera.id());
            if (track == null) {
                track = new TimelineQuery.Track(new double[buckets.count()], new byte[buckets.count()], List.of(),
                        List.of());
            }
            CameraStatus status = now.get(camera.id());
            if (status != null && status.state() == CameraStatus.State.RECORDING && status.since() != null) {
                track = withGrowingSegment(track, buckets, status.since());
            }
            lanes.add(new Lane(camera.id(), camera.name(), track));
        }
        return new Overview(buckets, lanes);
    }

    private TimelineQuery.Track withGrowingSegment(TimelineQuery.Track track, TimeBuckets buckets, Instant since) {
        double[] coverage = track.coverage().clone();
        long from = since.toEpochMilli();
        long to = clock.instant().toEpochMilli();
        for (int b = Math.max(0, buckets.indexOf(since)); b < Math.min(buckets.count(), buckets.indexOf(clock.instant()) + 1);
             b++) {
            long start = buckets.start(b).toEpochMilli();
            long end = start + buckets.bucketMs();
            long covered = Math.max(0, Math.min(end, to) - Math.max(start, from));
            coverage[b] = Math.min(1, Math.max(coverage[b], (double) covered / buckets.bucketMs()));
        }
        return new TimelineQuery.Track(coverage, track.activity(), track.gaps(), track.clusters());
    }

    /** The earliest footage or event of any camera: the timeline zooms out no further than this plus a margin. */
    public Optional<Instant> oldest() {
        return get(query::oldest);
    }

    private TimelineQuery.Window withGrowingSegment(TimelineQuery.Window w, Instant since) {
        List<TimelineQuery.Span> spans = new ArrayList<>(w.recorded());
        Instant start = spans.isEmpty() || spans.get(spans.size() - 1).end().isBefore(since)
                ? since : spans.remove(spans.size() - 1).start();
        spans.add(new TimelineQuery.Span(start, clock.instant()));
        return new TimelineQuery.Window(spans, w.gaps(), w.events());
    }

    /**
     * Events, newest last; {@code cameraName}, {@code type}, {@code from} and {@code to} may each be null. The
     * recording that shows each event is looked up only {@code withClips} (one index read per event).
     */
    public List<Entry> events(String cameraName, String type, Instant from, Instant to, boolean withClips) {
        Map<Long, String> names = names();
        Long cameraId = cameraName == null ? null : idOf(cameraName);
        List<Entry> out = new ArrayList<>();
        for (StoredEvent e : get(() -> events.find(cameraId, type, from, to))) {
            out.add(new Entry(e, names.get(e.cameraId()), withClips ? get(() -> clips.clipOf(e)) : null));
        }
        return out;
    }

    /** Recorded segments; {@code cameraName}, {@code from} and {@code to} may each be null. */
    public List<Segment> segments(String cameraName, Instant from, Instant to) {
        Map<Long, String> names = names();
        Long cameraId = cameraName == null ? null : idOf(cameraName);
        List<Segment> out = new ArrayList<>();
        for (SegmentRow r : get(() -> segments.find(cameraId, from, to))) {
            out.add(new Segment(r, names.get(r.cameraId())));
        }
        return out;
    }

    private long idOf(String cameraName) {
        return get(() -> cameras.findByName(cameraName.strip())).map(Camera::id)
                .orElseThrow(() -> CameraCatalog.unknownCamera(cameraName.strip(), UserException.EXIT_USAGE));
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        for (Camera c : get(cameras::all)) {
            names.put(c.id(), c.name());
        }
        return names;
    }
}
