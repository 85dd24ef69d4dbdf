package org.doorstep.usecase.erase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.playback.EventClips;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.privacy.SegmentRekeyer;
import org.doorstep.record.RecordingService;
import org.doorstep.record.SegmentCutter;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EraseReceipt;
import org.doorstep.store.EraseReceipts;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases footage for good, for both faces. Order (docs/PRIVACY.md says why): the parts of affected segments and
 * thumbnails that are KEPT are re-encrypted under fresh keys; then the KEYS of everything erased are destroyed and
 * the key-encryption key is rotated (from here on the erased footage is unreadable, and the erase can no longer be
 * cancelled: it rolls forward); then segment files, thumbnails, activity, events, gaps and segment rows, exports
 * Doorstep wrote, audit rows and log lines that tell about the range; a receipt; and the database file is compacted
 * so no old copy of a deleted row stays in it. A journal written before the first change lets the next start finish
 * an erase a crash interrupted ({@link #resume}).
 */
public final class Erase {
    private static final Logger LOG = LoggerFactory.getLogger(Erase.class);
    private static final Pattern KEY_CAMERA = Pattern.compile("c(\\d+)-(\\d{8})-[0-9a-f]{8}");
    private static final Duration CUT_TIMEOUT = Duration.ofSeconds(15);
    /** The receipt's method; %s is where the key-encryption key lives (the folder or an OS key store). */
    static final String METHOD = "crypto-erase (AES-256-GCM day keys destroyed, key-encryption key rotated in %s),"
            + " files and rows deleted, database compacted";
    static final String EXPORT_ACTION = "export";

    private final DataDir dataDir;
    private final Path logs;
    private final Database database;
    private final CameraRepository cameras;
    private final SegmentIndex index;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final EventRepository events;
    private final ActivityRepository activity;
    private final EraseReceipts receipts;
    private final AuditLog audit;
    private final RecordingService recording;
    private final java.util.function.Consumer<String> removeCamera;
    private final Clock clock;
    private final EraseJournal journal;
    private final SegmentCutter cutter;
    private final SegmentRekeyer rekeyer;
    private final SecureRandom random = new SecureRandom();
    /** Evidence holds: an erase reaches kept footage too (the confirmation says how many) and releases them. */
    private final org.doorstep.store.KeptClipRepository kept;
    private volatile Duration lastCompaction = Duration.ZERO;
    /** An erase needs the app unlocked (a reset of a forgotten password may run it while locked). */
    private final org.doorstep.usecase.lock.AppLock lock;
    /** Notes each erase (receipt and coarse scope, never the erased times) with who did it. */
    private final org.doorstep.usecase.audit.Audit auditor;

    public Erase(DataDir dataDir, Database database, CameraRepository cameras, SegmentIndex index, SegmentFiles files,
                 SegmentKeyStore keys, EventRepository events, ActivityRepository activity, EraseReceipts receipts,
                 AuditLog audit, RecordingService recording, java.util.function.Consumer<String> removeCamera,
                 org.doorstep.usecase.lock.AppLock lock, org.doorstep.usecase.audit.Audit auditor, Clock clock) {
        this(dataDir, database, cameras, index, files, keys, events, activity, receipts, audit, recording,
                removeCamera, lock, auditor, clock, dataDir.logs());
    }

    /** @param logs where this process logs (the OS's log folder with the default data folder); scrubbed as well */
    public Erase(DataDir dataDir, Database database, CameraRepository cameras, SegmentIndex index, SegmentFiles files,
                 SegmentKeyStore keys, EventRepository events, ActivityRepository activity, EraseReceipts receipts,
                 AuditLog audit, RecordingService recording, java.util.function.Consumer<String> removeCamera,
                 org.doorstep.usecase.lock.AppLock lock, org.doorstep.usecase.audit.Audit auditor, Clock clock,
                 Path logs) {
        this.logs = logs;
        this.lock = lock;
        this.auditor = auditor;
        this.removeCamera = removeCamera;
        this.dataDir = dataDir;
        this.database = database;
        this.cameras = cameras;
        this.index = index;
        this.files = files;
        this.keys = keys;
        this.events = events;
        this.activity = activity;
        this.receipts = receipts;
        this.audit = audit;
        this.recording = recording;
        this.clock = clock;
        this.journal = new EraseJournal(dataDir.root());
        this.cutter = new SegmentCutter(files, keys);
        this.rekeyer = new SegmentRekeyer(keys);
        this.kept = new org.doorstep.store.KeptClipRepository(database);
    }

    /** What the scope covers, resolved at one moment: cameras (null: all) and [from, to). */
    private record Target(Long cameraId, List<String> cameraNames, Instant from, Instant to) {}

    /** Everything an erase touches, read from the index. */
    private record Plan(Target target, List<SegmentRow> segments, List<SegmentRow> straddling, List<StoredEvent> events,
                        Set<String> keys, List<SegmentRow> keptSegments, List<StoredEvent> keptThumbnails,
                        List<ErasePreview.Export> exports) {
        List<StoredEvent> thumbnails() {
            return events.stream().filter(e -> e.thumbnail() != null).toList();
        }
    }

    /** What {@code scope} would erase now; changes nothing. */
    public ErasePreview preview(EraseScope scope) {
        try {
            Plan p = plan(resolve(scope, clock.instant()), Set.of(), true);
            return summary(p);
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            throw new UserException(text().get("erase.failed", e.getMessage()));
        }
    }

    /**
     * Erases {@code scope}. {@code keepExports} are ids of listed exports the user chose to keep. Cancelling works
     * until the keys step starts ({@link CancellationException}, nothing erased); after that the erase completes.
     */
    public synchronized EraseResult run(EraseScope scope, Set<Long> keepExports, EraseProgress progress,
                                        BooleanSupplier cancelled) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.ERASE);
        try {
            Instant moment = clock.instant();
            progress.at(EraseProgress.Step.PREPARE, 0);
            Target target = resolve(scope, moment);
            if (scope.removeCamera() && recording != null && target.cameraId() != null) {
                recording.stop(target.cameraId()); // a camera to be removed records nothing more
            }
            Plan first = plan(target, Set.of(), true);
            for (String k : first.keys()) {
                keys.retire(k); // footage recorded from now on gets fresh keys
            }
            // a recorder writes its current segment under today's key (yesterday's, just after midnight): when that
            // key is to be destroyed, or the range reaches now, the segment is closed and indexed first, so it is
            // either erased or re-keyed with the rest instead of being finished under a destroyed key
            LocalDate yesterday = day(moment).minusDays(1);
            boolean currentKeyTouched = first.keys().stream()
                    .anyMatch(k -> !SegmentKeyStore.dayOf(k).orElse(LocalDate.MIN).isBefore(yesterday));
            boolean cut = recording != null && (currentKeyTouched || target.to().equals(moment));
            if (cut) {
                List<Long> ids = target.cameraId() == null ? recording.recordingCameras() : List.of(target.cameraId());
                if (!recording.cutSegments(ids, CUT_TIMEOUT)) {
                    LOG.warn("a recorder did not close its segment for the erase in time");
                }
            }
            String receiptId = "e-" + HexFormat.of().formatHex(bytes(6));
            EraseJournal.Entry entry = new EraseJournal.Entry(receiptId, scope, target.cameraId(), target.from(),
                    target.to(), new ArrayList<>(first.keys()), new ArrayList<>(keepExports));
            checkCancel(cancelled, false);
            journal.write(entry);
            // planned again only when a recorder closed a segment since (its row belongs in the plan)
            return finish(entry, cut ? null : first, progress, cancelled);
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            throw new UserException(text().get("erase.failed", e.getMessage()));
        }
    }

    /** Finishes an erase a crash interrupted; empty when there was none. Called on start, before recording. */
    public synchronized Optional<EraseResult> resume() {
        try {
            Optional<EraseJournal.Entry> entry = journal.read();
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            LOG.info("finishing an interrupted erase");
            completeInterruptedCuts(Set.copyOf(entry.get().keys()));
            return Optional.of(finish(entry.get(), null, EraseProgress.NONE, () -> false));
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            throw new UserException(text().get("erase.failed", e.getMessage()));
        }
    }

    /** All receipts, oldest first, and whether their hash chain is intact. */
    public List<EraseReceipt> receipts() {
        try {
            return receipts.all();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public boolean receiptsIntact() {
        try {
            return receipts.verify();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** How long the last database compaction took. */
    public Duration lastCompaction() {
        return lastCompaction;
    }

    /** @param planned the plan made just before, still true; null to plan from the journal (resumed, or segments cut) */
    private EraseResult finish(EraseJournal.Entry entry, Plan planned, EraseProgress progress, BooleanSupplier cancelled)
            throws SQLException, IOException {
        Plan plan = planned;
        if (plan == null) {
            Target target = new Target(entry.cameraId(), cameraMentions(entry.cameraId()), entry.from(), entry.to());
            plan = plan(target, Set.copyOf(entry.keys()), false);
        }
        Set<Long> keptExports = Set.copyOf(entry.keptExports());
        plan.keys().forEach(keys::retire); // again: a resumed erase runs in a process that has not retired them yet

        // KEEP: what shares a key with erased footage but lies outside the scope moves to fresh keys
        int steps = plan.straddling().size() + plan.keptSegments().size() + plan.keptThumbnails().size();
        int done = 0;
        for (SegmentRow s : plan.straddling()) {
            checkCancel(cancelled, true);
            keepOutside(s, plan.target());
            progress.at(EraseProgress.Step.KEEP, 0.3 * ++done / Math.max(1, steps));
        }
        for (SegmentRow s : plan.keptSegments()) {
            checkCancel(cancelled, true);
            rekeySegment(s, plan.keys());
            progress.at(EraseProgress.Step.KEEP, 0.3 * ++done / Math.max(1, steps));
        }
        for (StoredEvent e : plan.keptThumbnails()) {
            checkCancel(cancelled, true);
            rekeyThumbnail(e, plan.keys());
            progress.at(EraseProgress.Step.KEEP, 0.3 * ++done / Math.max(1, steps));
        }
        checkCancel(cancelled, true);
        Set<Long> segmentIds = new HashSet<>();
        plan.segments().forEach(x -> segmentIds.add(x.id()));
        Set<Long> eventIds = new HashSet<>();
        plan.events().forEach(x -> eventIds.add(x.id()));
        long segmentsOutside = index.idsUsingKeys(plan.keys()).stream().filter(id -> !segmentIds.contains(id)).count();
        long thumbnailsOutside = events.usingThumbnailKeys(plan.keys()).stream()
                .filter(e -> !eventIds.contains(e.id())).count();
        if (segmentsOutside + thumbnailsOutside > 0) {
            // never destroy a key that footage outside the scope still needs; the journal stays for a retry
            throw new IOException("footage outside the erase still uses a key to be destroyed (" + segmentsOutside
                    + " segments, " + thumbnailsOutside + " thumbnails)");
        }

        // KEYS: from here the erased footage is unreadable; no cancelling any more
        progress.at(EraseProgress.Step.KEYS, 0.3);
        List<String> destroyed = keys.destroyAll(new TreeSet<>(plan.keys()));
        progress.at(EraseProgress.Step.KEYS, 0.35);

        Set<String> removed = new HashSet<>(destroyed);
        long bytes = 0;
        int segmentCount = 0;
        Set<Long> straddling = new HashSet<>();
        plan.straddling().forEach(s -> straddling.add(s.id()));
        // files: unreadable already; removed several at a time, since on most disks a delete waits on the file system
        List<Path> segmentFiles = new ArrayList<>();
        for (SegmentRow s : plan.segments()) {
            if (!straddling.contains(s.id())) {
                segmentFiles.add(files.resolve(s.file()));
                removed.add(Path.of(s.file()).getFileName().toString());
            }
            bytes += s.bytes();
            segmentCount++;
        }
        deleteAll(segmentFiles, progress, EraseProgress.Step.FILES, 0.35, 0.3);
        int thumbnails = 0;
        List<Path> thumbnailFiles = new ArrayList<>();
        for (StoredEvent e : plan.thumbnails()) {
            thumbnailFiles.add(dataDir.root().resolve(e.thumbnail()));
            removed.add(Path.of(e.thumbnail()).getFileName().toString());
            thumbnails++;
        }
        bytes += deleteAll(thumbnailFiles, progress, EraseProgress.Step.THUMBNAILS, 0.65, 0.05);
        removeEmptyFolders(files.root());
        removeEmptyFolders(dataDir.thumbnails());
        progress.at(EraseProgress.Step.THUMBNAILS, 0.7);

        progress.at(EraseProgress.Step.ROWS, 0.7);
        Target t = plan.target();
        activity.erase(t.cameraId(), t.from(), t.to());
        progress.at(EraseProgress.Step.ROWS, 0.71);
        // by range rather than by id: after the keep step every row touching the range lies inside it
        int eventCount = events.deleteOverlapping(t.cameraId(), t.from(), t.to());
        progress.at(EraseProgress.Step.ROWS, 0.72);
        index.eraseGaps(t.cameraId(), t.from(), t.to());
        progress.at(EraseProgress.Step.ROWS, 0.73);
        index.deleteOverlapping(t.cameraId(), t.from(), t.to());
        // kept clips reached by the erase are released (the part outside the range stays kept)
        kept.cut(t.cameraId(), t.from(), t.to());
        progress.at(EraseProgress.Step.ROWS, 0.75);

        int exports = 0;
        for (ErasePreview.Export x : plan.exports()) {
            if (!keptExports.contains(x.id()) && Files.deleteIfExists(Path.of(x.file()))) {
                exports++;
            }
        }
        String marker = "range erased (receipt " + entry.receiptId() + ")";
        audit.rewriteMentioning(t.from(), t.to(), e -> t.cameraId() == null || e.detail().contains("camera=" + t.cameraId()), marker);
        for (ErasePreview.Export x : plan.exports()) {
            if (!keptExports.contains(x.id())) { // a kept export stays listed, so a later erase can still offer it
                audit.rewriteMentioning(null, null, e -> e.id() == x.id(), marker);
            }
        }
        progress.at(EraseProgress.Step.EXPORTS, 0.8);

        new LogScrubber(dataDir.logs()).scrub(t.from(), t.to(), t.cameraNames(), removed, entry.receiptId());
        if (!logs.toAbsolutePath().normalize().equals(dataDir.logs())) {
            new LogScrubber(logs).scrub(t.from(), t.to(), t.cameraNames(), removed, entry.receiptId());
        }
        progress.at(EraseProgress.Step.LOGS, 0.85);

        EraseReceipt receipt = new EraseReceipt(entry.receiptId(), clock.instant(), coarseScope(t),
                t.from() == null ? null : day(t.from()).atStartOfDay().toInstant(ZoneOffset.UTC),
                day(t.to()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                segmentCount, eventCount, thumbnails, bytes, String.format(METHOD, keys.kekHome().name()), destroyed, null, null);
        if (!receipts.exists(entry.receiptId())) {
            receipts.append(receipt);
        }
        auditor.erased("receipt " + entry.receiptId() + ", " + coarseScope(t));
        progress.at(EraseProgress.Step.RECEIPT, 0.9);

        progress.at(EraseProgress.Step.COMPACT, 0.92);
        lastCompaction = database.compact();
        LOG.info("erase {} complete; database compacted in {} ms", entry.receiptId(), lastCompaction.toMillis());
        journal.delete();
        if (entry.scope().removeCamera() && t.cameraId() != null) {
            Optional<Camera> camera = cameras.findById(t.cameraId());
            if (camera.isPresent()) {
                removeCamera.accept(camera.get().name());
            }
        }
        progress.at(EraseProgress.Step.DONE, 1);
        return new EraseResult(coarseScope(t), segmentCount, eventCount, thumbnails, bytes, destroyed.size(), exports,
                entry.receiptId());
    }

    private void checkCancel(BooleanSupplier cancelled, boolean started) throws IOException {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            if (started) {
                journal.delete(); // nothing was erased yet; what was re-keyed stays readable under its new key
            }
            throw new CancellationException("erase cancelled");
        }
    }

    // ---- resolving and planning

    private Target resolve(EraseScope scope, Instant moment) throws SQLException {
        Messages m = text();
        switch (scope.kind()) {
            case EVERYTHING:
                return new Target(null, List.of(), null, moment);
            case CAMERA:
            case CAMERA_RANGE: {
                Camera c = cameras.findByName(scope.camera())
                        .orElseThrow(() -> new UserException(m.get("erase.unknownCamera", scope.camera()), UserException.EXIT_USAGE));
                Instant to = scope.to() == null || scope.to().isAfter(moment) ? moment : scope.to();
                Instant from = scope.from();
                if (from != null && !from.isBefore(to)) {
                    throw new UserException(m.get("erase.futureRange"), UserException.EXIT_USAGE);
                }
                return new Target(c.id(), cameraMentions(c.id()), from, to);
            }
            case RANGE: {
                Instant to = scope.to() == null || scope.to().isAfter(moment) ? moment : scope.to();
                if (scope.from() != null && !scope.from().isBefore(to)) {
                    throw new UserException(m.get("erase.futureRange"), UserException.EXIT_USAGE);
                }
                return new Target(null, List.of(), scope.from(), to);
            }
            case EVENT: {
                StoredEvent e = events.byId(scope.eventId())
                        .orElseThrow(() -> new UserException(m.get("erase.unknownEvent", scope.eventId()), UserException.EXIT_USAGE));
                Instant from = e.start().minus(EventClips.PRE_ROLL);
                Instant to = (e.end() == null ? e.start() : e.end()).plus(EventClips.POST_ROLL);
                return new Target(e.cameraId(), cameraMentions(e.cameraId()), from, to.isAfter(moment) ? moment : to);
            }
            default:
                throw new IllegalArgumentException(scope.kind().name());
        }
    }

    private List<String> cameraMentions(Long cameraId) throws SQLException {
        if (cameraId == null) {
            return List.of();
        }
        List<String> mentions = new ArrayList<>(List.of("camera " + cameraId + ":", "camera " + cameraId + " ",
                "segments/" + cameraId + "/", "thumbnails/" + cameraId + "/", "record-" + cameraId + "]"));
        cameras.findById(cameraId).ifPresent(c -> mentions.add(c.name()));
        return mentions;
    }

    /**
     * @param journalKeys keys already chosen for destruction
     * @param dayKeys     also choose every key of a day the range covers (the first plan only: a key made after the
     *                    erase began is one the recorder now uses for footage after the erase's moment)
     */
    private Plan plan(Target t, Set<String> journalKeys, boolean dayKeys) throws SQLException, IOException {
        List<SegmentRow> segments = index.find(t.cameraId(), t.from(), t.to());
        List<SegmentRow> straddling = segments.stream()
                .filter(s -> (t.from() != null && s.start().isBefore(t.from())) || s.end().isAfter(t.to())).toList();
        List<StoredEvent> inRange = events.overlapping(t.cameraId(), t.from(), t.to());
        Set<String> touched = new LinkedHashSet<>(journalKeys);
        segments.forEach(s -> touched.add(s.keyId()));
        inRange.stream().filter(e -> e.thumbnailKeyId() != null).forEach(e -> touched.add(e.thumbnailKeyId()));
        LocalDate firstDay = t.from() == null ? LocalDate.MIN : day(t.from());
        LocalDate lastDay = day(t.to());
        for (String k : dayKeys ? keys.keyIds() : List.<String>of()) {
            Matcher m = KEY_CAMERA.matcher(k);
            if (!m.matches()) {
                continue;
            }
            boolean camera = t.cameraId() == null || Long.parseLong(m.group(1)) == t.cameraId();
            LocalDate d = SegmentKeyStore.dayOf(k).orElseThrow();
            if (camera && !d.isBefore(firstDay) && !d.isAfter(lastDay)) {
                touched.add(k); // a key of a day the range covers may hold anything of the range
            }
        }
        Set<Long> segmentIds = new HashSet<>();
        segments.forEach(s -> segmentIds.add(s.id()));
        Set<Long> eventIds = new HashSet<>();
        inRange.forEach(e -> eventIds.add(e.id()));
        List<SegmentRow> kept = new ArrayList<>();
        List<StoredEvent> keptThumbs = new ArrayList<>();
        // one query per table for all touched keys, not one per key and row: an erase of a month touches a key per
        // camera-day, and the footage is readable until this planning is done
        for (SegmentRow s : index.usingKeys(touched)) {
            if (!segmentIds.contains(s.id())) {
                kept.add(s);
            }
        }
        for (StoredEvent e : events.usingThumbnailKeys(touched)) {
            if (!eventIds.contains(e.id())) {
                keptThumbs.add(e);
            }
        }
        return new Plan(t, segments, straddling, inRange, touched, kept, keptThumbs, exports(t));
    }

    // "preset=…" is written by exports made with a preset (evidence, access request)
    private static final Pattern EXPORT_DETAIL =
            Pattern.compile("camera=(\\d+) from=(\\S+) to=(\\S+)(?: preset=\\S+)? file=(.+)");

    /** Exports Doorstep wrote (audit rows) of footage in the target that are still where they were written. */
    private List<ErasePreview.Export> exports(Target t) throws SQLException, IOException {
        List<ErasePreview.Export> out = new ArrayList<>();
        for (AuditLog.Entry e : audit.byAction(EXPORT_ACTION)) {
            Matcher m = e.detail() == null ? null : EXPORT_DETAIL.matcher(e.detail());
            if (m == null || !m.matches()) {
                continue;
            }
            long cam = Long.parseLong(m.group(1));
            Instant from = Instant.parse(m.group(2));
            Instant to = Instant.parse(m.group(3));
            Path file = Path.of(m.group(4));
            boolean camera = t.cameraId() == null || t.cameraId() == cam;
            boolean overlaps = (t.from() == null || to.isAfter(t.from())) && from.isBefore(t.to());
            if (camera && overlaps && Files.isRegularFile(file)) {
                out.add(new ErasePreview.Export(e.id(), file.toString(), from, to, Files.size(file)));
            }
        }
        return out;
    }

    private ErasePreview summary(Plan p) throws SQLException, IOException {
        Target t = p.target();
        long bytes = 0;
        double seconds = 0;
        Instant first = null;
        for (SegmentRow s : p.segments()) {
            Instant a = t.from() == null || s.start().isAfter(t.from()) ? s.start() : t.from();
            Instant b = s.end().isBefore(t.to()) ? s.end() : t.to();
            double part = Math.max(0, Duration.between(a, b).toMillis()) / 1000.0;
            double whole = Math.max(1, s.duration().toMillis()) / 1000.0;
            seconds += part;
            bytes += Math.round(s.bytes() * Math.min(1, part / whole));
            first = first == null || a.isBefore(first) ? a : first;
        }
        for (StoredEvent e : p.thumbnails()) {
            Path f = dataDir.root().resolve(e.thumbnail());
            bytes += Files.exists(f) ? Files.size(f) : 0;
        }
        List<String> names = new ArrayList<>();
        for (Camera c : cameras.all()) {
            if (t.cameraId() == null || c.id() == t.cameraId()) {
                names.add(c.name());
            }
        }
        if (first == null && !p.events().isEmpty()) {
            first = p.events().get(0).start();
        }
        return new ErasePreview(names, first == null ? t.from() : first, t.to(), p.segments().size(),
                p.events().size(), p.thumbnails().size(), bytes, seconds / 3600.0, p.keys().size(), p.exports(),
                kept.overlapping(t.cameraId(), t.from(), t.to()).size());
    }

    // ---- keeping what lies outside the scope

    /** Cuts the parts of a straddling segment that lie outside the range into new files under fresh keys. */
    private void keepOutside(SegmentRow s, Target t) throws IOException, SQLException {
        List<SegmentRow> parts = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try {
            if (t.from() != null && s.start().isBefore(t.from())) {
                cutPart(s, s.start(), t.from(), parts, temps);
            }
            if (s.end().isAfter(t.to())) {
                cutPart(s, t.to(), s.end().plusSeconds(1), parts, temps);
            }
            index.replace(s.id(), parts);
        } catch (IOException | SQLException | RuntimeException e) {
            for (Path p : temps) {
                Files.deleteIfExists(p);
            }
            throw e;
        }
        Files.deleteIfExists(files.resolve(s.file())); // unreadable once its key goes; removed now anyway
        for (int i = 0; i < parts.size(); i++) {
            Files.move(temps.get(i), files.resolve(parts.get(i).file()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void cutPart(SegmentRow s, Instant from, Instant to, List<SegmentRow> parts, List<Path> temps)
            throws IOException {
        SegmentKeyStore.SegmentKey key = keys.keyFor(s.cameraId(), day(from));
        Path tmp = files.resolve(s.file() + "." + parts.size() + ".cut");
        Files.deleteIfExists(tmp);
        Optional<SegmentRow> part = cutter.keep(s, from, to, tmp, key);
        if (part.isPresent()) {
            Path finalTmp = files.resolve(part.get().file() + ".cut");
            Files.move(tmp, finalTmp, StandardCopyOption.REPLACE_EXISTING);
            parts.add(part.get());
            temps.add(finalTmp);
        }
    }

    /**
     * A crash between indexing the kept parts of a segment and moving their files into place leaves
     * {@code <name>.cut} files: moved into place when their row is indexed, else dropped (the cut is redone).
     */
    private void completeInterruptedCuts(Set<String> touched) throws IOException, SQLException {
        if (!Files.isDirectory(files.root())) {
            return;
        }
        List<Path> cuts;
        try (Stream<Path> s = Files.walk(files.root())) {
            cuts = s.filter(p -> p.getFileName().toString().endsWith(".cut")).toList();
        }
        for (Path cut : cuts) {
            String name = cut.getFileName().toString();
            Path target = cut.resolveSibling(name.substring(0, name.length() - 4));
            Optional<SegmentRow> row = index.byFile(files.relativize(target));
            String cutKey = SegmentRekeyer.keyIdOf(cut);
            if (row.isPresent() && row.get().keyId().equals(cutKey)) {
                Files.move(cut, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(cut);
            }
        }
        List<Path> rekeys;
        try (Stream<Path> s = Files.walk(dataDir.root())) {
            rekeys = s.filter(p -> p.getFileName().toString().endsWith(".rekey")).toList();
        }
        for (Path p : rekeys) {
            Files.deleteIfExists(p);
        }
    }

    private void rekeySegment(SegmentRow s, Set<String> touched) throws IOException, SQLException {
        Path file = files.resolve(s.file());
        String onDisk = rekeyIfTouched(file, s.cameraId(), s.start(), touched);
        index.rekeyed(s.id(), onDisk, Files.size(file)); // also repairs a row a crash left naming the old key
    }

    private void rekeyThumbnail(StoredEvent e, Set<String> touched) throws IOException, SQLException {
        Path file = dataDir.root().resolve(e.thumbnail());
        if (!Files.exists(file)) {
            events.thumbnailRekeyed(e.id(), null);
            return;
        }
        events.thumbnailRekeyed(e.id(), rekeyIfTouched(file, e.cameraId(), e.start(), touched));
    }

    /**
     * Re-encrypts {@code file} under a fresh key of its camera and day when its key is one being destroyed (through a
     * temporary file, moved into place atomically); returns the key id the file is under now.
     */
    private String rekeyIfTouched(Path file, long cameraId, Instant start, Set<String> touched) throws IOException {
        String onDisk = SegmentRekeyer.keyIdOf(file);
        if (!touched.contains(onDisk)) {
            return onDisk;
        }
        SegmentKeyStore.SegmentKey key = keys.keyFor(cameraId, day(start));
        Path tmp = file.resolveSibling(file.getFileName() + ".rekey");
        Files.deleteIfExists(tmp);
        rekeyer.rekey(file, tmp, key);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key.id();
    }

    // ---- small helpers

    /** Deletes files on a few threads, reporting progress; returns the bytes they held. */
    private static long deleteAll(List<Path> paths, EraseProgress progress, EraseProgress.Step step, double base,
                                  double share) throws IOException {
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4,
                org.doorstep.common.Threads.named("erase-files"));
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            int slice = Math.max(1, paths.size() / 16);
            for (int i = 0; i < paths.size(); i += slice) {
                List<Path> part = paths.subList(i, Math.min(paths.size(), i + slice));
                work.add(pool.submit(() -> {
                    for (Path p : part) {
                        try {
                            long size = Files.size(p);
                            Files.delete(p);
                            bytes.addAndGet(size);
                        } catch (java.nio.file.NoSuchFileException gone) {
                            // already removed (a resumed erase)
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    // rolling forward: the erase finishes even when its thread is interrupted
                    Thread.interrupted();
                    f.cancel(false);
                    throw new IOException("interrupted while removing files", e);
                }
                progress.at(step, base + share * done.get() / Math.max(1, paths.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    private static void removeEmptyFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(root)) {
            dirs = s.filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path d : dirs) {
            if (!d.equals(root)) {
                try (Stream<Path> in = Files.list(d)) {
                    if (in.findAny().isEmpty()) {
                        Files.deleteIfExists(d);
                    }
                }
            }
        }
    }

    /** The receipt's scope: cameras and UTC days, never the minute. */
    private String coarseScope(Target t) {
        String cams = t.cameraId() == null ? "all cameras" : "camera " + t.cameraId();
        String days = t.from() == null ? "until " + day(t.to()) : day(t.from()) + " to " + day(t.to());
        return cams + ", " + days;
    }

    private static LocalDate day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static Messages text() {
        return Messages.of("erase");
    }
}
