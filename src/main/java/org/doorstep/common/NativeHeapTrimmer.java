package org.doorstep.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trims the C heap every so often while cameras run ({@link NativeHeap#trim}). Each connection's stream probing,
 * demuxer and decoder free blocks between others still in use; glibc keeps such holes resident, so a recorder's
 * memory depended on what happened to be freed where (CameraCostBench with B-frames, three runs each way): one
 * camera's process 173–196 MB untrimmed, 167–171 MB trimmed every 10 s; four cameras 212–222 against 196–199 MB. The
 * trimming thread's CPU did not show (under a clock tick in a minute).
 */
public final class NativeHeapTrimmer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeapTrimmer.class);
    /** Often enough that a burst of freeing (a reconnect, a stream probed again) does not linger. */
    public static final Duration EVERY = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer;
    private final AtomicLong trims = new AtomicLong();

    private NativeHeapTrimmer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts trimming with {@link NativeHeap#trim} every {@link #EVERY}. */
    public static NativeHeapTrimmer start() {
        return start(EVERY, NativeHeap::trim);
    }

    /** Starts calling {@code trim} every {@code every} on a thread of its own. */
    static NativeHeapTrimmer start(Duration every, BooleanSupplier trim) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.named("native-heap-trim"));
        NativeHeapTrimmer trimmer = new NativeHeapTrimmer(timer);
        timer.scheduleWithFixedDelay(() -> trimmer.trimOnce(trim), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return trimmer;
    }

    private void trimOnce(BooleanSupplier trim) {
        try {
            trim.getAsBoolean();
            trims.incrementAndGet();
        } catch (RuntimeException e) {
            // a failing trim must not end the schedule (a scheduled task that throws is never run again)
            LOG.debug("trimming the C heap failed: {}", e.toString());
        }
    }

    /** How many trims have run. */
    public long trims() {
        return trims.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
