package org.doorstep.ui.cameras;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;

/** The camera list: each camera's name and what its recorder is doing, and a one-line summary. */
public final class CameraListViewModel {
    /** One line of the list. */
    public record Item(String name, boolean enabled, String state) {
        @Override
        public String toString() {
            return state == null ? name : name + " — " + state;
        }
    }

    private final CameraCatalog catalog;
    private final UiExecutors executors;
    private final Messages text;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final Map<String, String> states = new HashMap<>();

    public CameraListViewModel(CameraCatalog catalog, UiExecutors executors, Messages text) {
        this.catalog = catalog;
        this.executors = executors;
        this.text = text;
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Reads the cameras again (after one was added, renamed or removed). */
    public void reload() {
        executors.background().execute(() -> {
            try {
                List<Camera> cameras = catalog.all();
                executors.fx().execute(() -> show(cameras));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> summary.set(sentence));
            }
        });
    }

    /** A passing note for the status line (the demo's preparation, say); called on any thread. */
    public void note(String message) {
        executors.fx().execute(() -> summary.set(message));
    }

    /** A recorder's news; called on any thread. */
    public void statusChanged(CameraStatus status) {
        String state = text.get("camera.state." + status.state().name().toLowerCase(java.util.Locale.ROOT));
        executors.fx().execute(() -> {
            states.put(status.cameraName(), state);
            items.replaceAll(i -> i.name().equals(status.cameraName()) ? new Item(i.name(), i.enabled(), state) : i);
            summary.set(status.message());
        });
    }

    private void show(List<Camera> cameras) {
        items.setAll(cameras.stream().map(c -> new Item(c.name(), c.enabled(),
                c.enabled() ? states.get(c.name()) : text.get("camera.state.off"))).toList());
        summary.set(text.get("status.cameras", cameras.size()));
    }
}
