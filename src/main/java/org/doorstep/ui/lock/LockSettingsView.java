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
                new Separator(), people(model, Messages.of("people", text.locale())), message, problem);
    }

    /**
     * People with PINs: the list, then name, role and PIN to add someone or to change the chosen person; owner only
     * (greyed out for staff, and hidden without a lock password). "Change my PIN" for whoever unlocked by PIN.
     */
    private static VBox people(LockSettingsViewModel model, Messages p) {
        Label title = new Label(p.get("ui.people.title"));
        title.setStyle("-fx-font-weight: bold;");
        Label hint = new Label(p.get("ui.people.hint"));
        hint.setWrapText(true);
        Label ownerOnly = new Label(p.get("ui.people.ownerOnly"));
        ownerOnly.setId("peopleOwnerOnly");
        ownerOnly.setWrapText(true);
        ownerOnly.visibleProperty().bind(model.mayManagePeopleProperty().not());
        ownerOnly.managedProperty().bind(ownerOnly.visibleProperty());
        javafx.scene.control.ListView<org.doorstep.usecase.lock.People.Member> list =
                new javafx.scene.control.ListView<>(model.people());
        list.setId("peopleList");
        list.setPrefHeight(110);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(org.doorstep.usecase.lock.People.Member m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : model.describe(m));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            model.selected.set(now);
            if (now != null) {
                model.personRole.set(now.role());
            }
        });
        model.selected.addListener((o, was, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        TextField name = new TextField();
        name.setId("personName");
        name.setPromptText(p.get("ui.people.name"));
        name.setAccessibleText(p.get("ui.people.name"));
        name.textProperty().bindBidirectional(model.personName);
        javafx.scene.control.ChoiceBox<org.doorstep.usecase.lock.People.Role> role =
                new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                        org.doorstep.usecase.lock.People.Role.values()));
        role.setId("personRole");
        role.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(org.doorstep.usecase.lock.People.Role r) {
                return r == null ? "" : p.get("role." + r.id());
            }

            @Override
            public org.doorstep.usecase.lock.People.Role fromString(String s) {
                return null;
            }
        });
        role.valueProperty().bindBidirectional(model.personRole);
        PasswordField pin = password("personPin", p.get("ui.people.newPin"), model.personPin);
        Button add = new Button(p.get("ui.people.add"));
        add.setId("personAdd");
        add.setOnAction(e -> model.addPerson());
        Button changeRole = new Button(p.get("ui.people.changeRole"));
        changeRole.setId("personChangeRole");
        changeRole.setOnAction(e -> model.changeRole());
        Button resetPin = new Button(p.get("ui.people.resetPin"));
        resetPin.setId("personResetPin");
        resetPin.setOnAction(e -> model.resetPin());
        Button remove = new Button(p.get("ui.people.remove"));
        remove.setId("personRemove");
        remove.setOnAction(e -> model.removePerson());
        javafx.beans.binding.BooleanBinding noneChosen = model.selected.isNull();
        changeRole.disableProperty().bind(noneChosen.or(model.busyProperty()));
        resetPin.disableProperty().bind(noneChosen.or(model.busyProperty()));
        remove.disableProperty().bind(noneChosen.or(model.busyProperty()));
        add.disableProperty().bind(model.busyProperty());
        VBox manage = new VBox(6, list, new HBox(8, name, role, pin), new HBox(8, add, changeRole, resetPin, remove));
        manage.setId("peopleManage");
        manage.disableProperty().bind(model.mayManagePeopleProperty().not());

        PasswordField current = password("ownCurrentPin", p.get("ui.people.currentPin"), model.ownCurrentPin);
        PasswordField next = password("ownNewPin", p.get("ui.people.ownPin"), model.ownNewPin);
        Button saveOwn = new Button(p.get("ui.people.saveOwn"));
        saveOwn.setId("ownPinSave");
        saveOwn.disableProperty().bind(model.busyProperty());
        saveOwn.setOnAction(e -> model.changeOwnPin());
        HBox own = new HBox(8, current, next, saveOwn);
        own.visibleProperty().bind(model.unlockedByPinProperty());
        own.managedProperty().bind(own.visibleProperty());

        VBox section = new VBox(6, title, hint, ownerOnly, manage, own);
        section.setId("peopleSection");
        section.visibleProperty().bind(model.passwordSetProperty());
        section.managedProperty().bind(section.visibleProperty());
        return section;
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
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(
                new LockSettingsView(model, text).node());
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(scroll, 560, 720));
        stage.show();
        return stage;
    }
}
