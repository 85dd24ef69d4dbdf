package org.doorstep.ui.settings;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Theme;

/** The app-wide settings window: storage, language, look, start with the computer, saving processor time. */
public final class AppSettingsView {
    private final AppSettingsViewModel model;
    private final Messages text;
    private final VBox root = new VBox(8);

    public AppSettingsView(AppSettingsViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        root.setId("appSettingsView");
        root.setPadding(new Insets(12));
        Label folder = new Label();
        folder.setId("appFolder");
        folder.textProperty().bind(model.folder());
        Label space = new Label();
        space.setId("appSpace");
        space.textProperty().bind(model.space());
        Label needs = new Label();
        needs.setId("appNeeds");
        needs.setWrapText(true);
        needs.textProperty().bind(model.needs());
        ChoiceBox<String> language = new ChoiceBox<>();
        language.setId("appLanguage");
        language.getItems().addAll("", "en", "de");
        language.setConverter(converter(s -> s.isEmpty() ? text.get("app.language.system")
                : s.equals("de") ? "Deutsch" : "English"));
        language.valueProperty().bindBidirectional(model.language);
        language.setTooltip(new Tooltip(text.get("app.language.note")));
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId("appTheme");
        theme.getItems().addAll(Theme.values());
        theme.setConverter(converter(t -> text.get("app.theme." + t.name().toLowerCase(java.util.Locale.ROOT))));
        theme.valueProperty().bindBidirectional(model.theme);
        CheckBox autostart = new CheckBox(text.get("app.autostart"));
        autostart.setId("appAutostart");
        autostart.setTooltip(new Tooltip(text.get("app.autostart.tip")));
        autostart.selectedProperty().bindBidirectional(model.startWithComputer);
        CheckBox keyframes = new CheckBox(text.get("app.keyframesWhileStill"));
        keyframes.setId("appKeyframesWhileStill");
        keyframes.selectedProperty().bindBidirectional(model.keyframesWhileStill);
        Label keyframesNote = new Label(text.get("app.keyframesWhileStill.note"));
        keyframesNote.setId("appKeyframesWhileStillNote");
        keyframesNote.setWrapText(true);
        keyframesNote.getStyleClass().add("text-muted");
        keyframes.setTooltip(new Tooltip(text.get("app.keyframesWhileStill.note")));
        Label message = new Label();
        message.setId("appMessage");
        message.textProperty().bind(model.message());
        Button save = new Button(text.get("camera.save"));
        save.setId("appSave");
        save.setDefaultButton(true);
        save.setOnAction(e -> model.save());
        root.getChildren().addAll(new Label(text.get("app.folder")), folder, space, needs);
        if (model.move() != null) {
            root.getChildren().add(moveRow(model.move()));
        }
        root.getChildren().addAll(
                field("app.storageCap", textField("appStorageCap", model.storageCapGb), "storageCapBytes"),
                field("app.reserve", textField("appReserve", model.reserveGb), "reserveBytes"),
                field("app.language", language, "language"), new Label(text.get("app.language.note")),
                field("app.theme", theme, "theme"), autostart, new VBox(2, keyframes, keyframesNote), message,
                save);
    }

    public Parent node() {
        return root;
    }

    /** Picks the new recordings folder; a system folder chooser unless a test gives another. */
    private java.util.function.Function<Window, java.io.File> chooser = AppSettingsView::chooseFolder;

    private static java.io.File chooseFolder(Window owner) {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle(Messages.of("storage", java.util.Locale.getDefault()).get("move.choose"));
        return c.showDialog(owner);
    }

    /** Replaces the folder chooser (tests: a native dialog cannot be driven headless). */
    public void chooser(java.util.function.Function<Window, java.io.File> pick) {
        this.chooser = pick;
    }

    /** The recordings folder with "Move…", a progress bar and Cancel while a move runs, and its outcome. */
    private VBox moveRow(StorageMoveViewModel move) {
        Messages m = Messages.of("storage", text.locale());
        Label where = new Label();
        where.setId("appRecordings");
        where.setWrapText(true);
        where.textProperty().bind(move.folder());
        Button open = new Button(m.get("move.open"));
        open.setId("appMove");
        open.disableProperty().bind(move.running());
        open.setOnAction(e -> {
            java.io.File picked = chooser.apply(root.getScene() == null ? null : root.getScene().getWindow());
            if (picked != null) {
                move.start(picked.toPath());
            }
        });
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setId("appMoveProgress");
        bar.progressProperty().bind(move.progress());
        bar.visibleProperty().bind(move.running());
        bar.managedProperty().bind(move.running());
        Button cancel = new Button(m.get("move.cancel"));
        cancel.setId("appMoveCancel");
        cancel.visibleProperty().bind(move.running());
        cancel.managedProperty().bind(move.running());
        cancel.setOnAction(e -> move.cancel());
        Label outcome = new Label();
        outcome.setId("appMoveMessage");
        outcome.setWrapText(true);
        outcome.textProperty().bind(move.message());
        move.load();
        return new VBox(4, where, new javafx.scene.layout.HBox(8, open, bar, cancel), outcome);
    }

    public static Stage open(AppSettingsViewModel model, Messages text, Window owner) {
        return open(model, text, owner, java.util.List.of());
    }

    /**
     * The settings window with more sections under the app's own (the shell hands in other features' nodes, such
     * as the notifications), all in one scrolling page.
     */
    public static Stage open(AppSettingsViewModel model, Messages text, Window owner,
                             java.util.List<javafx.scene.Node> sections) {
        AppSettingsView view = new AppSettingsView(model, text);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(text.get("app.title"));
        Parent page = view.node();
        if (!sections.isEmpty()) {
            VBox all = new VBox(view.node());
            all.getChildren().addAll(sections);
            javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(all);
            scroll.setFitToWidth(true);
            page = scroll;
        }
        stage.setScene(new Scene(page, 560, sections.isEmpty() ? 560 : 680));
        model.load();
        stage.show();
        return stage;
    }

    private VBox field(String label, Control control, String field) {
        Label l = new Label(text.get(label));
        l.setLabelFor(control);
        Label error = new Label();
        error.setId(field + "Error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #cf222e;");
        StringProperty p = model.error(field);
        error.textProperty().bind(p);
        error.visibleProperty().bind(p.isNotEmpty());
        error.managedProperty().bind(p.isNotEmpty());
        return new VBox(2, l, control, error);
    }

    private static TextField textField(String id, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : show.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choices are picked, not typed");
            }
        };
    }
}
