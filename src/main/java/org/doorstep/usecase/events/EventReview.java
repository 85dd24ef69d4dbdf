package org.doorstep.usecase.events;

import static org.doorstep.usecase.Indexed.get;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.playback.EventClips;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.record.CameraStatus;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.slf4j.LoggerFactory;

/**
 * Looking back at what happened: the events of a day (newest first, by kind and camera), their thumbnails, which ones
 * are new since someone last looked ("3 new (1 ring)"), and which days and times have footage at all. The window's
 * event list, its "go to date and time" and the timeline's hover thumbnails read through here.
 *
 * <p>There is no "kept" (evidence hold) filter: nothing in the index marks an event as kept yet, so such a filter
 * could only ever show nothing. It belongs with the privacy work that introduces holds.
 */
public final class EventReview {
    /** The recorded stream that playback and export use; the sub stream only feeds motion detection. */
    private static final String PLAYED_STREAM = "main";

    private final CameraRepository cameras;
    private final EventRepository events;
    private final SegmentIndex segments;
    private final EncryptedThumbnails thumbnails;
    /** Thumbnails are pictures of recordings: none while the app is locked. */
    private final org.doorstep.usecase.lock.AppLock lock;
    private final Supplier<List<CameraStatus>> live;
    private final Clock clock;

    public EventReview(CameraRepository cameras, EventRepository events, SegmentIndex segments,
                       EncryptedThumbnails thumbnails, Supplier<List<CameraStatus>> live,
                       org.doorstep.usecase.lock.AppLock lock, Clock clock) {
        this.lock = lock;
        this.cameras = cameras;
        this.events = events;
        this.segments = segments;
        this.thumbnails = thumbnails;
        this.live = live;
        this.clock = clock;
    }

    /** What kind of thing happened. */
    public enum Kind {
        /** Doorstep's own detector saw movement. */
        MOTION(StoredEvent.MOTION),
        /** Someone pressed the doorbell. */
        RING(StoredEvent.RING),
        /** The camera's own detector reported movement. */
        CAMERA_MOTION(StoredEvent.CAMERA_MOTION);

        private final String stored;

        Kind(String stored) {
            this.stored = stored;
        }

        static Kind of(String stored) {
            for (Kind k : values()) {
                if (k.stored.equals(stored)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown event type " + stored);
        }
    }

    /**
     * Which events to list.
     *
     * @param camera null for every camera
     */
    public record Filter(Set<Kind> kinds, String camera) {
        public Filter {
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        }

        public static Filter everything() {
            return new Filter(EnumSet.allOf(Kind.class), null);
        }
    }

    /**
     * One event as the list shows it.
     *
     * @param end      null while it is still going on
     * @param playFrom where playback (and an export) starts: a few seconds before the event, so one sees someone arrive
     * @param playTo   where it ends: a few seconds after, so one sees them leave
     */
    public record Event(long id, long cameraId, String camera, Kind kind, Instant start, Instant end,
                        boolean reviewed, boolean hasThumbnail, Instant playFrom, Instant playTo) {
        public boolean isRing() {
            return kind == Kind.RING;
        }
    }

    /** How many events nobody has looked at yet, and how many of them are rings. */
    public record Unreviewed(long events, long rings) {}

    /** Days (in the asked zone) that have recordings, and days that had a ring. */
    public record Calendar(Set<LocalDate> footage, Set<LocalDate> rings) {}

    /**
     * Whether anything was recorded at an instant: the cameras that have footage then, or a sentence saying why not.
     */
    public record FootageAt(Instant at, List<String> cameras, String sentence) {
        public boolean recorded() {
            return !cameras.isEmpty();
        }
    }

    /** The cameras' names, for a camera filter. */
    public List<String> cameraNames() {
        return get(cameras::all).stream().map(Camera::name).toList();
    }

    /** The events of {@code day} in {@code zone} that match the filter, the newest first. */
    public List<Event> day(LocalDate day, ZoneId zone, Filter filter) {
        return between(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(), filter);
    }

    /** The events that start in {@code [from, to)} and match the filter, the newest first. */
    public List<Event> between(Instant from, Instant to, Filter filter) {
        Map<Long, String> names = names();
        Long cameraId = filter.camera() == null ? null : idOf(filter.camera());
        List<String> types = filter.kinds().stream().map(k -> k.stored).sorted().toList();
        List<Event> out = new ArrayList<>();
        for (EventRepository.Reviewed r : get(() -> events.findNewestFirst(cameraId, types, from, to))) {
            out.add(event(r.event(), names, !r.isNew()));
        }
        return out;
    }

    /** Every event nobody has reviewed yet, the oldest first: the order "Review new" plays them in. */
    public List<Event> unreviewedOldestFirst() {
        Map<Long, String> names = names();
        return get(events::unreviewed).stream().map(e -> event(e, names, false)).toList();
    }

    public Unreviewed unreviewed() {
        return new Unreviewed(get(() -> events.countUnreviewed(null)),
                get(() -> events.countUnreviewed(StoredEvent.RING)));
    }

    /** Marks one event as seen; false when it was seen before or no longer exists. */
    public boolean markReviewed(long eventId) {
        return get(() -> events.markReviewed(eventId, clock.instant()));
    }

    /** Marks every event up to now as seen; returns how many were new. */
    public int markAllReviewed() {
        Instant now = clock.instant();
        return get(() -> events.markAllReviewed(now.plusMillis(1), now));
    }

    /**
     * The event's thumbnail as a JPEG, decrypted in memory; empty when it has none, or its key was destroyed
     * (erased footage) or the file is gone or damaged.
     */
    public Optional<byte[]> thumbnail(long eventId) {
        if (!lock.allows(org.doorstep.usecase.lock.AppLock.Access.PLAYBACK)) {
            return Optional.empty(); // a thumbnail is a picture of the recording: none while locked
        }
        Optional<StoredEvent> event = get(() -> events.byId(eventId));
        if (event.isEmpty() || event.get().thumbnail() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(thumbnails.read(event.get().thumbnail()));
        } catch (DecryptingSegmentReader.KeyMissingException | java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // erased or removed by retention: no picture is the truth
        } catch (IOException | RuntimeException e) {
            // the log says which event, never what the picture shows
            LoggerFactory.getLogger(EventReview.class).warn("thumbnail of event {} unreadable: {}", eventId,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Days from {@code from} to {@code to} (both included) that have recordings on any camera, and days that had a
     * ring, in {@code zone}.
     */
    public Calendar calendar(LocalDate from, LocalDate to, ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Set<LocalDate> footage = new TreeSet<>();
        // one bounded probe per day rather than every segment of every camera (a month of 16 cameras is ~700k)
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Instant dayStart = d.atStartOfDay(zone).toInstant();
            Instant dayEnd = d.plusDays(1).atStartOfDay(zone).toInstant();
            if (get(() -> segments.anyRecorded(PLAYED_STREAM, dayStart, dayEnd))) {
                footage.add(d);
            }
        }
        Instant now = clock.instant();
        for (CameraStatus s : recordingNow()) {
            addDays(footage, max(s.since(), start), min(now, end), zone);
        }
        Set<LocalDate> rings = new TreeSet<>();
        for (Instant t : get(() -> events.starts(StoredEvent.RING, start, end))) {
            rings.add(t.atZone(zone).toLocalDate());
        }
        return new Calendar(footage, rings);
    }

    /**
     * Which cameras ({@code camera}, or any when null) have footage at {@code at}; when none does, a sentence in
     * {@code locale} that says why (not yet, older than the cameras keep recordings, or nothing recorded then).
     */
    public FootageAt footageAt(Instant at, String camera, Locale locale) {
        Messages text = Messages.of("events", locale);
        List<Camera> asked = camera == null ? get(cameras::all) : List.of(require(camera));
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            return new FootageAt(at, List.of(), text.get("footage.future"));
        }
        Map<Long, CameraStatus> recording = new HashMap<>();
        for (CameraStatus s : recordingNow()) {
            recording.put(s.cameraId(), s);
        }
        List<String> found = new ArrayList<>();
        Duration kept = Duration.ZERO;
        for (Camera c : asked) {
            kept = c.retention().compareTo(kept) > 0 ? c.retention() : kept;
            CameraStatus s = recording.get(c.id());
            boolean growing = s != null && !at.isBefore(s.since());
            if (growing || !get(() -> segments.spans(c.id(), PLAYED_STREAM, at, at.plusMillis(1))).isEmpty()) {
                found.add(c.name());
            }
        }
        if (!found.isEmpty()) {
            return new FootageAt(at, List.copyOf(found), null);
        }
        if (asked.isEmpty()) {
            return new FootageAt(at, List.of(), text.get("footage.noCameras"));
        }
        if (at.isBefore(now.minus(kept))) {
            return new FootageAt(at, List.of(), text.get("footage.tooOld", keptFor(kept, text)));
        }
        return new FootageAt(at, List.of(), text.get("footage.notRecorded"));
    }

    /** "48 hours", "7 days": whole days once it is three days or more, hours below. */
    static String keptFor(Duration kept, Messages text) {
        long hours = kept.toHours();
        if (hours >= 72 && hours % 24 == 0) {
            return text.get("retention.days", hours / 24);
        }
        return text.get("retention.hours", Math.max(1, hours));
    }

    private List<CameraStatus> recordingNow() {
        return live.get().stream().filter(s -> s.state() == CameraStatus.State.RECORDING && s.since() != null
                && PLAYED_STREAM.equals(s.stream())).toList();
    }

    private static void addDays(Set<LocalDate> days, Instant from, Instant to, ZoneId zone) {
        if (to.isBefore(from)) {
            return;
        }
        LocalDate last = to.equals(from) ? from.atZone(zone).toLocalDate() : to.minusMillis(1).atZone(zone).toLocalDate();
        for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Event event(StoredEvent e, Map<Long, String> names, boolean reviewed) {
        return new Event(e.id(), e.cameraId(), names.getOrDefault(e.cameraId(), "?"), Kind.of(e.type()), e.start(),
                e.end(), reviewed, e.thumbnail() != null, e.start().minus(EventClips.PRE_ROLL),
                (e.end() == null ? e.start() : e.end()).plus(EventClips.POST_ROLL));
    }

    private Camera require(String name) {
        return get(() -> cameras.findByName(name.strip()))
                .orElseThrow(() -> CameraCatalog.unknownCamera(name.strip(), UserException.EXIT_USAGE));
    }

    private long idOf(String name) {
        return require(name).id();
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        for (Camera c : get(cameras::all)) {
            names.put(c.id(), c.name());
        }
        return names;
    }
}
