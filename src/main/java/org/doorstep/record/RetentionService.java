package org.doorstep.record;

import org.doorstep.common.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.store.KeptClip;
import org.doorstep.store.KeptClipRepository;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.SegmentFiles;
/**
 * Deletes footage: per camera after its retention (default 48 h), and — oldest first, over all cameras — whatever it
 * takes to stay under the storage cap and above the free-disk reserve, so recording never stops for a full disk.
 * Runs every {@code Settings.retentionCheckSeconds} (at most 5 minutes). A day key whose segments are all gone is
 * destroyed (crypto-erase), except for today and yesterday, which a running recorder may still be using.
 *
 * <p>Segments overlapping a kept clip (an evidence hold) are skipped by all three: they stay until the clip is
 * released or erased, even when that leaves a camera over its cap (kept footage is the owner's explicit choice).
 */
public final class RetentionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    private final CameraRepository cameras;
    private final SegmentIndex index;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    /** Replaced when the owner changes the cap or reserve in the window; read at each run. */
    private volatile Settings settings;
    private final Clock clock;
    /** Evidence holds; null: none (tests of plain retention). */
    private final KeptClipRepository kept;
    private final DiskSpace disk;
    private ScheduledExecutorService timer;
    /** Cameras whose footage had to go for space before their retention was reached, by camera id. */
    private final java.util.Map<Long, Shortfall> shortfalls = new java.util.concurrent.ConcurrentHashMap<>();

    public record Result(int deleted, long bytesFreed, int keysDestroyed) {}

    /**
     * A camera whose retention cannot be met: footage younger than {@code retention} was deleted for space (the
     * storage cap or the free-disk reserve), so only {@code kept} of it is there.
     */
    public record Shortfall(long cameraId, String cameraName, java.time.Duration retention, java.time.Duration kept,
                            Instant since) {}

    public RetentionService(CameraRepository cameras, SegmentIndex index, SegmentFiles files, SegmentKeyStore keys,
                            Settings settings, Clock clock) {
        this(cameras, index, files, keys, settings, clock, (KeptClipRepository) null, DiskSpace.system());
    }

    public RetentionService(CameraRepository cameras, SegmentIndex index, SegmentFiles files, SegmentKeyStore keys,
                            Settings settings, Clock clock, KeptClipRepository kept) {
        this(cameras, index, files, keys, settings, clock, kept, DiskSpace.system());
    }

    public RetentionService(CameraRepository cameras, SegmentIndex index, SegmentFiles files, SegmentKeyStore keys,
                            Settings settings, Clock clock, DiskSpace disk) {
        this(cameras, index, files, keys, settings, clock, (KeptClipRepository) null, disk);
    }

    public RetentionService(CameraRepository cameras, SegmentIndex index, SegmentFiles files, SegmentKeyStore keys,
                            Settings settings, Clock clock, KeptClipRepository kept, DiskSpace disk) {
        this.kept = kept;
        this.disk = disk;
        this.cameras = cameras;
        this.index = index;
        this.files = files;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes new storage cap and reserve for the next run (the window's app settings, no restart needed). */
    public void settings(Settings changed) {
        this.settings = changed;
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Threads.named("retention"));
        long period = Math.min(300, settings.retentionCheckSeconds());
        timer.scheduleWithFixedDelay(this::runSafely, 5, period, TimeUnit.SECONDS);
    }

    /** Runs a check now, on the retention thread (the recorder asks when the disk runs short); no-op if stopped. */
    public synchronized void runSoon() {
        if (timer != null) {
            timer.execute(this::runSafely);
        }
    }

    /** The cameras whose retention the disk or the storage cap cannot meet now (empty when all are met). */
    public List<Shortfall> shortfalls() {
        return List.copyOf(shortfalls.values());
    }

    /** The free-disk reserve as set (before it is made relative to the disk). */
    public long configuredReserve() {
        return settings.minFreeBytes();
    }

    /** The free-disk reserve in force on the recordings' disk: the setting, at most 5 % of it (see DiskReserve). */
    public long effectiveReserve() throws IOException {
        return DiskReserve.reserve(settings.minFreeBytes(), disk.total(files.root()));
    }

    private void runSafely() {
        try {
            Result r = runOnce();
            if (r.deleted() > 0) {
                LOG.info("retention removed {} segment(s), {} bytes, destroyed {} key(s)", r.deleted(), r.bytesFreed(), r.keysDestroyed());
            }
        } catch (Exception e) {
            LOG.warn("retention check failed: {}", e.toString());
        }
    }

    public synchronized Result runOnce() throws SQLException, IOException {
        int deleted = 0;
        long freed = 0;
        Set<String> touchedKeys = new HashSet<>();
        Instant now = clock.instant();
        List<KeptClip> holds = kept == null ? List.of() : kept.all();
        java.util.Map<Long, Instant> forSpace = new java.util.HashMap<>(); // newest end deleted for space, per camera
        List<Camera> all = cameras.all();
        for (Camera cam : all) {
            for (SegmentRow s : index.endedBefore(cam.id(), now.minus(cam.retention()))) {
                if (!held(s, holds)) {
                    freed += remove(s, touchedKeys);
                    deleted++;
                }
            }
            // the camera's own cap (its settings): its oldest footage goes first, other cameras keep theirs
            long camCap = cam.options().storageCapBytes();
            long camTotal = camCap > 0 ? index.totalBytes(cam.id()) : 0;
            int skipped = 0; // held segments among the oldest: the next page starts after them
            while (camCap > 0 && camTotal > camCap) {
                List<SegmentRow> oldest = index.oldest(cam.id(), skipped, 50);
                if (oldest.isEmpty()) {
                    break;
                }
                for (SegmentRow s : oldest) {
                    if (camTotal <= camCap) {
                        break;
                    }
                    if (held(s, holds)) {
                        skipped++;
                        continue;
                    }
                    freed += remove(s, touchedKeys);
                    forSpace.merge(s.cameraId(), s.end(), (x, y) -> x.isAfter(y) ? x : y);
                    camTotal -= s.bytes();
                    deleted++;
                }
            }
        }
        long cap = settings.storageCapBytes();
        if (cap > 0) {
            long total = index.totalBytes();
            int skipped = 0;
            while (total > cap) {
                List<SegmentRow> oldest = index.oldest(skipped, 50);
                if (oldest.isEmpty()) {
                    break;
                }
                for (SegmentRow s : oldest) {
                    if (total <= cap) {
                        break;
                    }
                    if (held(s, holds)) {
                        skipped++;
                        continue;
                    }
                    long b = remove(s, touchedKeys);
                    forSpace.merge(s.cameraId(), s.end(), (x, y) -> x.isAfter(y) ? x : y);
                    total -= s.bytes();
                    freed += b;
                    deleted++;
                }
            }
        }
        // only on Doorstep's own drive: free space of an empty mount folder (system disk) says nothing about it
        if (settings.minFreeBytes() > 0 && files.volumePresent()) {
            Path root = files.root();
            long reserve = effectiveReserve();
            int skipped = 0;
            while (disk.usable(root) < reserve) {
                List<SegmentRow> oldest = index.oldest(skipped, 20);
                if (oldest.isEmpty()) {
                    break;
                }
                for (SegmentRow s : oldest) {
                    if (disk.usable(root) >= reserve) {
                        break; // re-checked per file so no more footage goes than the reserve needs
                    }
                    if (held(s, holds)) {
                        skipped++;
                        continue;
                    }
                    freed += remove(s, touchedKeys);
                    forSpace.merge(s.cameraId(), s.end(), (x, y) -> x.isAfter(y) ? x : y);
                    deleted++;
                }
            }
        }
        noteShortfalls(all, forSpace, now);
        int destroyed = 0;
        LocalDate yesterday = now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
        for (String keyId : touchedKeys) {
            LocalDate day = SegmentKeyStore.dayOf(keyId).orElse(yesterday);
            if (day.isBefore(yesterday) && !index.keyInUse(keyId) && keys.destroy(keyId)) {
                destroyed++;
            }
        }
        return new Result(deleted, freed, destroyed);
    }

    /** Whether a kept clip overlaps the segment (a few holds at most: a scan is cheaper than a query per segment). */
    private static boolean held(SegmentRow s, List<KeptClip> holds) {
        for (KeptClip k : holds) {
            if (k.overlaps(s.cameraId(), s.start(), s.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A camera whose footage went for space while younger than its retention cannot keep its retention: said in the
     * status and the window until a run deletes none of its footage for space again.
     */
    private void noteShortfalls(List<Camera> all, java.util.Map<Long, Instant> forSpace, Instant now)
            throws SQLException {
        for (Camera cam : all) {
            Instant newestGone = forSpace.get(cam.id());
            if (newestGone == null) {
                shortfalls.remove(cam.id());
                continue;
            }
            if (newestGone.isAfter(now.minus(cam.retention()))) {
                List<SegmentRow> oldest = index.oldest(cam.id(), 1);
                java.time.Duration kept = oldest.isEmpty() ? java.time.Duration.ZERO
                        : java.time.Duration.between(oldest.get(0).start(), now);
                Shortfall before = shortfalls.get(cam.id());
                shortfalls.put(cam.id(), new Shortfall(cam.id(), cam.name(), cam.retention(), kept,
                        before == null ? now : before.since()));
                if (before == null) {
                    LOG.warn("camera {}: the disk keeps only {} of its {} retention", cam.name(), kept, cam.retention());
                }
            } else {
                shortfalls.remove(cam.id());
            }
        }
        shortfalls.keySet().removeIf(id -> all.stream().noneMatch(c -> c.id() == id));
    }

    private long remove(SegmentRow s, Set<String> touchedKeys) throws SQLException, IOException {
        Path f = files.resolve(s.file());
        long size = Files.exists(f) ? Files.size(f) : 0;
        Files.deleteIfExists(f);
        index.delete(s.id());
        touchedKeys.add(s.keyId());
        return size;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
