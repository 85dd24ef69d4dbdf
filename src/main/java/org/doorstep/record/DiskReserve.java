package org.doorstep.record;

/**
 * The two amounts of free disk Doorstep keeps, both relative to the disk's size so that a small disk (an SD card, a
 * small partition) is usable at all:
 *
 * <ul>
 *   <li>the <b>reserve</b>: retention deletes the oldest footage to keep this much free. It is the owner's setting
 *   (2 GB by default) but at most 5 % of the disk. Why 5 %: a fixed 2 GB is 0.4 % of a 500 GB disk but all of a
 *   2 GB card, where it made retention delete each segment right after it was written; 5 % is what file systems
 *   themselves hold back (ext4 reserves 5 % for root) and leaves 95 % of any disk to footage. It never falls below
 *   twice the headroom, so retention frees space before the recorder has to stop.</li>
 *   <li>the <b>headroom</b>: below it the recorder stops writing segments (it closes the one it writes at the next
 *   keyframe), so that the index database, which lives on the same disk, always has room for its rows. A full disk
 *   makes H2 close the database, and a row that cannot be written is an hour of footage nobody can find. 2 % of
 *   the disk, at least 1 MB and at most 256 MB: a few minutes of H2 growth with every camera recording.</li>
 * </ul>
 */
public final class DiskReserve {
    static final long MB = 1024L * 1024;
    static final long MIN_HEADROOM = MB;
    static final long MAX_HEADROOM = 256 * MB;

    private DiskReserve() {}

    /** Free space the recorder leaves for the database: 2 % of the disk, between 1 MB and 256 MB. */
    public static long headroom(long diskBytes) {
        return Math.max(MIN_HEADROOM, Math.min(MAX_HEADROOM, diskBytes / 50));
    }

    /** Free space retention keeps: the setting, at most 5 % of the disk, at least twice the headroom (0: off). */
    public static long reserve(long configured, long diskBytes) {
        if (configured <= 0) {
            return 0;
        }
        long relative = Math.min(configured, diskBytes / 20);
        return Math.max(relative, 2 * headroom(diskBytes));
    }
}
