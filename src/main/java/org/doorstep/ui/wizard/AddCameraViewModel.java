package org.doorstep.ui.wizard;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.watch.Watch;

/**
 * "Add a camera" by address: an RTSP stream address, or the camera's host for ONVIF (Doorstep then asks the camera
 * for its streams). The same {@link CameraCatalog} as {@code doorstep camera add} checks and stores it, and
 * recording starts at once when the window is recording.
 */
public final class AddCameraViewModel {
    private final CameraCatalog catalog;
    private final Watch watch;
    private final UiExecutors executors;
    private final Messages onvifSteps;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty subAddress = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty showPassword = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper();

    /** @param watch the running recorder to start the new camera on, or null when nothing records */
    public AddCameraViewModel(CameraCatalog catalog, Watch watch, UiExecutors executors, Messages onvifSteps) {
        this.catalog = catalog;
        this.watch = watch;
        this.executors = executors;
        this.onvifSteps = onvifSteps;
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty addressProperty() { return address; }
    public StringProperty subAddressProperty() { return subAddress; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public BooleanProperty showPasswordProperty() { return showPassword; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Why the camera could not be added, in a sentence; null while there is nothing to say. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /** What the ONVIF set-up is doing now. */
    public ReadOnlyStringProperty stepProperty() { return step.getReadOnlyProperty(); }

    /** An address starting with rtsp:// or rtsps:// is a stream; anything else is a camera host asked over ONVIF. */
    public boolean isStreamAddress() {
        String a = address.get() == null ? "" : address.get().strip().toLowerCase(Locale.ROOT);
        return a.startsWith("rtsp://") || a.startsWith("rtsps://");
    }

    /** Adds the camera in the background; {@code added} hears of it on the JavaFX thread. */
    public void add(Consumer<Camera> added) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        String cameraName = name.get();
        String where = address.get() == null ? "" : address.get().strip();
        String sub = subAddress.get();
        String who = user.get();
        char[] secret = password.get() == null || password.get().isEmpty() ? null : password.get().toCharArray();
        boolean stream = isStreamAddress();
        executors.background().execute(() -> {
            try {
                CameraCatalog.Added result = stream
                        ? catalog.add(new CameraCatalog.ByAddress(cameraName, where, sub, who, secret, null))
                        : catalog.add(new CameraCatalog.ByOnvif(cameraName, where, who, secret, null),
                                s -> executors.fx().execute(() -> step.set(onvifSteps.get("setup.step." + s))),
                                () -> false);
                if (watch != null) {
                    watch.startCamera(result.camera().name());
                }
                executors.fx().execute(() -> {
                    busy.set(false);
                    step.set(null);
                    password.set("");
                    added.accept(result.camera());
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    busy.set(false);
                    step.set(null);
                    problem.set(sentence);
                });
            }
        });
    }

    /** The retention a new camera gets; shown in the dialog so nobody is surprised. */
    public Duration retention() {
        return Camera.DEFAULT_RETENTION;
    }
}
