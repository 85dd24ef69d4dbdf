package org.doorstep.ui.erase;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.watch.Watch;

/**
 * "Remove camera…" from a camera's menu (issue 12): keep its recordings (the camera is switched off, since
 * recordings cannot outlive their camera's entry; it goes once they are erased or expire), or erase them and remove
 * the camera (the erase confirmation, with the camera removed at its end). A camera without recordings is removed.
 */
public final class RemoveCameraViewModel {
    private final CameraCatalog catalog;
    private final Watch watch;
    private final UiExecutors executors;
    private final Messages text;
    private final String camera;
    private final ReadOnlyLongWrapper footage = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper done = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    public RemoveCameraViewModel(CameraCatalog catalog, Watch watch, UiExecutors executors, Messages text,
                                 String camera) {
        this.catalog = catalog;
        this.watch = watch;
        this.executors = executors;
        this.text = text;
        this.camera = camera;
    }

    public Messages text() {
        return text;
    }

    public String camera() {
        return camera;
    }

    /** How many recorded segments the camera has; -1 until read. */
    public ReadOnlyLongProperty footageProperty() {
        return footage.getReadOnlyProperty();
    }

    /** What was done, in a sentence, once it is done. */
    public ReadOnlyStringProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public void load() {
        background(() -> {
            long n = catalog.footage(camera);
            executors.fx().execute(() -> footage.set(n));
        });
    }

    /** Keeps the recordings: stops and switches off the camera, or removes it when it has none. */
    public void keepRecordings() {
        background(() -> {
            if (watch != null) {
                watch.stopCamera(camera);
            }
            String sentence;
            if (catalog.footage(camera) == 0) {
                catalog.remove(camera);
                sentence = text.get("remove.done.removed", camera);
            } else {
                catalog.setEnabled(camera, false);
                sentence = text.get("remove.done.switchedOff", camera);
            }
            executors.fx().execute(() -> done.set(sentence));
        });
    }

    private void background(Runnable work) {
        executors.background().execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }
}
