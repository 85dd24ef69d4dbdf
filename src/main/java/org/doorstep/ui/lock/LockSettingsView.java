package org.doorstep.ui.lock;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.doorstep.common.Messages;

/** The lock's settings window: the password, then the options. */
public final class LockSettingsView {
    private final VBox root = new VBox(8);

    public LockSettingsView(LockSettingsViewModel model, Messages text) {
        root.setId("lockSettings");
        root.setPadding(new Insets(14));
        Label state = new Label();
        state.setId("lockState");
        state.textProperty().bind(model.passwordSetProperty().map(set -> text.get(set ? "cli.status.on"
                : "cli.status.off")));
        PasswordField current = password("lockCurrent", text.get("ui.settings.current"), model.current);
        current.visibleProperty().bind(model.passwordSetProperty());
        current.managedProperty().bind(model.passwordSetProperty());
        PasswordField next = password("lockNew", text.get("ui.settings.new"), model.next);
        PasswordField repeat = password("lockRepeat", text.get("ui.settings.repeat"), model.repeat);
        Button save = new Button(text.get("ui.settings.savePassword"));
        save.setId("lockSavePassword");
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.savePassword());
        Button clear = new Button(text.get("ui.settings.clear"));
        clear.setId("lockClear");
        clear.disableProperty().bind(model.busyProperty().or(model.passwordSetProperty().not()));
        clear.setOnAction(e -> model.clearPassword());

        TextField idle = new TextField();
        idle.setId("lockIdle");
        idle.setPrefColumnCount(5);
        idle.textProperty().bindBidirectional(model.idleMinutes);
        CheckBox live = new CheckBox(text.get("ui.settings.live"));
        live.setId("lockLive");
        live.selectedProperty().bindBidirectional(model.liveWhileLocked);
        TextField days = new TextField();
        days.setId("lockAuditDays");
        days.setPrefColumnCount(5);
        days.textProperty().bindBidirectional(model.auditDays);
        Button saveOptions = new Button(text.get("ui.settings.saveOptions"));
        saveOptions.setId("lockSaveOptions");
        saveOptions.disableProperty().bind(model.busyProperty());
        saveOptions.setOnAction(e -> model.saveOptions());

        Label message = new Label();
        message.setId("lockSettingsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label problem = new Label();
        problem.setId("lockSettingsProblem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #cf222e;");
        problem.textProperty().bind(model.problemProperty());
        Label reset = new Label(text.get("ui.settings.reset"));
        reset.setWrapText(true);
        root.getChildren().addAll(state, current, next, repeat, new HBox(8, save, clear), reset, new Separator(),
                row(text.get("ui.settings.idle"), idle), live, row(text.get("ui.settings.auditDays"), days), saveOptions,
                message, problem);
    }

    private static HBox row(String label, TextField field) {
        Label l = new Label(label);
        l.setWrapText(true);
        l.setLabelFor(field);
        HBox.setHgrow(l, javafx.scene.layout.Priority.ALWAYS);
        l.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(8, l, field);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static PasswordField password(String id, String prompt, javafx.beans.property.StringProperty value) {
        PasswordField f = new PasswordField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setAccessibleText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    public Parent node() {
        return root;
    }

    /** Opens the lock's settings in their own window. */
    public static Stage open(LockSettingsViewModel model, Messages text, Window owner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(text.get("ui.settings.title"));
        stage.setScene(new Scene(new LockSettingsView(model, text).node(), 520, 520));
        stage.show();
        return stage;
    }
}
