package org.doorstep.common;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A face's "stop now" on Ctrl+C: the shutdown step raises the signal and then waits (bounded) until the face has
 * finished closing its work — segments, events, a half-written export — before the process may end.
 */
public final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Duration closeWait;

    public StopSignal(Duration closeWait) {
        this.closeWait = closeWait;
    }

    /** What the shutdown step runs: raise the signal, then wait for {@link #finished()}. */
    public void stopAndWait() {
        stop.countDown();
        try {
            finished.await(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Raises the signal without waiting (a window that was closed). */
    public void stop() {
        stop.countDown();
    }

    public boolean stopped() {
        return stop.getCount() == 0;
    }

    /** Waits for the signal. */
    public void await() throws InterruptedException {
        stop.await();
    }

    /** Waits for the signal at most {@code limit}; true when it came. */
    public boolean await(Duration limit) throws InterruptedException {
        return stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The face is done closing; a waiting shutdown step may go on. */
    public void finished() {
        finished.countDown();
    }
}
