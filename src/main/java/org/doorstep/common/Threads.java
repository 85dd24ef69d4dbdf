package org.doorstep.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Doorstep makes threads: named (so a thread dump says which camera a thread serves), daemon (so a
 * worker never keeps a closing process alive — shutdown is ordered by the composition root, not by waiting for
 * threads), and never dying silently (an escaped exception is logged with the thread's name).
 */
public final class Threads {
    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    private static final Thread.UncaughtExceptionHandler LOG_ESCAPED =
            (t, e) -> LOG.error("thread {} ended by an unexpected error", t.getName(), e);

    private Threads() {}

    /** A factory whose threads are called {@code name}, or {@code name-2}, {@code name-3}… when it makes several. */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            int n = count.incrementAndGet();
            return daemon(task, n == 1 ? name : name + "-" + n);
        };
    }

    /** An unstarted daemon thread. */
    public static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(LOG_ESCAPED);
        return t;
    }

    /** A started daemon thread. */
    public static Thread start(Runnable task, String name) {
        Thread t = daemon(task, name);
        t.start();
        return t;
    }
}
