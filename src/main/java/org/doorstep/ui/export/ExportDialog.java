package org.doorstep.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * "Export video": where to save, a progress bar, and Cancel, which stops a running export (leaving no file) or
 * closes the dialog. The finished file opens in the system's player.
 */
public final class ExportDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final ExportViewModel model;

    public ExportDialog(ExportViewModel model, Messages text, Window owner) {
        this.model = model;
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.get("export.title"));
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(text.locale()).withZone(model.zone());
        dialog.setHeaderText(text.get("export.header", model.camera(), when.format(model.from()),
                when.format(model.to())));
        dialog.setGraphic(Icons.of(Material2MZ.SAVE_ALT, 28));

        TextField file = new TextField();
        file.setId("exportFile");
        file.setPrefColumnCount(34);
        file.setText(model.targetProperty().get().toString());
        file.textProperty().addListener((o, was, now) -> {
            if (!now.isBlank()) {
                model.targetProperty().set(Path.of(now.strip()));
            }
        });
        model.targetProperty().addListener((o, was, now) -> {
            if (!now.toString().equals(file.getText())) {
                file.setText(now.toString());
            }
        });
        Label fileLabel = new Label(text.get("export.file"));
        fileLabel.setLabelFor(file);
        fileLabel.setMinWidth(Region.USE_PREF_SIZE);
        Button choose = new Button(text.get("export.choose"));
        choose.setId("exportChoose");
        choose.setOnAction(e -> choose(text));
        choose.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(file, Priority.ALWAYS);
        HBox where = new HBox(6, fileLabel, file, choose);
        where.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("exportProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.progressProperty().bind(model.progressProperty());
        bar.setAccessibleText(text.get("export.title"));
        Label percent = new Label();
        percent.setId("exportPercent");
        percent.textProperty().bind(model.progressProperty().map(p -> text.get("export.running", p.doubleValue())));
        percent.visibleProperty().bind(model.runningProperty());
        Label message = new Label();
        message.setId("exportMessage");
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.setMinHeight(Region.USE_PREF_SIZE); // a two-line sentence grows the dialog instead of ending in "…"
        message.textProperty().bind(model.messageProperty());
        // a longer sentence (a failure, where the file went) makes the dialog taller rather than squeezing it
        message.textProperty().addListener((o, was, now) -> {
            if (dialog.isShowing()) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });

        Label reminder = new Label();
        reminder.setId("exportReminder");
        reminder.setWrapText(true);
        reminder.setMaxWidth(520);
        reminder.setMinHeight(Region.USE_PREF_SIZE);
        reminder.getStyleClass().add("text-muted");
        reminder.setGraphic(Icons.of(Material2MZ.PRIVACY_TIP));
        reminder.textProperty().bind(model.reminderProperty());

        VBox content = new VBox(10, where);
        if (model.presetsOffered()) {
            content.getChildren().add(new PresetPane(model, text.locale()).node());
        }
        content.getChildren().addAll(reminder, bar, percent, message);
        content.setPadding(new Insets(16));
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);

        ButtonType startType = new ButtonType(text.get("export.start"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancelType = new ButtonType(text.get("export.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(startType, cancelType);
        Button start = (Button) dialog.getDialogPane().lookupButton(startType);
        start.setId("exportStart");
        start.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.stateProperty().get() == ExportViewModel.State.RUNNING
                        || model.stateProperty().get() == ExportViewModel.State.DONE
                        || model.problemProperty().get() != null,
                model.stateProperty(), model.problemProperty()));
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open to show the progress
            model.start();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(cancelType);
        cancel.setId("exportCancel");
        cancel.textProperty().bind(model.stateProperty().map(s -> s == ExportViewModel.State.RUNNING
                ? text.get("export.cancel") : text.get("export.close")));
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            if (model.runningProperty().get()) {
                e.consume(); // stop the export and stay, so "cancelled" can be read
                model.cancel();
            }
        });
        file.disableProperty().bind(model.stateProperty().map(s -> s != ExportViewModel.State.READY
                && s != ExportViewModel.State.CANCELLED && s != ExportViewModel.State.FAILED));
        choose.disableProperty().bind(file.disableProperty());
        // closing the window while exporting cancels the export: nothing half-written stays behind
        dialog.setOnCloseRequest(e -> model.cancel());
        dialog.setResultConverter(button -> null);
    }

    private void choose(Messages text) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("export.choose.title"));
        Path current = model.targetProperty().get();
        if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        chooser.setInitialFileName(current.getFileName().toString());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("export.mp4"), "*.mp4"));
        File picked = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
        if (picked != null) {
            model.targetProperty().set(picked.toPath());
        }
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public void show() {
        dialog.show();
    }
}
