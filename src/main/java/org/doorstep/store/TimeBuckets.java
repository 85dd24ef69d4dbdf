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

    /** Buckets covering at least [from, to), about {@code columns} of them. */
    public static TimeBuckets over(Instant from, Instant to, int columns) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        int count = Math.max(1, columns);
        long bucketMs = Math.max(1, (span + count - 1) / count);
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
        return "GREATEST(-1, CAST(FLOOR(DATEDIFF(MILLISECOND, ?, " + column + ") / ?) AS BIGINT))";
    }

    /** The two parameters {@link #sqlIndex} binds. */
    Object[] sqlIndexParams() {
        return new Object[] {from, (double) bucketMs};
    }
}
