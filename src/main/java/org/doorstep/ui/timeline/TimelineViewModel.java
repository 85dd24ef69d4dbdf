package org.doorstep.ui.timeline;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.timeline.TimelineService;

/**
 * The timeline's state: the rows of the visible time window, loaded from the index in the background. A load that
 * is still running is not started twice (the window asks every two seconds and on every zoom and drag).
 */
public final class TimelineViewModel {
    private final TimelineService timeline;
    private final UiExecutors executors;
    private final ReadOnlyObjectWrapper<List<TimelineService.Row>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final AtomicBoolean loading = new AtomicBoolean();

    public TimelineViewModel(TimelineService timeline, UiExecutors executors) {
        this.timeline = timeline;
        this.executors = executors;
    }

    public ReadOnlyObjectProperty<List<TimelineService.Row>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** A sentence when the index could not be read, else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Loads what the window from {@code from} to {@code to} shows; returns false when a load is already running. */
    public boolean load(Instant from, Instant to) {
        if (!loading.compareAndSet(false, true)) {
            return false;
        }
        executors.background().execute(() -> {
            try {
                List<TimelineService.Row> loaded = timeline.window(from, to);
                executors.fx().execute(() -> {
                    rows.set(loaded);
                    problem.set(null);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            } finally {
                loading.set(false);
            }
        });
        return true;
    }
}
