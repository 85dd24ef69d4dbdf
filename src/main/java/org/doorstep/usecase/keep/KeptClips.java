package org.doorstep.usecase.keep;

import static org.doorstep.usecase.Indexed.get;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.playback.EventClips;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.EventRepository;
import org.doorstep.store.KeptClip;
import org.doorstep.store.KeptClipRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * Keeping a clip as evidence (issue 13): a range of one camera's footage that retention and the storage caps leave
 * alone until the owner releases it. Each hold has a reason and, usually, a review date at which Doorstep reminds the
 * owner to decide again. Shared by the window (event menu, timeline selection, player), the command line
 * ({@code doorstep keep}) and the record of processing ({@link #all()}). An erase still reaches kept footage.
 */
public final class KeptClips {
    /** The longest reason kept (the column's width). */
    public static final int MAX_REASON = 500;
    /** The longest range one hold may cover: a hold is for a clip, not a way around retention. */
    public static final Duration MAX_RANGE = Duration.ofDays(1);
    static final String AUDIT_KEEP = "keep";
    static final String AUDIT_RELEASE = "keep-release";

    private final CameraRepository cameras;
    private final EventRepository events;
    private final KeptClipRepository kept;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final org.doorstep.usecase.lock.AppLock lock;

    /** One kept clip as the faces show it. */
    public record Kept(long id, String camera, Instant from, Instant to, String reason, LocalDate reviewOn,
                       Instant keptAt, Long eventId, boolean due) {}

    /**
     * @param lock keeping needs the app unlocked (anyone, staff too: the clerk who saw the theft keeps it); releasing
     *             lets retention delete the footage, so it needs what erasing needs (an owner)
     */
    public KeptClips(CameraRepository cameras, EventRepository events, KeptClipRepository kept, AuditLog audit,
                     Clock clock, ZoneId zone, org.doorstep.usecase.lock.AppLock lock) {
        this.lock = lock;
        this.cameras = cameras;
        this.events = events;
        this.kept = kept;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** Keeps [from, to) of {@code camera}. The reason is required; {@code reviewOn} may be null (no reminder). */
    public Kept keep(String camera, Instant from, Instant to, String reason, LocalDate reviewOn) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
        Camera cam = get(() -> cameras.findByName(camera))
                .orElseThrow(() -> CameraCatalog.unknownCamera(camera, UserException.EXIT_USAGE));
        return store(cam, from, to, reason, reviewOn, null);
    }

    /** Keeps an event's clip (the range the player and export use: a few seconds before and after it). */
    public Kept keepEvent(long eventId, String reason, LocalDate reviewOn) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
        StoredEvent e = get(() -> events.byId(eventId))
                .orElseThrow(() -> new UserException(text().get("keep.error.unknownEvent", eventId),
                        UserException.EXIT_USAGE));
        Camera cam = get(() -> cameras.findById(e.cameraId())).orElseThrow();
        Instant from = e.start().minus(EventClips.PRE_ROLL);
        Instant end = e.end() == null ? clock.instant() : e.end();
        return store(cam, from, end.plus(EventClips.POST_ROLL), reason, reviewOn, eventId);
    }

    private Kept store(Camera cam, Instant start, Instant end, String reason, LocalDate reviewOn, Long eventId) {
        Messages m = text();
        // the columns hold milliseconds: what is returned is what is stored
        Instant from = start == null ? null : start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant to = end == null ? null : end.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (from == null || to == null || !from.isBefore(to)) {
            throw new UserException(m.get("keep.error.range"), UserException.EXIT_USAGE);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new UserException(m.get("keep.error.tooLong", MAX_RANGE.toHours()), UserException.EXIT_USAGE);
        }
        String why = validReason(reason);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (reviewOn != null && reviewOn.isBefore(today)) {
            throw new UserException(m.get("keep.error.reviewPast"), UserException.EXIT_USAGE);
        }
        Instant now = clock.instant();
        KeptClip clip = get(() -> kept.insert(new KeptClip(0, cam.id(), from, to, why, reviewOn, now, eventId)));
        // the audit names camera and range (an erase of that range rewrites the row); never the reason's words
        record(now, AUDIT_KEEP, "kept clip " + clip.id() + " camera=" + cam.id() + " from=" + from + " to=" + to);
        return view(clip, cam.name(), today);
    }

    /** Releases one kept clip: retention may delete its footage from its next run. */
    public Kept release(long id) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.ERASE);
        KeptClip clip = get(() -> kept.byId(id))
                .orElseThrow(() -> new UserException(text().get("keep.error.unknown", id), UserException.EXIT_USAGE));
        get(() -> kept.delete(id));
        record(clock.instant(), AUDIT_RELEASE, "released kept clip " + id + " camera=" + clip.cameraId()
                + " from=" + clip.start() + " to=" + clip.end());
        return view(clip, cameraName(clip.cameraId()), today());
    }

    /** Every kept clip, oldest footage first: for the window's list, {@code keep list} and the record of processing. */
    public List<Kept> all() {
        Map<Long, String> names = new HashMap<>();
        for (Camera c : get(cameras::all)) {
            names.put(c.id(), c.name());
        }
        LocalDate today = today();
        return get(kept::all).stream().map(c -> view(c, names.getOrDefault(c.cameraId(), "?"), today)).toList();
    }

    /** The kept clips whose review date has come: the owner is reminded of these. */
    public List<Kept> due() {
        return all().stream().filter(Kept::due).toList();
    }

    /** Kept clips overlapping [from, to), of every camera: the timeline's band. */
    public List<Kept> overlapping(Instant from, Instant to) {
        Map<Long, String> names = new HashMap<>();
        for (Camera c : get(cameras::all)) {
            names.put(c.id(), c.name());
        }
        LocalDate today = today();
        return get(() -> kept.overlapping(null, from, to)).stream()
                .map(c -> view(c, names.getOrDefault(c.cameraId(), "?"), today)).toList();
    }

    /** A reason as typed: required, one paragraph, at most {@link #MAX_REASON} characters. */
    public static String validReason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new UserException(text().get("keep.error.reason"), UserException.EXIT_USAGE);
        }
        if (r.length() > MAX_REASON || r.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
            throw new UserException(text().get("keep.error.reasonTooLong", MAX_REASON), UserException.EXIT_USAGE);
        }
        return r;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private String cameraName(long id) {
        return get(() -> cameras.findById(id)).map(Camera::name).orElse("?");
    }

    private static Kept view(KeptClip c, String camera, LocalDate today) {
        return new Kept(c.id(), camera, c.start(), c.end(), c.reason(), c.reviewOn(), c.createdAt(), c.eventId(),
                c.due(today));
    }

    private void record(Instant at, String action, String detail) {
        try {
            audit.record(at, action, detail);
        } catch (SQLException e) {
            throw new org.doorstep.common.StoreException(e);
        }
    }

    private static Messages text() {
        return Messages.of("keep");
    }
}
