package org.doorstep.ui.live;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.doorstep.record.CameraStatus;
import org.doorstep.usecase.live.LiveStatus;

/**
 * One camera in the live view: its name, its key (1–9), what its stream shows now, whether it records or has a
 * disk problem, and whether its doorbell just rang. Properties change on the FX thread only.
 */
public final class LiveTile {
    private final long cameraId;
    private final String name;
    private final int number;
    private final ObjectProperty<TileBadge> badge = new SimpleObjectProperty<>(this, "badge");
    private final BooleanProperty recording = new SimpleBooleanProperty(this, "recording");
    private final BooleanProperty diskProblem = new SimpleBooleanProperty(this, "diskProblem");
    private final BooleanProperty ringing = new SimpleBooleanProperty(this, "ringing");
    private LiveStatus gridStatus = LiveStatus.CONNECTING;
    private LiveStatus singleStatus = LiveStatus.CONNECTING;
    private CameraStatus recorder;
    private final boolean hidden;

    LiveTile(long cameraId, String name, int number) {
        this(cameraId, name, number, false);
    }

    /** @param hidden the owner hid the live picture ("hide live view"): the tile opens no stream */
    LiveTile(long cameraId, String name, int number, boolean hidden) {
        this.cameraId = cameraId;
        this.name = name;
        this.number = number;
        this.hidden = hidden;
    }

    public boolean hidden() {
        return hidden;
    }

    public long cameraId() {
        return cameraId;
    }

    public String name() {
        return name;
    }

    /** 1-based position; the keys 1–9 show the first nine cameras large. */
    public int number() {
        return number;
    }

    public ReadOnlyObjectProperty<TileBadge> badgeProperty() {
        return badge;
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording;
    }

    public ReadOnlyBooleanProperty diskProblemProperty() {
        return diskProblem;
    }

    /** True from a ring until the ring is seen (the flash ended or the tile was opened). */
    public ReadOnlyBooleanProperty ringingProperty() {
        return ringing;
    }

    LiveStatus status(boolean single) {
        return single ? singleStatus : gridStatus;
    }

    void setStatus(boolean single, LiveStatus status) {
        if (single) {
            singleStatus = status;
        } else {
            gridStatus = status;
        }
    }

    CameraStatus recorder() {
        return recorder;
    }

    void setRecorder(CameraStatus status) {
        recorder = status;
        recording.set(status.state() == CameraStatus.State.RECORDING);
        diskProblem.set(status.state() == CameraStatus.State.STORAGE_UNAVAILABLE);
    }

    void setBadge(TileBadge b) {
        badge.set(b);
    }

    void setRinging(boolean on) {
        ringing.set(on);
    }

    @Override
    public String toString() {
        return name;
    }
}
