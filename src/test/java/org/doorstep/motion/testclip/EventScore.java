package org.doorstep.motion.testclip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.motion.MotionEvent;

/**
 * Event-level comparison of detected events with ground truth. One-to-one: a detected event is a
 * true positive when it overlaps a truth interval no earlier event already claimed; a second event on
 * the same person (a split) and an event overlapping no person are false positives.
 *
 * @param truths         ground-truth events
 * @param detected       detected events
 * @param truePositives  detected events matched one-to-one
 * @param missed         truth intervals without any detected event
 */
public record EventScore(int truths, int detected, int truePositives, int missed) {

    /** Slack at both ends: the detector needs a few frames to confirm, and the quiet period extends the end. */
    public static final double TOLERANCE_SECONDS = 1.0;

    public static EventScore of(List<double[]> truth, List<MotionEvent> events, Instant clipStart) {
        boolean[] claimed = new boolean[truth.size()];
        int tp = 0;
        for (MotionEvent e : events) {
            double s = (e.start().toEpochMilli() - clipStart.toEpochMilli()) / 1000.0;
            double end = (e.end().toEpochMilli() - clipStart.toEpochMilli()) / 1000.0;
            for (int i = 0; i < truth.size(); i++) {
                double[] t = truth.get(i);
                if (!claimed[i] && s <= t[1] + TOLERANCE_SECONDS && end >= t[0] - TOLERANCE_SECONDS) {
                    claimed[i] = true;
                    tp++;
                    break;
                }
            }
        }
        int missed = 0;
        for (boolean c : claimed) {
            missed += c ? 0 : 1;
        }
        return new EventScore(truth.size(), events.size(), tp, missed);
    }

    public EventScore plus(EventScore o) {
        return new EventScore(truths + o.truths, detected + o.detected, truePositives + o.truePositives,
                missed + o.missed);
    }

    public int falsePositives() {
        return detected - truePositives;
    }

    /** 1.0 when nothing was detected (no false alarms). */
    public double precision() {
        return detected == 0 ? 1.0 : (double) truePositives / detected;
    }

    /** 1.0 when there was nothing to find. */
    public double recall() {
        return truths == 0 ? 1.0 : (double) (truths - missed) / truths;
    }

    public static List<MotionEvent> copy(List<MotionEvent> events) {
        return new ArrayList<>(events);
    }
}
