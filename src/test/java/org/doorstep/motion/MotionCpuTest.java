package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The smoothed figure from given clocks (no real time involved): what it shows when, and how it follows change. */
class MotionCpuTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firstTheAverageSinceStartThenTenSecondSamplesSmoothedOverAMinute() {
        AtomicLong cpu = new AtomicLong(5 * S); // the threads' CPU before measuring does not count
        AtomicLong wall = new AtomicLong(100 * S);
        MotionCpu meter = new MotionCpu(cpu::get, wall::get);

        wall.addAndGet(S / 2);
        assertThat(meter.percentOfCore()).as("nothing in the first second").isNaN();

        wall.addAndGet(S * 3 / 2);
        cpu.addAndGet(S / 10); // 0.1 s of CPU in 2 s
        assertThat(meter.percentOfCore()).isCloseTo(5.0, within(1e-9));

        wall.addAndGet(8 * S);
        cpu.addAndGet(4 * S / 10); // 0.5 s in the first 10 s: the first sample
        assertThat(meter.percentOfCore()).isCloseTo(5.0, within(1e-9));

        wall.addAndGet(10 * S);
        cpu.addAndGet(2 * S); // 20 % for ten seconds: the figure moves a sixth-ish of the way, not all of it
        double after = meter.percentOfCore();
        double weight = 1 - Math.exp(-10.0 / 60);
        assertThat(after).isCloseTo(5 + weight * 15, within(1e-9)).isBetween(5.0, 20.0);

        wall.addAndGet(5 * S);
        cpu.addAndGet(5 * S); // a burst inside a window shorter than a sample is not sampled yet
        assertThat(meter.percentOfCore()).isEqualTo(after);
        assertThat(meter.measuredFor().toSeconds()).isEqualTo(25);
    }

    @Test
    void threadsThatEndedDoNotMakeTheFigureNegative() {
        AtomicLong cpu = new AtomicLong(3 * S);
        AtomicLong wall = new AtomicLong(0);
        MotionCpu meter = new MotionCpu(cpu::get, wall::get);
        wall.addAndGet(10 * S);
        cpu.set(0); // both threads gone: their CPU time reads as 0
        assertThat(meter.percentOfCore()).isZero();
    }
}
