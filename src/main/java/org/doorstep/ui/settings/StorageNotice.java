package org.doorstep.ui.settings;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.storage.Storage;

/**
 * The tool bar's storage line: empty while all is well, else what the owner should know (the recordings drive is
 * missing, the disk is full, a camera's retention cannot be kept). Read again every minute.
 */
public final class StorageNotice {
    private final Storage storage;
    private final UiExecutors executors;
    private final Messages text;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    public StorageNotice(Storage storage, UiExecutors executors, Messages text) {
        this.storage = storage;
        this.executors = executors;
        this.text = text;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Reads the storage state again; false when the window's workers are gone (the window was closed). */
    public boolean refresh() {
        try {
            executors.background().execute(this::read);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return false;
        }
    }

    private void read() {
        String now;
        try {
            now = String.join(" ", storage.problems(text));
        } catch (RuntimeException e) {
            now = Sentences.of(e);
        }
        String shown = now;
        executors.fx().execute(() -> notice.set(shown));
    }

    /** A label for the tool bar that shows the notice (hidden while empty) and refreshes it every minute. */
    public Label label() {
        Label label = new Label();
        label.setId("storageNotice");
        label.setStyle("-fx-text-fill: -color-danger-fg;");
        label.setMaxWidth(420);
        label.textProperty().bind(notice);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.textProperty().bind(notice);
        label.setTooltip(tip);
        label.visibleProperty().bind(notice.isNotEmpty());
        label.managedProperty().bind(notice.isNotEmpty());
        Timeline every = new Timeline();
        every.getKeyFrames().add(new KeyFrame(Duration.minutes(1), e -> {
            if (!refresh()) {
                every.stop();
            }
        }));
        every.setCycleCount(Timeline.INDEFINITE);
        label.sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                every.stop();
            } else {
                every.play();
            }
        });
        refresh();
        return label;
    }
}
