package org.doorstep.ui.notify;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.doorstep.common.Messages;

/**
 * The settings' "Notifications" section: two switches and a row per camera with its do-not-disturb hours. A node;
 * the shell puts it into the settings window.
 */
public final class NotificationsView {
    private final NotificationsViewModel model;
    private final Messages text;
    private final GridPane cameras = new GridPane();
    private final VBox root = new VBox(8);

    public NotificationsView(NotificationsViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        root.setId("notificationsView");
        root.setPadding(new Insets(12));
        Label title = new Label(text.get("notify.ui.title"));
        title.setStyle("-fx-font-weight: bold;");
        Label note = new Label(text.get("notify.ui.note"));
        note.setWrapText(true);
        CheckBox rings = new CheckBox(text.get("notify.ui.rings"));
        rings.setId("notifyRings");
        rings.selectedProperty().bindBidirectional(model.rings);
        CheckBox lost = new CheckBox(text.get("notify.ui.lost"));
        lost.setId("notifyLost");
        lost.selectedProperty().bindBidirectional(model.cameraLost);
        Label quietTitle = new Label(text.get("notify.ui.quiet"));
        cameras.setId("notifyCameras");
        cameras.setHgap(6);
        cameras.setVgap(4);
        model.rows().addListener((ListChangeListener<NotificationsViewModel.Row>) c -> rebuild());
        rebuild();
        Label message = new Label();
        message.setId("notifyMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        Button save = new Button(text.get("notify.ui.save"));
        save.setId("notifySave");
        save.setOnAction(e -> model.save());
        root.getChildren().addAll(new Separator(), title, note, rings, lost, quietTitle, cameras, save, message);
    }

    public Parent node() {
        return root;
    }

    /** One row per camera: name, "quiet from", from, "to", to, and the row's problem under it. */
    private void rebuild() {
        cameras.getChildren().clear();
        int line = 0;
        if (model.rows().isEmpty()) {
            cameras.add(new Label(text.get("notify.ui.noCameras")), 0, 0);
            return;
        }
        for (NotificationsViewModel.Row row : model.rows()) {
            long id = row.camera().id();
            CheckBox quiet = new CheckBox(row.camera().name());
            quiet.setId("notifyQuiet-" + id);
            quiet.setTooltip(new Tooltip(text.get("notify.ui.quiet.tip")));
            quiet.selectedProperty().bindBidirectional(row.quiet);
            TextField from = timeField("notifyFrom-" + id, row.from, text.get("notify.ui.from"));
            TextField to = timeField("notifyTo-" + id, row.to, text.get("notify.ui.to"));
            from.disableProperty().bind(row.quiet.not());
            to.disableProperty().bind(row.quiet.not());
            Label error = new Label();
            error.setId("notifyError-" + id);
            error.setStyle("-fx-text-fill: #cf222e;");
            error.textProperty().bind(row.error());
            error.visibleProperty().bind(row.error().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            cameras.addRow(line++, quiet, new Label(text.get("notify.ui.from")), from, new Label(text.get("notify.ui.to")), to);
            cameras.add(error, 0, line++, 5, 1);
        }
    }

    private static TextField timeField(String id, javafx.beans.property.StringProperty value, String label) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.setPromptText("HH:MM");
        f.setAccessibleText(label);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
