package org.doorstep.store;

import java.time.Instant;

/**
 * A time window cut into {@code count} equal buckets of {@code bucketMs}, one per pixel column of the timeline: the
 * index is read grouped by these buckets so a month on a screen reads a few thousand rows, never the whole history.
 */
public record TimeBuckets(Instant from, long bucketMs, int count) {
    public TimeBuckets {
        if (bucketMs < 1 || count < 1) {
            throw new IllegalArgumentException("at least one bucket of at least a millisecond expected");
        }
    }

    /**
     * Below this width a bucket is cut exactly at the pixel column and read from the raw rows (a few thousand at
     * most); from it on the bucket widens to a rollup grain (1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 6, 12 hours, a
     * day) aligned to it, so that a day or a month reads one summarised row per bucket and camera.
     */
    static final long SNAP_FROM_MS = 15_000;

    /**
     * Buckets covering at least [from, to), about {@code columns} of them: exactly that many while they are shorter
     * than {@link #SNAP_FROM_MS}, else the window cut at the next rollup grain at least that wide (up to
     * {@code columns}, at least about 40% of them), starting at a multiple of it at or before {@code from}.
     */
    public static TimeBuckets over(Instant from, Instant to, int columns) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        int count = Math.max(1, columns);
        long bucketMs = Math.max(1, (span + count - 1) / count);
        if (bucketMs >= SNAP_FROM_MS) {
            for (long grain : TimelineRollups.GRAINS_MS) {
                if (grain >= bucketMs) {
                    Instant start = TimelineRollups.floor(from, grain);
                    long covered = to.toEpochMilli() - start.toEpochMilli();
                    return new TimeBuckets(start, grain, (int) Math.max(1, (covered + grain - 1) / grain));
                }
            }
        }
        return new TimeBuckets(from, bucketMs, (int) ((span + bucketMs - 1) / bucketMs));
    }

    public Instant to() {
        return start(count);
    }

    public Instant start(int bucket) {
        return from.plusMillis(bucket * bucketMs);
    }

    /** The bucket holding {@code t}: -1 before the window, {@code count} at or after its end. */
    public int indexOf(Instant t) {
        long ms = t.toEpochMilli() - from.toEpochMilli();
        return (int) Math.max(-1, Math.min(count, Math.floorDiv(ms, bucketMs)));
    }

    /**
     * SQL for the bucket of {@code column}, -1 for anything before the window; binds two parameters,
     * {@link #from()} then {@code (double) bucketMs}.
     */
    static String sqlIndex(String column) {
        // the difference is cast first: H2 would otherwise divide as BIGINT, truncating toward zero, and a row starting
        // less than a bucket before the window would land in bucket 0 instead of -1
        return "GREATEST(-1, CAST(FLOOR(CAST(DATEDIFF(MILLISECOND, ?, " + column + ") AS DOUBLE PRECISION) / ?) AS BIGINT))";
    }

    /** The two parameters {@link #sqlIndex} binds. */
    Object[] sqlIndexParams() {
        return new Object[] {from, (double) bucketMs};
    }
}
