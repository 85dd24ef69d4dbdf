package org.doorstep.ui.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.doorstep.usecase.desktop.QuietHours;

/**
 * The settings' "Notifications" section: rings and lost cameras on or off, and do-not-disturb hours per camera. The
 * same settings as {@code doorstep notify}; the tray reads them at each decision, so a save applies at once.
 */
public final class NotificationsViewModel {
    /** A camera as the section lists it (quiet hours are kept by id, so a rename keeps them). */
    public record CameraRef(long id, String name) {}

    /** One camera's row: quiet hours on or off, from and to (HH:MM), and what is wrong with them. */
    public static final class Row {
        private final CameraRef camera;
        public final BooleanProperty quiet = new SimpleBooleanProperty();
        public final StringProperty from = new SimpleStringProperty("22:00");
        public final StringProperty to = new SimpleStringProperty("07:00");
        private final StringProperty error = new SimpleStringProperty("");

        Row(CameraRef camera, Optional<QuietHours> hours) {
            this.camera = camera;
            hours.ifPresent(h -> {
                quiet.set(true);
                from.set(h.from().toString());
                to.set(h.to().toString());
            });
        }

        public CameraRef camera() {
            return camera;
        }

        public ReadOnlyStringProperty error() {
            return error;
        }
    }

    public final BooleanProperty rings = new SimpleBooleanProperty(true);
    public final BooleanProperty cameraLost = new SimpleBooleanProperty(true);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final NotificationSettings settings;
    private final Supplier<List<CameraRef>> cameras;
    private final UiExecutors executors;
    private final Messages text;
    /** Whether the saved choices were read (FX thread). */
    private boolean loaded;

    public NotificationsViewModel(NotificationSettings settings, Supplier<List<CameraRef>> cameras,
                                  UiExecutors executors, Messages text) {
        this.settings = settings;
        this.cameras = cameras;
        this.executors = executors;
        this.text = text;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty message() {
        return message;
    }

    /** Reads the saved choices and the cameras (in the background: the catalog is the database). */
    public void load() {
        executors.background().execute(() -> {
            try {
                NotificationSettings.Choices choices = settings.choices();
                List<CameraRef> all = cameras.get();
                executors.fx().execute(() -> {
                    rings.set(choices.rings());
                    cameraLost.set(choices.cameraLost());
                    rows.setAll(all.stream().map(c -> new Row(c, Optional.ofNullable(choices.quietHours().get(c.id()))))
                            .toList());
                    loaded = true;
                    message.set("");
                });
            } catch (RuntimeException e) {
                String why = Sentences.of(e);
                executors.fx().execute(() -> message.set(text.get("notify.ui.failed", why)));
            }
        });
    }

    /**
     * Saves everything at once; a row with a wrong time is explained at the row and nothing is saved. Answers
     * whether the choices were valid (the save itself runs in the background and reports in {@link #message()}).
     */
    public boolean save() {
        if (!loaded) {
            return false; // saving rows that were never read would wipe every camera's quiet hours
        }
        Map<Long, QuietHours> quiet = new LinkedHashMap<>();
        boolean valid = true;
        for (Row row : rows) {
            row.error.set("");
            if (!row.quiet.get()) {
                continue;
            }
            Optional<QuietHours> hours = QuietHours.parse(row.from.get() + "-" + row.to.get());
            if (hours.isEmpty()) {
                row.error.set(text.get("notify.ui.badHours"));
                valid = false;
            } else {
                quiet.put(row.camera.id(), hours.get());
            }
        }
        if (!valid) {
            message.set(text.get("notify.ui.fix"));
            return false;
        }
        NotificationSettings.Choices choices = new NotificationSettings.Choices(rings.get(), cameraLost.get(), quiet);
        message.set(text.get("notify.ui.saving"));
        executors.background().execute(() -> {
            try {
                settings.save(choices);
                executors.fx().execute(() -> message.set(text.get("notify.ui.saved")));
            } catch (RuntimeException e) {
                String why = Sentences.of(e);
                executors.fx().execute(() -> message.set(text.get("notify.ui.failed", why)));
            }
        });
        return true;
    }
}
