package org.doorstep.usecase.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.record.DiskReserve;
import org.doorstep.record.DiskSpace;
import org.doorstep.record.RecordingService;
import org.doorstep.record.RetentionService;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.SegmentFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings folder: how full its disk is, whether the cameras' retention can be met, and moving it to another
 * folder or drive. Shared by {@code doorstep storage} and the window (Settings, the tool bar's notice).
 */
public final class Storage {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private final SegmentFiles files;
    private final RecordingService recording;
    private final RetentionService retention;
    private final CameraRepository cameras;
    private final DiskSpace disk;
    private final org.doorstep.store.SegmentIndex index;
    private final java.util.function.LongSupplier storageCap;

    /**
     * @param storageCap the app-wide storage cap in force (0 = none); read at each status
     */
    public Storage(SegmentFiles files, RecordingService recording, RetentionService retention,
                   CameraRepository cameras, org.doorstep.store.SegmentIndex index,
                   java.util.function.LongSupplier storageCap, DiskSpace disk) {
        this.index = index;
        this.storageCap = storageCap;
        this.files = files;
        this.recording = recording;
        this.retention = retention;
        this.cameras = cameras;
        this.disk = disk;
    }

    /**
     * Where the recordings are and what their disk allows.
     *
     * @param available   whether the folder is there and Doorstep's (false: drive unplugged, folder replaced)
     * @param reserveBytes the free-disk reserve in force (the setting, at most 5 % of the disk)
     * @param headroomBytes free space below which recording stops, for the index database
     * @param shortfalls  cameras whose retention the disk or the storage cap cannot meet now
     */
    public record Status(Path folder, boolean available, long freeBytes, long totalBytes, long reserveBytes,
                         long headroomBytes, List<RetentionService.Shortfall> shortfalls) {}

    public Status status() {
        Path root = files.root();
        boolean available = files.volumePresent();
        long free = -1;
        long total = -1;
        long reserve = 0;
        try {
            free = disk.usable(root);
            total = disk.total(root);
            reserve = retention.effectiveReserve();
        } catch (IOException e) {
            available = false;
        }
        List<RetentionService.Shortfall> shortfalls = new ArrayList<>(retention.shortfalls());
        if (shortfalls.isEmpty() && free >= 0) {
            shortfalls.addAll(forecast(free, reserve)); // a process that has not run retention yet: the forecast
        }
        return new Status(root, available, free, total, reserve, total < 0 ? 0 : DiskReserve.headroom(total),
                shortfalls);
    }

    /**
     * Cameras whose retention will not fit at the rate they recorded over the last 24 hours: what all of them need
     * for their retention against what the disk (less the reserve) and the cap give footage. Each such camera is
     * said to keep its share of what fits.
     */
    private List<RetentionService.Shortfall> forecast(long free, long reserve) {
        try {
            java.time.Instant now = java.time.Instant.now();
            long used = index.totalBytes();
            long room = Math.max(0, used + free - reserve);
            long cap = storageCap.getAsLong();
            if (cap > 0) {
                room = Math.min(room, cap);
            }
            List<Camera> recorded = new ArrayList<>();
            List<Long> needs = new ArrayList<>();
            long needed = 0;
            for (Camera c : cameras.all()) {
                if (!c.enabled()) {
                    continue;
                }
                var rows = index.find(c.id(), now.minus(Duration.ofHours(24)), null);
                long bytes = rows.stream().mapToLong(org.doorstep.store.SegmentRow::bytes).sum();
                long ms = rows.stream().mapToLong(r -> r.duration().toMillis()).sum();
                if (ms < 60_000) {
                    continue;
                }
                long need = (long) (bytes / (double) ms * c.retention().toMillis());
                recorded.add(c);
                needs.add(need);
                needed += need;
            }
            List<RetentionService.Shortfall> out = new ArrayList<>();
            if (needed <= room || needed == 0) {
                return out;
            }
            double share = room / (double) needed;
            for (Camera c : recorded) {
                out.add(new RetentionService.Shortfall(c.id(), c.name(), c.retention(),
                        Duration.ofMillis((long) (c.retention().toMillis() * share)), now));
            }
            return out;
        } catch (SQLException e) {
            LOG.warn("retention forecast not available: {}", e.toString());
            return List.of();
        }
    }

    /** One sentence per problem the owner should know about (empty when all is well), in the given words. */
    public List<String> problems(Messages m) {
        Status s = status();
        List<String> out = new ArrayList<>();
        if (!s.available()) {
            out.add(m.get("problem.unavailable", s.folder()));
        } else if (s.freeBytes() >= 0 && s.freeBytes() < s.headroomBytes()) {
            out.add(m.get("problem.full", s.folder()));
        }
        for (RetentionService.Shortfall f : s.shortfalls()) {
            out.add(m.get("problem.retention", f.cameraName(), hours(f.kept()), hours(f.retention())));
        }
        return out;
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h >= 48 ? (h / 24) + " d" : h >= 1 ? h + " h" : Math.max(1, d.toMinutes()) + " min";
    }

    /** How far a move is: bytes copied of all, files copied of all, and the step ("copy", "verify", "switch"). */
    public record MoveProgress(String step, long bytesDone, long bytesTotal, int filesDone, int filesTotal) {}

    /**
     * What a move did. {@code startedFresh}: the old folder was not available, so nothing was copied and recording
     * started in the new, empty folder.
     */
    public record MoveResult(Path from, Path to, int files, long bytes, Duration took, boolean oldCopyRemoved,
                             boolean startedFresh) {}

    /**
     * Moves the recordings to {@code target} (a new or empty folder): pauses recording, copies every file with
     * progress, checks each copy against its source (size and SHA-256), switches the recordings folder, resumes
     * recording, and only then removes the old copy. Cancelled or failed before the switch, the partial copy is
     * removed and everything stays where it was (recording resumes in the old folder).
     */
    public synchronized MoveResult move(Path target, Consumer<MoveProgress> progress, BooleanSupplier cancelled) {
        Messages m = Messages.of("storage");
        long t0 = System.nanoTime();
        Path from = files.root().toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        if (to.startsWith(from) || from.startsWith(to)) {
            throw new UserException(m.get("move.inside", to, from));
        }
        if (to.getParent() == null || !Files.isDirectory(to.getParent())) {
            throw new UserException(m.get("move.noParent", to));
        }
        if (Files.exists(to) && !isEmptyFolder(to)) {
            throw new UserException(m.get("move.notEmpty", to));
        }
        if (!files.volumePresent()) {
            return startFresh(from, to, m, t0);
        }
        List<Path> sources = listFiles(from, m);
        long total = sources.stream().mapToLong(Storage::size).sum();
        try {
            long free = disk.usable(to.getParent());
            long need = total + DiskReserve.headroom(disk.total(to.getParent()));
            if (free < need) {
                throw new UserException(m.get("move.noRoom", to, mb(need), mb(free)));
            }
        } catch (IOException e) {
            throw new UserException(m.get("move.failed", to, e.getMessage()));
        }
        List<Long> paused = recording.recordingCameras();
        paused.forEach(recording::stop); // every open segment is closed and indexed before copying
        boolean created = !Files.exists(to);
        boolean switched = false;
        int copied = 0;
        try {
            Files.createDirectories(to);
            // the list again: the segments closed by the pause were written after the first one
            sources = listFiles(from, m);
            total = sources.stream().mapToLong(Storage::size).sum();
            long done = 0;
            for (Path src : sources) {
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
                Path dst = to.resolve(from.relativize(src).toString());
                Files.createDirectories(dst.getParent());
                byte[] hash;
                try {
                    hash = copy(src, dst);
                } catch (NoSuchFileException gone) {
                    continue; // deleted meanwhile (retention, erase): nothing to move
                }
                if (Files.size(dst) != Files.size(src) || !Arrays.equals(hash, sha256(dst))) {
                    throw new IOException("the copy of " + src + " differs from it");
                }
                done += Files.size(dst);
                copied++;
                progress.accept(new MoveProgress("copy", done, total, copied, sources.size()));
            }
            if (cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            progress.accept(new MoveProgress("switch", done, total, copied, sources.size()));
            files.switchTo(to);
            switched = true;
            LOG.info("recordings folder moved from {} to {}: {} files, {} bytes", from, to, copied, done);
        } catch (Cancelled e) {
            undo(to, created, from, sources);
            throw new UserException(m.get("move.cancelled", from));
        } catch (IOException | RuntimeException e) {
            LOG.warn("moving the recordings to {} failed: {}", to, e.toString());
            if (!switched) {
                undo(to, created, from, sources);
            }
            throw new UserException(m.get("move.failed", to, e.getMessage()));
        } finally {
            resume(paused);
        }
        boolean removed = removeOldCopy(from, sources);
        return new MoveResult(from, to, copied, total, Duration.ofNanos(System.nanoTime() - t0), removed, false);
    }

    /**
     * The old folder is not available (its drive unplugged or gone): nothing can be copied, so recording starts in
     * the new folder, chosen by the owner, and the footage the index lists there becomes a "files-missing" gap.
     * If the drive comes back later its files are still on it; Doorstep no longer records there.
     */
    private MoveResult startFresh(Path from, Path to, Messages m, long t0) {
        List<Long> paused = recording.recordingCameras();
        paused.forEach(recording::stop);
        try {
            files.startFresh(to);
            int gone = new org.doorstep.record.Reconciler(index, files, null, java.time.Clock.systemUTC())
                    .missingFilesToGaps(new java.util.HashSet<>());
            LOG.warn("recordings folder {} unavailable; recording now goes to {} ({} rows marked missing)", from, to,
                    gone);
        } catch (IOException | SQLException e) {
            throw new UserException(m.get("move.failed", to, e.getMessage()));
        } finally {
            resume(paused);
        }
        return new MoveResult(from, to, 0, 0, Duration.ofNanos(System.nanoTime() - t0), false, true);
    }

    private static final class Cancelled extends Exception {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private void resume(List<Long> paused) {
        for (long id : paused) {
            try {
                cameras.findById(id).filter(Camera::enabled).ifPresent(recording::start);
            } catch (SQLException e) {
                LOG.warn("camera {} could not be resumed after the move: {}", id, e.toString());
            }
        }
    }

    /** Removes what this move copied into {@code to} (and the folder when it made it); the source is untouched. */
    private static void undo(Path to, boolean created, Path from, List<Path> sources) {
        try {
            for (Path src : sources) {
                Files.deleteIfExists(to.resolve(from.relativize(src).toString()));
            }
            removeEmptyFolders(to, created);
        } catch (IOException e) {
            LOG.warn("the partial copy in {} could not be removed completely: {}", to, e.toString());
        }
    }

    private static boolean removeOldCopy(Path from, List<Path> sources) {
        try {
            for (Path src : sources) {
                Files.deleteIfExists(src);
            }
            removeEmptyFolders(from, true);
            return !Files.exists(from);
        } catch (IOException e) {
            LOG.warn("the old recordings folder {} could not be removed completely: {}", from, e.toString());
            return false;
        }
    }

    private static void removeEmptyFolders(Path root, boolean includingRoot) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p) && (includingRoot || !p.equals(root))) {
                    try {
                        Files.delete(p);
                    } catch (DirectoryNotEmptyException kept) {
                        // something that is not ours is in it: left alone
                    }
                }
            }
        }
    }

    private static List<Path> listFiles(Path root, Messages m) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UserException(m.get("move.failed", root, e.getMessage()));
        }
    }

    private static boolean isEmptyFolder(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }

    /** Copies and returns the SHA-256 of what was read from the source. */
    private static byte[] copy(Path src, Path dst) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(src); OutputStream out = Files.newOutputStream(dst)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
