package org.doorstep.ui.wizard;

import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;

/** The "Add camera" dialog: a name and an address (stream or ONVIF host), user and password. */
public final class AddCameraDialog {
    private final Dialog<Camera> dialog = new Dialog<>();
    private final AddCameraViewModel model;

    public AddCameraDialog(AddCameraViewModel model, Messages text, Window owner) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle(text.get("add.title"));
        dialog.setHeaderText(text.get("add.header", model.retention().toHours()));

        TextField name = field("addName", model.nameProperty(), text.get("add.name.prompt"));
        TextField address = field("addAddress", model.addressProperty(), text.get("add.address.prompt"));
        TextField sub = field("addSubAddress", model.subAddressProperty(), text.get("add.sub.prompt"));
        sub.disableProperty().bind(model.addressProperty().map(a -> !model.isStreamAddress()));
        TextField user = field("addUser", model.userProperty(), text.get("add.user.prompt"));
        PasswordField hidden = new PasswordField();
        hidden.setId("addPassword");
        hidden.textProperty().bindBidirectional(model.passwordProperty());
        TextField shown = field("addPasswordShown", model.passwordProperty(), "");
        shown.visibleProperty().bind(model.showPasswordProperty());
        hidden.visibleProperty().bind(model.showPasswordProperty().not());
        CheckBox show = new CheckBox(text.get("add.showPassword"));
        show.setId("addShowPassword");
        show.selectedProperty().bindBidirectional(model.showPasswordProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(16));
        int row = 0;
        form.addRow(row++, label(text.get("add.name"), name), name);
        form.addRow(row++, label(text.get("add.address"), address), address);
        form.addRow(row++, label(text.get("add.sub"), sub), sub);
        form.addRow(row++, label(text.get("add.user"), user), user);
        GridPane.setColumnIndex(shown, 1);
        GridPane.setRowIndex(shown, row);
        form.addRow(row++, label(text.get("add.password"), hidden), hidden);
        form.getChildren().add(shown);
        form.add(show, 1, row++);
        Label problem = new Label();
        problem.setId("addProblem");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.textProperty().bind(model.problemProperty());
        problem.setStyle("-fx-text-fill: -fx-accent;");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        Label step = new Label();
        step.textProperty().bind(model.stepProperty());
        form.add(new HBox(8, spinner, step), 1, row++);
        form.add(problem, 1, row);
        dialog.getDialogPane().setContent(form);

        ButtonType addType = new ButtonType(text.get("add.button"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(addType, ButtonType.CANCEL);
        Button add = (Button) dialog.getDialogPane().lookupButton(addType);
        add.setId("addButton");
        add.disableProperty().bind(model.busyProperty());
        // the dialog stays open until the camera is stored, so a refusal can be read and corrected
        add.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.add(camera -> {
                dialog.setResult(camera);
                dialog.close();
            });
        });
        dialog.setResultConverter(button -> null);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        return l;
    }

    /** Shows the dialog; the added camera, or nothing when cancelled. */
    public Optional<Camera> showAndWait() {
        return dialog.showAndWait().or(() -> Optional.ofNullable(dialog.getResult()));
    }

    public Dialog<Camera> dialog() {
        return dialog;
    }
}
