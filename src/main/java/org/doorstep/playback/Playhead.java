package org.doorstep.playback;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The one clock that all cameras of a playback follow: a position in recorded time that moves at the chosen speed
 * while playing. Every seek, step, speed or pause change bumps {@link State#version()} and wakes the camera
 * threads that wait on it, so they can reposition at once instead of finishing a sleep.
 */
final class Playhead {
    /** A consistent view of the playhead at one moment. */
    record State(Instant position, boolean playing, double speed, long version, long exactVersion) {}

    private final LongSupplier nanoTime;
    private Instant anchor;
    private long anchorNanos;
    private boolean playing;
    private double speed = 1.0;
    private long version;
    /** The version of the last change that asked for one exact frame (seek, step), not just a new pace. */
    private long exactVersion;
    private boolean closed;

    Playhead(Instant start, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.anchor = start;
        this.anchorNanos = nanoTime.getAsLong();
    }

    synchronized State state() {
        return new State(position(), playing, speed, version, exactVersion);
    }

    synchronized Instant position() {
        if (!playing) {
            return anchor;
        }
        long elapsed = nanoTime.getAsLong() - anchorNanos;
        return anchor.plusNanos(Math.round(elapsed * speed));
    }

    synchronized void seek(Instant to) {
        anchor = to;
        anchorNanos = nanoTime.getAsLong();
        changed(true);
    }

    synchronized void play() {
        if (!playing) {
            rebase();
            playing = true;
            changed(false);
        }
    }

    synchronized void pause() {
        if (playing) {
            rebase();
            playing = false;
            changed(false);
        }
    }

    synchronized void speed(double newSpeed) {
        rebase();
        speed = newSpeed;
        changed(false);
    }

    synchronized double speed() {
        return speed;
    }

    synchronized boolean playing() {
        return playing;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * Waits until the playhead changes (or is closed) or {@code nanos} pass; returns at once when the version
     * already differs from {@code seen}.
     */
    synchronized void await(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (version == seen && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private void rebase() {
        anchor = position();
        anchorNanos = nanoTime.getAsLong();
    }

    private void changed(boolean exactFrame) {
        version++;
        if (exactFrame) {
            exactVersion = version;
        }
        notifyAll();
    }
}
