package org.doorstep.usecase.audit;

import static org.doorstep.usecase.Indexed.get;
import static org.doorstep.usecase.Indexed.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;

/**
 * The audit log's one writer for the features: who viewed which range, exported what, erased what, changed which
 * privacy setting, stopped recording, locked or unlocked — and when. Never images, never passwords, never what was
 * seen: times, camera names and setting names only.
 *
 * <p><b>How a feature uses it</b> (both faces share the same object through {@code Workspace.audit()}): call the
 * method that says what happened right after it happened, e.g.
 * <pre>
 *   audit.viewed("Porch", from, to);                              // a playback showed this range
 *   audit.exported("Porch", from, to, file);                      // an export file was written
 *   audit.erased("receipt e-…, camera 1, 2026-11-27");           // (Erase writes its own row today)
 *   audit.privacySettingChanged("Porch", "retention", "48h", "72h: reason …");
 *   audit.privacySettingChanged(null, "audit retention", "365 days", "90 days");
 *   audit.recordingStopped("Porch", "objection");                 // null camera: all cameras
 *   audit.lockEvent(Audit.LOCKED, "idle 10 min");                 // the app lock calls this itself
 * </pre>
 * Rows name a camera as {@code camera=ID} and times as ISO-8601 instants: an erase of that range rewrites them
 * (see {@code Erase}), so the log never keeps what was erased. Rows older than the retention
 * ({@link #retention()}, a setting) are deleted by {@link #prune()}, which the app runs at start and every
 * hour of writing.
 *
 * <p>{@code actor} says which face did it ("doorstep" for the window, "doorstep export" for that command); the
 * row's person says who was unlocked with a PIN when it was written ("Anna", "staff"), read from the app lock
 * through the supplier given at construction (the lock itself is built after this log, and writes to it).
 */
public final class Audit {
    public static final String VIEW = "view";
    /** Kept as "export": Erase reads these rows to offer removing the files Doorstep wrote. */
    public static final String EXPORT = "export";
    public static final String ERASE = "erase";
    public static final String SETTING = "setting";
    public static final String RECORDING_STOPPED = "recording.stop";
    public static final String LOCKED = "lock";
    public static final String UNLOCKED = "unlock";
    public static final String UNLOCK_FAILED = "unlock.failed";
    public static final String LOCK_SET = "lock.set";
    public static final String LOCK_CLEARED = "lock.clear";
    public static final String LOCK_RESET = "lock.reset";
    /** A person was added, removed, given another role or a new PIN (detail names the change, never the PIN). */
    public static final String PERSON = "person";
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /**
     * One row as the faces show it. {@code actor} may be null (rows from before it was kept); {@code person} is who
     * was unlocked with a PIN then (null: nobody by PIN, e.g. the lock password or no lock).
     */
    public record Row(long id, Instant at, String actor, String action, String detail, Person person) {
        public Row(long id, Instant at, String actor, String action, String detail) {
            this(id, at, actor, action, detail, null);
        }
    }

    /** A person unlocked with a PIN: the name, and the role as it was then ("owner" or "staff"). */
    public record Person(String name, String role) {
        /** "Anna (staff)". */
        @Override
        public String toString() {
            return name + " (" + role + ")";
        }
    }

    private final AuditLog log;
    private final CameraRepository cameras;
    private final IntSupplier retentionDays;
    private final String actor;
    private final Clock clock;
    private final Supplier<Person> unlocked;
    private Instant lastPrune = Instant.MIN;

    /**
     * @param retentionDays how many days rows are kept (read at each prune: the setting may change)
     * @param actor         who this process acts for (its command, "doorstep" for the window)
     */
    public Audit(AuditLog log, CameraRepository cameras, IntSupplier retentionDays, String actor, Clock clock) {
        this(log, cameras, retentionDays, actor, clock, () -> null);
    }

    /** @param unlocked who is unlocked with a PIN now (null: nobody by PIN); read for each row written */
    public Audit(AuditLog log, CameraRepository cameras, IntSupplier retentionDays, String actor, Clock clock,
                 Supplier<Person> unlocked) {
        this.unlocked = unlocked;
        this.log = log;
        this.cameras = cameras;
        this.retentionDays = retentionDays;
        this.actor = actor;
        this.clock = clock;
    }

    /** A playback showed {@code camera} from {@code from} to {@code to} ({@code to} null: only its start is known). */
    public void viewed(String camera, Instant from, Instant to) {
        write(VIEW, cameraId(camera) + " from=" + from + (to == null ? "" : " to=" + to) + " (" + camera + ")");
    }

    /** An export file of {@code camera}'s range was written. */
    public void exported(String camera, Instant from, Instant to, Path file) {
        // exactly this shape: Erase parses it to offer removing the file with the footage
        write(EXPORT, cameraId(camera) + " from=" + from + " to=" + to + " file=" + file.toAbsolutePath());
    }

    /**
     * A file of an export made with a preset ("quick", "evidence", "access-request") was written: the video, its hash
     * file or its data sheet, one row each, so an erase of the range can offer removing all of them.
     */
    public void exported(String camera, Instant from, Instant to, Path file, String preset) {
        // the shape Erase parses, with the preset between the range and the file (the file name runs to the end)
        write(EXPORT, cameraId(camera) + " from=" + from + " to=" + to + " preset=" + preset + " file="
                + file.toAbsolutePath());
    }

    /** Who this process acts for (its command, "doorstep" for the window): the data sheet names it. */
    public String actor() {
        return actor;
    }

    /** Footage was erased; {@code what} is the erase's coarse scope and receipt, never the erased times. */
    public void erased(String what) {
        write(ERASE, what);
    }

    /**
     * A privacy setting changed (masks, retention, audio, the lock's options, this log's retention).
     *
     * @param camera null for an app-wide setting
     */
    public void privacySettingChanged(String camera, String setting, String before, String after) {
        write(SETTING, (camera == null ? "" : cameraPart(camera) + " ") + setting + ": " + before + " -> " + after);
    }

    /** Recording was stopped by someone (an objection, "stop all"); {@code camera} null: all cameras. */
    public void recordingStopped(String camera, String reason) {
        write(RECORDING_STOPPED, (camera == null ? "all cameras" : cameraPart(camera))
                + (reason == null || reason.isBlank() ? "" : " reason: " + reason));
    }

    /** Something the app lock did: one of {@link #LOCKED}, {@link #UNLOCKED}, {@link #LOCK_SET}, … */
    public void lockEvent(String action, String detail) {
        write(action, detail);
    }

    /**
     * Something the app lock did for or about {@code person} (a wrong PIN, a lock while they were unlocked, a
     * person added): named explicitly, because nobody, or someone else, is unlocked at that moment.
     */
    public void lockEvent(String action, String detail, Person person) {
        write(action, detail, person);
    }

    /** The rows in [from, to) (either end null: open), oldest first. */
    public List<Row> entries(Instant from, Instant to) {
        return get(() -> log.between(from, to)).stream()
                .map(e -> new Row(e.id(), e.at(), e.actor(), e.action(), e.detail(),
                        e.person() == null ? null : new Person(e.person(), e.personRole()))).toList();
    }

    /** How long rows are kept. */
    public Duration retention() {
        return Duration.ofDays(retentionDays.getAsInt());
    }

    /** Deletes the rows older than the retention; returns how many went. */
    public synchronized int prune() {
        Instant now = clock.instant();
        lastPrune = now;
        return get(() -> log.deleteBefore(now.minus(retention())));
    }

    private void write(String action, String detail) {
        write(action, detail, unlocked.get());
    }

    private void write(String action, String detail, Person person) {
        Instant now = clock.instant();
        run(() -> log.record(now, actor, action, detail, person == null ? null : person.name(),
                person == null ? null : person.role()));
        boolean due;
        synchronized (this) {
            due = lastPrune.plus(PRUNE_EVERY).isBefore(now);
        }
        if (due) {
            prune();
        }
    }

    /** {@code camera=ID}, what an erase looks for. */
    private String cameraId(String camera) {
        Optional<Camera> c = get(() -> cameras.findByName(camera));
        return c.map(x -> "camera=" + x.id()).orElse("camera \"" + camera + "\"");
    }

    /** {@code camera=ID (name)}: the id is what an erase looks for, the name is for the person reading. */
    private String cameraPart(String camera) {
        Optional<Camera> c = get(() -> cameras.findByName(camera));
        return c.map(x -> "camera=" + x.id() + " (" + x.name() + ")").orElse("camera \"" + camera + "\"");
    }
}
