package org.doorstep.ui.erase;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.doorstep.common.Messages;

/** Asks how a camera goes: keeping its recordings, or erasing them (the shell opens the erase confirmation). */
public final class RemoveCameraDialog {
    private final Dialog<Void> dialog = new Dialog<>();

    public RemoveCameraDialog(RemoveCameraViewModel model, Window owner, Runnable eraseAndRemove) {
        Messages text = model.text();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.get("remove.title"));
        dialog.setHeaderText(text.get("remove.header", model.camera()));
        Label explain = wrapped(new Label());
        explain.setId("removeExplain");
        explain.textProperty().bind(model.footageProperty().map(n -> n.longValue() < 0 ? ""
                : n.longValue() == 0 ? text.get("remove.noFootage") : text.get("remove.footage", n)));
        Label done = wrapped(new Label());
        done.setId("removeDone");
        done.textProperty().bind(model.doneProperty());
        Label problem = wrapped(new Label());
        problem.setId("removeProblem");
        problem.textProperty().bind(model.problemProperty());
        VBox content = new VBox(10, explain, done, problem);
        content.setPadding(new Insets(16));
        dialog.getDialogPane().setContent(content);

        ButtonType keepType = new ButtonType(text.get("remove.keep"), ButtonBar.ButtonData.LEFT);
        ButtonType eraseType = new ButtonType(text.get("remove.erase"), ButtonBar.ButtonData.OTHER);
        ButtonType closeType = new ButtonType(text.get("remove.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(keepType, eraseType, closeType);
        Button keep = (Button) dialog.getDialogPane().lookupButton(keepType);
        keep.setId("removeKeep");
        keep.disableProperty().bind(model.footageProperty().lessThan(0).or(model.doneProperty().isNotNull()));
        keep.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open to say what was done
            model.keepRecordings();
        });
        Button erase = (Button) dialog.getDialogPane().lookupButton(eraseType);
        erase.setId("removeErase");
        erase.getStyleClass().add("danger");
        erase.disableProperty().bind(model.footageProperty().lessThan(1).or(model.doneProperty().isNotNull()));
        erase.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            dialog.close();
            eraseAndRemove.run();
        });
        dialog.getDialogPane().lookupButton(closeType).setId("removeClose");
        dialog.setResultConverter(b -> null);
        model.load();
    }

    private static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setPrefWidth(440);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    public void show() {
        dialog.show();
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
