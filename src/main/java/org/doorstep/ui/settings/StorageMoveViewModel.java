package org.doorstep.ui.settings;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.storage.Storage;

/**
 * "Move…" in the app settings: the recordings folder, and moving it with progress and Cancel (the use case pauses
 * recording, copies, checks, switches, resumes, and removes the old copy only after success).
 */
public final class StorageMoveViewModel {
    private final Storage storage;
    private final UiExecutors executors;
    private final Messages text;
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final AtomicBoolean cancel = new AtomicBoolean();

    public StorageMoveViewModel(Storage storage, UiExecutors executors, Messages text) {
        this.storage = storage;
        this.executors = executors;
        this.text = text;
    }

    public StringProperty folder() {
        return folder;
    }

    public StringProperty message() {
        return message;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public BooleanProperty running() {
        return running;
    }

    /** Reads where the recordings are now. */
    public void load() {
        executors.background().execute(() -> {
            Path where = storage.status().folder();
            executors.fx().execute(() -> folder.set(text.get("move.folder", where)));
        });
    }

    /** Moves the recordings to {@code target}; no-op while a move runs. */
    public void start(Path target) {
        if (running.get()) {
            return;
        }
        cancel.set(false);
        running.set(true);
        progress.set(0);
        message.set(text.get("move.started", target));
        executors.background().execute(() -> {
            try {
                Storage.MoveResult r = storage.move(target, p -> executors.fx().execute(() -> {
                    progress.set(p.bytesTotal() == 0 ? 1 : p.bytesDone() / (double) p.bytesTotal());
                    message.set(text.get("move.progress", Math.round(progress.get() * 100), p.filesDone(),
                            p.filesTotal()));
                }), cancel::get);
                String done = r.startedFresh() ? text.get("move.fresh", r.from(), r.to())
                        : text.get("move.done", r.files(), String.format("%.0f MB", r.bytes() / 1e6), r.from(),
                        r.to(), r.took().toMillis() / 1000.0 + " s")
                        + (r.oldCopyRemoved() ? "" : " " + text.get("move.oldKept", r.from()));
                executors.fx().execute(() -> {
                    running.set(false);
                    progress.set(1);
                    folder.set(text.get("move.folder", r.to()));
                    message.set(done);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    running.set(false);
                    message.set(sentence);
                });
            }
        });
    }

    /** Stops a running move at the next file; everything stays where it was. */
    public void cancel() {
        cancel.set(true);
    }
}
