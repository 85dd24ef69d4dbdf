package org.doorstep.motion;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The CPU one camera's motion analysis uses, as a smoothed percentage of one core. It is sampled when asked (the
 * window and {@code doctor} ask now and then), at most once per {@link #SAMPLE}, so no timer thread is needed: each
 * sample is the CPU used since the previous one divided by the time between them, and the figure follows those
 * samples with a one-minute exponential average, so a single burst (a visitor, a reconnect) does not swing it.
 * Before the first full sample the average since the start is given.
 */
public final class MotionCpu {
    /** The shortest window a sample covers: thread CPU time is counted in scheduler ticks, shorter ones are noise. */
    static final Duration SAMPLE = Duration.ofSeconds(10);
    /** How quickly the smoothed figure follows new samples. */
    static final Duration SMOOTHING = Duration.ofSeconds(60);
    /** Below this the average since the start is not yet worth showing. */
    static final Duration FIRST_FIGURE = Duration.ofSeconds(1);

    private final LongSupplier cpuNanos;
    private final LongSupplier wallNanos;
    private final long startWall;
    private final long startCpu;
    private long lastWall;
    private long lastCpu;
    private double smoothed = Double.NaN;

    /**
     * @param cpuNanos  CPU time the measured threads have used so far
     * @param wallNanos a monotonic clock ({@link System#nanoTime()})
     */
    public MotionCpu(LongSupplier cpuNanos, LongSupplier wallNanos) {
        this.cpuNanos = cpuNanos;
        this.wallNanos = wallNanos;
        this.startWall = wallNanos.getAsLong();
        this.startCpu = cpuNanos.getAsLong();
        this.lastWall = startWall;
        this.lastCpu = startCpu;
    }

    /** The smoothed percentage of one core (100 = one core busy), or NaN in the first second. */
    public synchronized double percentOfCore() {
        long now = wallNanos.getAsLong();
        long cpu = cpuNanos.getAsLong();
        long window = now - lastWall;
        if (window >= SAMPLE.toNanos()) {
            double sample = 100.0 * Math.max(0, cpu - lastCpu) / window;
            double weight = 1 - Math.exp(-(double) window / SMOOTHING.toNanos());
            smoothed = Double.isNaN(smoothed) ? sample : smoothed + weight * (sample - smoothed);
            lastWall = now;
            lastCpu = cpu;
        }
        if (!Double.isNaN(smoothed)) {
            return smoothed;
        }
        long since = now - startWall;
        return since < FIRST_FIGURE.toNanos() ? Double.NaN : 100.0 * Math.max(0, cpu - startCpu) / since;
    }

    /** How long the measurement has been running. */
    public Duration measuredFor() {
        return Duration.ofNanos(wallNanos.getAsLong() - startWall);
    }
}
