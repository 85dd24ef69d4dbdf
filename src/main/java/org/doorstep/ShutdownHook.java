package org.doorstep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.doorstep.common.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook. Faces register what must happen before the process ends (close segments, cancel an
 * export, stop the demo camera); on Ctrl+C, SIGTERM or log-out the tasks run one after another, the last registered
 * first, so a face that opened a data folder after registering stops its work before the folder is released.
 */
final class ShutdownHook {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);

    private record Task(String name, Runnable work) {}

    private final Deque<Task> tasks = new ArrayDeque<>();
    private boolean installed;
    private boolean running;

    synchronized AutoCloseable register(String name, Runnable work) {
        Task task = new Task(name, work);
        if (running) {
            // the process is already ending and the hook has taken its list: start the step now rather than never,
            // on its own thread, since a step may wait for the registering thread to finish its work
            Threads.start(() -> runQuietly(task), "doorstep-shutdown-late");
            return () -> { };
        }
        tasks.push(task);
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(Threads.daemon(this::runAll, "doorstep-shutdown"));
            installed = true;
        }
        return () -> unregister(task);
    }

    private synchronized void unregister(Task task) {
        tasks.remove(task);
    }

    private void runAll() {
        List<Task> order;
        synchronized (this) {
            running = true;
            order = new ArrayList<>(tasks);
            tasks.clear();
        }
        for (Task t : order) {
            runQuietly(t);
        }
    }

    private static void runQuietly(Task t) {
        try {
            t.work().run();
        } catch (RuntimeException e) {
            LOG.warn("shutdown step '{}' failed: {}", t.name(), e.toString());
        }
    }
}
