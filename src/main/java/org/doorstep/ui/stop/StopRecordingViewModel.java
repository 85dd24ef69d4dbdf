package org.doorstep.ui.stop;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.watch.RecordingStops;

/**
 * "Stop recording now" in the window: one click for one camera (its menu) or all (the tool bar), and resuming it.
 * The stop is applied and audited by {@link RecordingStops} in the background.
 */
public final class StopRecordingViewModel {
    private final RecordingStops stops;
    private final UiExecutors executors;
    private final Messages text;
    private final ReadOnlyBooleanWrapper allStopped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private Runnable onChanged = () -> { };

    public StopRecordingViewModel(RecordingStops stops, UiExecutors executors, Messages text) {
        this.stops = stops;
        this.executors = executors;
        this.text = text;
    }

    public Messages text() {
        return text;
    }

    /** Whether every camera is stopped (the tool bar's button then resumes). */
    public ReadOnlyBooleanProperty allStoppedProperty() {
        return allStopped.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Called after each change (the shell reloads the camera list). */
    public void onChanged(Runnable listener) {
        this.onChanged = listener;
    }

    /** Reads whether all cameras are stopped (a flag may have been set from the command line). */
    public void reload() {
        run(() -> { });
    }

    public void stop(String camera) {
        run(() -> stops.stop(camera));
    }

    public void resume(String camera) {
        run(() -> stops.resume(camera));
    }

    /** The tool bar's one click: stops every camera, or resumes them all when they are stopped. */
    public void toggleAll() {
        boolean resume = allStopped.get();
        run(() -> {
            if (resume) {
                stops.resume(null);
            } else {
                stops.stop(null);
            }
        });
    }

    private void run(Runnable change) {
        executors.background().execute(() -> {
            try {
                change.run();
                boolean all = stops.allStopped();
                executors.fx().execute(() -> {
                    allStopped.set(all);
                    problem.set(null);
                    onChanged.run();
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }
}
