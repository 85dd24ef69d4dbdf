package org.doorstep.usecase.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.doorstep.common.Threads;
import org.doorstep.media.DecodeException;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.MediaInputException;
import org.doorstep.media.VideoDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera stream shown in one place, on its own decoder thread: connects, decodes every frame into the target
 * while the target is visible, and reconnects after a growing pause when the stream is lost or refused. While the
 * target is not visible the connection is closed, so a hidden tile costs nothing; it reconnects when shown again.
 */
public final class LiveStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final long HIDDEN_POLL_MILLIS = 150;

    /** Opens the stream; throws {@link NotAllowedException} for an address outside the local network. */
    @FunctionalInterface
    interface Opener {
        VideoDecoder open() throws MediaInputException, DecodeException, NotAllowedException;
    }

    /** The camera's address is not one Doorstep may contact. */
    static final class NotAllowedException extends Exception {
        NotAllowedException(String message) {
            super(message);
        }
    }

    private final String label;
    private final Opener opener;
    private final FrameTarget target;
    private final List<Consumer<LiveStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Object sleeper = new Object();
    private volatile boolean running = true;
    private volatile VideoDecoder decoder;
    private volatile LiveStatus status = LiveStatus.CONNECTING;
    private volatile long frames;
    private final Thread thread;

    LiveStream(String label, Opener opener, FrameTarget target) {
        this.label = label;
        this.opener = opener;
        this.target = target;
        this.thread = Threads.daemon(this::run, "live " + label);
    }

    LiveStream start() {
        thread.start();
        return this;
    }

    /** What the stream does now. */
    public LiveStatus status() {
        return status;
    }

    /** Frames shown so far. */
    public long frames() {
        return frames;
    }

    /**
     * Tells {@code listener} the current status at once and every change after (on the decoder thread: a UI hops to
     * its own thread).
     */
    public void listen(Consumer<LiveStatus> listener) {
        listeners.add(listener);
        listener.accept(status);
    }

    /** Stops decoding and closes the connection; returns at once (the decoder thread finishes on its own). */
    @Override
    public void close() {
        running = false;
        VideoDecoder d = decoder;
        if (d != null) {
            d.interrupt();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /** Waits until the decoder thread has ended (tests, shutdown). */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        LiveStatus.Problem problem = LiveStatus.Problem.NONE;
        try {
            while (running) {
                if (target.wanted().isEmpty()) {
                    closeDecoder();
                    publish(LiveStatus.PAUSED);
                    pause(HIDDEN_POLL_MILLIS);
                    continue;
                }
                if (decoder == null) {
                    publish(problem == LiveStatus.Problem.NONE ? LiveStatus.CONNECTING
                            : LiveStatus.reconnecting(problem));
                    problem = connect();
                    if (problem != LiveStatus.Problem.NONE) {
                        publish(LiveStatus.reconnecting(problem));
                        pauseWhileVisible(retry);
                        retry = longer(retry);
                    }
                    continue;
                }
                problem = showNextFrame();
                if (problem == LiveStatus.Problem.NONE) {
                    retry = FIRST_RETRY;
                } else {
                    closeDecoder();
                    if (running) {
                        publish(LiveStatus.reconnecting(problem));
                        pauseWhileVisible(retry);
                        retry = longer(retry);
                    }
                }
            }
        } finally {
            closeDecoder();
            publish(LiveStatus.CLOSED);
        }
    }

    /** Opens the stream; the problem when that failed, else NONE. */
    private LiveStatus.Problem connect() {
        try {
            VideoDecoder d = opener.open();
            decoder = d;
            if (!running) {
                d.interrupt(); // closed while connecting: the loop ends and closes it
            }
            return LiveStatus.Problem.NONE;
        } catch (MediaInputException e) {
            if (e.kind() != MediaInputException.Kind.STOPPED) {
                LOG.info("live {}: {}", label, e.getMessage());
            }
            return problemOf(e);
        } catch (DecodeException e) {
            LOG.info("live {}: {}", label, e.getMessage());
            return LiveStatus.Problem.UNDECODABLE;
        } catch (NotAllowedException e) {
            LOG.info("live {}: {}", label, e.getMessage());
            return LiveStatus.Problem.NOT_ALLOWED;
        }
    }

    /** Decodes one frame into the target; NONE, or why the stream is lost. */
    private LiveStatus.Problem showNextFrame() {
        VideoDecoder d = decoder;
        try {
            if (!d.next(target)) {
                LOG.info("live {}: the stream ended", label);
                return LiveStatus.Problem.STREAM_ENDED;
            }
            long shown = d.stats().shownFrames();
            if (shown > 0 && status.state() != LiveStatus.State.LIVE) {
                publish(LiveStatus.live(d.activeHwAccel() == null ? null : d.activeHwAccel().id()));
            }
            frames++;
            return LiveStatus.Problem.NONE;
        } catch (MediaInputException e) {
            if (running) {
                LOG.info("live {}: {}", label, e.getMessage());
            }
            return problemOf(e);
        } catch (DecodeException e) {
            LOG.info("live {}: {}", label, e.getMessage());
            return LiveStatus.Problem.UNDECODABLE;
        }
    }

    static LiveStatus.Problem problemOf(MediaInputException e) {
        return switch (e.kind()) {
            case AUTH_FAILED -> LiveStatus.Problem.WRONG_PASSWORD;
            case OPEN_FAILED -> LiveStatus.Problem.UNREACHABLE;
            case STALLED, READ_FAILED, STOPPED -> LiveStatus.Problem.STREAM_ENDED;
            case REFUSED -> LiveStatus.Problem.NOT_ALLOWED;
        };
    }

    private static Duration longer(Duration d) {
        Duration doubled = d.multipliedBy(2);
        return doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
    }

    private void closeDecoder() {
        VideoDecoder d = decoder;
        decoder = null;
        if (d != null) {
            d.close();
        }
    }

    private void publish(LiveStatus next) {
        if (next.equals(status)) {
            return;
        }
        status = next;
        for (Consumer<LiveStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("live {}: a status listener failed: {}", label, e.toString());
            }
        }
    }

    /** Waits {@code delay}, but wakes when closed or when the target is hidden (then it pauses instead). */
    private void pauseWhileVisible(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        while (running && System.nanoTime() < end && !target.wanted().isEmpty()) {
            pause(Math.min(HIDDEN_POLL_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private void pause(long millis) {
        synchronized (sleeper) {
            if (!running) {
                return;
            }
            try {
                sleeper.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
