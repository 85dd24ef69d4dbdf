package org.doorstep.ui.help;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.doorstep.common.Messages;

/**
 * The "Uninstall Doorstep…" window: what stays, the "Erase my recordings" box, a progress bar with Cancel while it
 * erases, then the receipt and how to remove the program (in a text field, so the command can be copied).
 */
public final class UninstallDialog {
    private final Stage stage = new Stage();

    public UninstallDialog(UninstallViewModel model, Messages text, Window owner) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(text.get("uninstall.title"));
        Label intro = new Label(model.intro());
        intro.setId("uninstallIntro");
        intro.setWrapText(true);
        CheckBox erase = new CheckBox(text.get("uninstall.erase"));
        erase.setId("uninstallErase");
        erase.setWrapText(true);
        erase.selectedProperty().bindBidirectional(model.eraseRecordings);
        erase.disableProperty().bind(model.running().or(model.done()));
        Label preview = new Label();
        preview.setId("uninstallPreview");
        preview.setWrapText(true);
        preview.textProperty().bind(model.preview());
        preview.visibleProperty().bind(model.eraseRecordings.and(model.done().not()));
        preview.managedProperty().bind(preview.visibleProperty());
        model.loadPreview();
        ProgressBar bar = new ProgressBar();
        bar.setId("uninstallProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progress());
        bar.visibleProperty().bind(model.running());
        Label step = new Label();
        step.setId("uninstallStep");
        step.textProperty().bind(model.step());
        step.visibleProperty().bind(model.running());
        TextArea outcome = new TextArea();
        outcome.setId("uninstallOutcome");
        outcome.setEditable(false);
        outcome.setWrapText(true);
        outcome.setPrefRowCount(6);
        outcome.textProperty().bind(model.outcome());
        outcome.visibleProperty().bind(model.outcome().isNotEmpty());
        Button run = new Button();
        run.setId("uninstallRun");
        // erasing everything is never what Enter does: the box must be ticked and this button, then named so, clicked
        run.textProperty().bind(model.eraseRecordings.map(e -> text.get(e ? "uninstall.eraseAndContinue"
                : "uninstall.continue")));
        run.defaultButtonProperty().bind(model.eraseRecordings.not());
        run.disableProperty().bind(model.running().or(model.done()));
        run.setOnAction(e -> model.run());
        Button cancel = new Button(text.get("uninstall.cancel"));
        cancel.setId("uninstallCancel");
        cancel.textProperty().bind(model.done().map(d -> text.get(d ? "uninstall.close" : "uninstall.cancel")));
        cancel.setOnAction(e -> {
            if (model.running().get()) {
                model.cancel();
            } else {
                stage.close();
            }
        });
        VBox root = new VBox(10, intro, erase, preview, bar, step, outcome, new HBox(8, run, cancel));
        root.setId("uninstallView");
        root.setPadding(new Insets(16));
        root.setPrefWidth(520);
        stage.setScene(new Scene(root));
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }
}
