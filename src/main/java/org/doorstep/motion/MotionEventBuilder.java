package org.doorstep.motion;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns per-frame results into motion events and a per-second activity stream. Frames must arrive in
 * time order. Not thread-safe: feed it from one analysis thread.
 *
 * <p>An event starts when {@code startAfterFrames} frames in a row show motion (its start is the first
 * of them) and ends once {@code quietPeriod} passes without motion (its end is the last frame with
 * motion). A finished event is held back for {@code mergeGap}: if another one starts in that time the
 * two become one, so a person pausing at the door does not produce two events.
 */
public final class MotionEventBuilder {

    private final EventSettings settings;
    private final MotionListener listener;

    private Instant runStart;
    private int runFrames;
    private Instant runPeakAt;
    private int runPeak;
    private Box runPeakBox;

    private boolean active;
    private Instant start;
    private Instant lastMotion;
    private int peak;
    private Box peakBox;
    private Instant peakAt;

    private MotionEvent held;

    private Instant currentSecond;
    private int secondLevel;

    public MotionEventBuilder(EventSettings settings, MotionListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** Feeds the result of the frame shown at {@code at}. */
    public void accept(Instant at, FrameAnalysis analysis) {
        trackActivity(at, analysis.score());
        boolean motion = analysis.hasMotion();
        if (active) {
            if (motion) {
                lastMotion = at;
                notePeak(at, analysis);
                if (Duration.between(start, at).compareTo(settings.maxLength()) >= 0) {
                    finish();
                    emitHeld();
                }
            } else if (Duration.between(lastMotion, at).compareTo(settings.quietPeriod()) >= 0) {
                finish();
            }
        } else if (motion) {
            if (runFrames == 0) {
                runStart = at;
                runPeak = -1;
            }
            runFrames++;
            if (analysis.score() > runPeak) {
                runPeak = analysis.score();
                runPeakAt = at;
                runPeakBox = analysis.unionBox();
            }
            if (runFrames >= settings.startAfterFrames()) {
                begin(at);
            }
        } else {
            runFrames = 0;
        }
        if (held != null && Duration.between(held.end(), at).compareTo(settings.mergeGap()) > 0 && !active) {
            emitHeld();
        }
    }

    /** The stream ended or stopped: close what is open and deliver everything pending. */
    public void flush() {
        if (active) {
            finish();
        }
        emitHeld();
        runFrames = 0;
        if (currentSecond != null) {
            listener.activity(new ActivitySample(currentSecond, secondLevel));
            currentSecond = null;
        }
    }

    private void begin(Instant at) {
        runFrames = 0;
        if (held != null && Duration.between(held.end(), runStart).compareTo(settings.mergeGap()) <= 0) {
            // continue the held event
            active = true;
            start = held.start();
            peak = held.peakScore();
            peakBox = held.box();
            peakAt = held.peakAt();
            held = null;
        } else {
            emitHeld();
            active = true;
            start = runStart;
            peak = -1;
            listener.eventStarted(start);
        }
        if (runPeak > peak) {
            peak = runPeak;
            peakBox = runPeakBox;
            peakAt = runPeakAt;
        }
        lastMotion = at;
    }

    private void notePeak(Instant at, FrameAnalysis analysis) {
        if (analysis.score() > peak) {
            peak = analysis.score();
            peakBox = analysis.unionBox();
            peakAt = at;
        }
    }

    private void finish() {
        active = false;
        held = new MotionEvent(start, lastMotion, peak, peakBox, peakAt);
    }

    private void emitHeld() {
        if (held != null) {
            MotionEvent e = held;
            held = null;
            listener.eventEnded(e);
        }
    }

    private void trackActivity(Instant at, int score) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        if (currentSecond == null) {
            currentSecond = second;
            secondLevel = 0;
        } else if (!second.equals(currentSecond)) {
            listener.activity(new ActivitySample(currentSecond, secondLevel));
            currentSecond = second;
            secondLevel = 0;
        }
        secondLevel = Math.max(secondLevel, score);
    }
}
