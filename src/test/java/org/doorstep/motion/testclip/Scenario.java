package org.doorstep.motion.testclip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.doorstep.motion.MotionMask;

/**
 * A synthetic scene with known truth: walkers (the only thing that should raise events), a light level
 * over time (ramps and switches must not), and optional waving leaves inside an area the mask excludes.
 *
 * @param name     short id used in file names and reports
 * @param seconds  clip length
 * @param light    light level (0..1.2) as a function of seconds
 * @param walkers  the people; their visible intervals are the ground truth events
 * @param leaves   area where small blobs jitter every frame, or null
 * @param mask     what the detector must exclude (normally the leaves area)
 * @param noise    sensor noise standard deviation in grey levels
 */
public record Scenario(String name, double seconds, DoubleUnaryOperator light, List<Walker> walkers,
                       MotionMask.Polygon leaves, MotionMask mask, double noise) {

    public Scenario {
        walkers = List.copyOf(walkers);
    }

    /** Ground-truth intervals in seconds, each {start, end}, clipped to the clip length. */
    public List<double[]> truth() {
        List<double[]> out = new ArrayList<>();
        for (Walker w : walkers) {
            if (w.enterAt() < seconds) {
                out.add(new double[] {Math.max(0, w.enterAt()), Math.min(seconds, w.leaveAt())});
            }
        }
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    /**
     * Ground truth as events: visits closer than {@code joinSeconds} (the event builder's quiet period
     * plus merge gap) are one event by definition, so they count as one.
     */
    public List<double[]> truthEvents(double joinSeconds) {
        List<double[]> out = new ArrayList<>();
        for (double[] t : truth()) {
            double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && t[0] - last[1] < joinSeconds) {
                last[1] = Math.max(last[1], t[1]);
            } else {
                out.add(t.clone());
            }
        }
        return out;
    }

    // ---- the standard set used by tests and benchmarks -------------------------------------------

    public static DoubleUnaryOperator constant(double level) {
        return t -> level;
    }

    /** Light ramps between low and high and back, one full cycle per {@code period} seconds. */
    public static DoubleUnaryOperator ramp(double low, double high, double period) {
        return t -> low + (high - low) * (0.5 - 0.5 * Math.cos(2 * Math.PI * t / period));
    }

    /** Light switched between low and high at the given seconds (starting at low). */
    public static DoubleUnaryOperator switches(double low, double high, double... at) {
        return t -> {
            boolean on = false;
            for (double s : at) {
                if (t >= s) {
                    on = !on;
                }
            }
            return on ? high : low;
        };
    }

    /** Top-right tree area where the leaves wave, and the mask polygon excluding it (a bit larger). */
    public static MotionMask.Polygon treeArea() {
        return MotionMask.Polygon.rectangle(0.72, 0.04, 0.24, 0.34);
    }

    public static MotionMask treeMask() {
        return new MotionMask(List.of(MotionMask.Polygon.of(0.69, 0.0, 1.0, 0.0, 1.0, 0.42, 0.69, 0.42)));
    }

    /** Walkers spaced {@code gap} seconds apart starting at {@code first}, varying size, speed, side. */
    public static List<Walker> walkers(double first, double gap, int count) {
        List<Walker> out = new ArrayList<>();
        double[] heights = {0.45, 0.3, 0.55, 0.25, 0.38, 0.5};
        double[] crossings = {6, 9, 5, 8, 7, 4.5};
        double[] reflect = {0.08, 0.92, 0.2, 0.85, 0.1, 0.75};
        double[] foot = {0.95, 0.8, 0.98, 0.75, 0.9, 0.97};
        for (int i = 0; i < count; i++) {
            int k = i % heights.length;
            out.add(new Walker(first + i * gap, crossings[k], i % 2 == 0, foot[k], heights[k], reflect[k]));
        }
        return out;
    }

    public static Scenario staticNoise(double seconds) {
        return new Scenario("static-noise", seconds, constant(0.8), List.of(), null, MotionMask.NONE, 3);
    }

    public static Scenario lightRamp(double seconds) {
        return new Scenario("light-ramp", seconds, ramp(0.3, 1.0, Math.min(seconds, 60)), List.of(), null,
                MotionMask.NONE, 3);
    }

    public static Scenario lightSwitch(double seconds) {
        double[] at = {seconds * 0.25, seconds * 0.5, seconds * 0.75};
        return new Scenario("light-switch", seconds, switches(0.3, 1.0, at), List.of(), null, MotionMask.NONE, 3);
    }

    public static Scenario maskedLeaves(double seconds) {
        return new Scenario("masked-leaves", seconds, constant(0.8), List.of(), treeArea(), treeMask(), 3);
    }

    public static Scenario walking(double seconds, double first, double gap) {
        int count = (int) Math.floor((seconds - first - 9) / gap) + 1;
        return new Scenario("walkers-gap" + Math.round(gap) + "s", seconds, constant(0.8), walkers(first, gap, Math.max(1, count)), null,
                MotionMask.NONE, 3);
    }

    /** People far away: 14–20 % of the picture high, walking along the path in the middle distance. */
    public static Scenario farWalkers(double seconds, double first, double gap) {
        int count = (int) Math.floor((seconds - first - 14) / gap) + 1;
        List<Walker> out = new ArrayList<>();
        double[] heights = {0.2, 0.14, 0.17};
        double[] crossings = {12, 14, 10};
        double[] reflect = {0.1, 0.8, 0.15};
        for (int i = 0; i < Math.max(1, count); i++) {
            int k = i % heights.length;
            out.add(new Walker(first + i * gap, crossings[k], i % 2 == 1, 0.7, heights[k], reflect[k]));
        }
        return new Scenario("far-walkers", seconds, constant(0.8), out, null, MotionMask.NONE, 3);
    }

    public static Scenario walkingWithLeavesAndRamp(double seconds, double first, double gap) {
        int count = (int) Math.floor((seconds - first - 9) / gap) + 1;
        return new Scenario("walkers-leaves-ramp", seconds, ramp(0.45, 1.0, 90), walkers(first, gap,
                Math.max(1, count)), treeArea(), treeMask(), 3);
    }
}
