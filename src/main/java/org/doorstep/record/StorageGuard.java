package org.doorstep.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tells the recorder whether the disk has room for another piece of footage: free space above the database's
 * headroom ({@link DiskReserve#headroom}). When it has not, retention is asked to run at once (it frees the
 * reserve by deleting the oldest footage), rather than at its next 5-minute check.
 */
final class StorageGuard {
    private final DiskSpace disk;
    private final Runnable spaceLow;

    StorageGuard(DiskSpace disk, Runnable spaceLow) {
        this.disk = disk;
        this.spaceLow = spaceLow;
    }

    static StorageGuard unlimited() {
        return new StorageGuard(DiskSpace.system(), () -> { });
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
            return null;
        }
        spaceLow.run();
        return "disk full: " + usable + " bytes free, " + headroom + " kept for the index database";
    }
}
