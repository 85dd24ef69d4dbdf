package org.doorstep.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells the recorder whether the disk has room for another piece of footage: free space above the database's
 * headroom ({@link DiskReserve#headroom}). When it has not, retention is asked to run at once (it frees the
 * reserve by deleting the oldest footage), rather than at its next 5-minute check.
 */
final class StorageGuard {
    private static final long ASK_EVERY_NANOS = 10_000_000_000L;
    private final DiskSpace disk;
    private final Runnable spaceLow;
    private final java.util.function.LongSupplier configuredReserve;
    private long askedAt = System.nanoTime() - ASK_EVERY_NANOS;

    /**
     * @param spaceLow          asks retention to run now
     * @param configuredReserve the free-disk reserve setting; below the reserve in force retention is asked early
     *                          (at most every 10 s), so it frees space before the recorder has to stop
     */
    StorageGuard(DiskSpace disk, Runnable spaceLow, java.util.function.LongSupplier configuredReserve) {
        this.disk = disk;
        this.spaceLow = spaceLow;
        this.configuredReserve = configuredReserve;
    }

    static StorageGuard unlimited() {
        return new StorageGuard(DiskSpace.system(), () -> { }, () -> 0);
    }

    /** Null when there is room; else a sentence for the log and the gap (free and needed bytes). */
    String shortOfRoom(Path root) {
        long usable;
        long headroom;
        try {
            usable = disk.usable(root);
            headroom = DiskReserve.headroom(disk.total(root));
        } catch (IOException e) {
            return null; // the folder is gone: the write itself fails and says so (storage unavailable)
        }
        if (usable >= headroom) {
            long total;
            try {
                total = disk.total(root);
            } catch (IOException e) {
                return null;
            }
            if (usable < DiskReserve.reserve(configuredReserve.getAsLong(), total)
                    && System.nanoTime() - askedAt >= ASK_EVERY_NANOS) {
                askedAt = System.nanoTime();
                spaceLow.run(); // below the reserve: retention frees space now rather than at its next check
            }
            return null;
        }
        askedAt = System.nanoTime();
        spaceLow.run();
        return "disk full: " + usable + " bytes free, " + headroom + " kept for the index database";
    }
}
