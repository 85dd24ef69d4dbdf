package org.doorstep.ui.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.InvalidSettingsException;
import org.doorstep.usecase.settings.AppSettings;

/**
 * The app-wide settings. The theme is applied as soon as it is chosen and stored with the rest on save; the
 * language is stored and the window reopens in it at once (JavaFX controls cannot swap their text, so the window is
 * built again; recording is not touched).
 */
public final class AppSettingsViewModel {
    public static final List<String> FIELDS = List.of("language", "theme", "storageCapBytes", "reserveBytes");
    private static final long GB = 1_000_000_000L;

    private final AppSettings settings;
    private final UiExecutors executors;
    private final Messages text;
    /** "en", "de" or "" for the system's. */
    public final StringProperty language = new SimpleStringProperty("");
    public final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.SYSTEM);
    public final StringProperty storageCapGb = new SimpleStringProperty("");
    public final StringProperty reserveGb = new SimpleStringProperty("2");
    public final BooleanProperty startWithComputer = new SimpleBooleanProperty();
    /** Sub streams too decode only keyframes while nothing moves. */
    public final BooleanProperty keyframesWhileStill = new SimpleBooleanProperty();
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty space = new SimpleStringProperty("");
    private final StringProperty needs = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final Map<String, StringProperty> errors = new HashMap<>();
    private Runnable themeApplier = () -> theme.get().apply();
    private java.util.function.Consumer<String> languageChanged = language -> { };
    /** The language as loaded, to tell a change on save. */
    private String loadedLanguage;

    public AppSettingsViewModel(AppSettings settings, UiExecutors executors, Messages text) {
        this.settings = settings;
        this.executors = executors;
        this.text = text;
        FIELDS.forEach(f -> errors.put(f, new SimpleStringProperty("")));
        theme.addListener((o, was, now) -> {
            if (now != null) {
                themeApplier.run();
            }
        });
    }

    private StorageMoveViewModel move;

    /** "Move…" for the recordings folder (none: the button is not shown). */
    public void moveWith(StorageMoveViewModel model) {
        this.move = model;
    }

    public StorageMoveViewModel move() {
        return move;
    }

    /** Told the new language tag ("" = the computer's) after a save that changed it; the window reopens in it. */
    public void onLanguageChanged(java.util.function.Consumer<String> listener) {
        this.languageChanged = listener;
    }

    /** What applies the theme (the real stylesheet switch by default; tests may watch it instead). */
    public void themeApplier(Runnable applier) {
        this.themeApplier = applier;
    }

    public StringProperty error(String field) {
        return errors.get(field);
    }

    public StringProperty folder() {
        return folder;
    }

    public StringProperty space() {
        return space;
    }

    public StringProperty needs() {
        return needs;
    }

    public StringProperty message() {
        return message;
    }

    public void load() {
        executors.background().execute(() -> {
            try {
                AppSettings.Choices c = settings.choices();
                AppSettings.Storage s = settings.storage();
                executors.fx().execute(() -> {
                    language.set(c.language() == null ? "" : c.language());
                    loadedLanguage = language.get();
                    theme.set(Theme.parse(c.theme()));
                    storageCapGb.set(c.storageCapBytes() == 0 ? "" : gb(c.storageCapBytes()));
                    reserveGb.set(gb(c.reserveBytes()));
                    startWithComputer.set(c.startWithComputer());
                    keyframesWhileStill.set(c.keyframesWhileStill());
                    showStorage(s);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> message.set(sentence));
            }
        });
    }

    private void showStorage(AppSettings.Storage s) {
        folder.set(s.folder().toString());
        space.set(text.get("app.free", size(s.freeBytes()), size(s.usedBytes())));
        String need = text.get("app.needs", size(s.neededBytes()));
        needs.set(s.camerasWithoutData() > 0 ? need + " " + text.get("app.needs.unknown") : need);
    }

    public void save() {
        errors.values().forEach(e -> e.set(""));
        Double cap = storageCapGb.get() == null || storageCapGb.get().isBlank() ? Double.valueOf(0)
                : CameraSettingsViewModel.hours(storageCapGb.get());
        Double reserve = reserveGb.get() == null || reserveGb.get().isBlank() ? Double.valueOf(0)
                : CameraSettingsViewModel.hours(reserveGb.get());
        if (cap == null) {
            errors.get("storageCapBytes").set(text.get("field.gigabytes"));
        }
        if (reserve == null) {
            errors.get("reserveBytes").set(text.get("field.gigabytes"));
        }
        if (cap == null || reserve == null) {
            return;
        }
        AppSettings.Choices choices = new AppSettings.Choices(language.get(), Math.round(cap * GB),
                Math.round(reserve * GB), theme.get().name().toLowerCase(java.util.Locale.ROOT),
                startWithComputer.get(), keyframesWhileStill.get());
        executors.background().execute(() -> {
            try {
                settings.save(choices);
                executors.fx().execute(() -> {
                    message.set(text.get("camera.saved"));
                    String now = choices.language() == null ? "" : choices.language();
                    if (loadedLanguage != null && !now.equals(loadedLanguage)) {
                        loadedLanguage = now;
                        languageChanged.accept(now);
                    }
                });
            } catch (InvalidSettingsException e) {
                executors.fx().execute(() -> e.problems().forEach((f, sentence) -> {
                    if (errors.containsKey(f)) {
                        errors.get(f).set(sentence);
                    }
                }));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> message.set(sentence));
            }
        });
    }

    private static String gb(long bytes) {
        double v = bytes / (double) GB;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes >= GB) {
            return String.format("%.1f GB", bytes / (double) GB);
        }
        return String.format("%.0f MB", bytes / 1e6);
    }
}
