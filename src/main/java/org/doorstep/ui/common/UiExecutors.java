package org.doorstep.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import org.doorstep.common.Threads;

/**
 * Where ViewModels run their work: use cases (database, network, FFmpeg) in the background, property updates on the
 * JavaFX thread. Tests hand in direct executors, so a ViewModel is tested without a stage or a toolkit.
 */
public record UiExecutors(Executor background, Executor fx) {

    /** The window's executors: {@code pool} for use cases, JavaFX's own thread for properties. */
    public static UiExecutors forWindow(ExecutorService pool) {
        return new UiExecutors(pool, Platform::runLater);
    }

    /** A small pool of named daemon threads for use-case calls from the window. */
    public static ExecutorService backgroundPool() {
        return Executors.newFixedThreadPool(2, Threads.named("ui-background"));
    }

    /** Both on the calling thread, for tests. */
    public static UiExecutors direct() {
        return new UiExecutors(Runnable::run, Runnable::run);
    }
}
