package org.doorstep.ui.erase;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.doorstep.common.Messages;
import org.doorstep.usecase.erase.ErasePreview;

/**
 * The erase confirmation: what goes (counts, hours, size), the exports Doorstep wrote with a "keep" box each, then a
 * progress bar (Cancel works until the keys are destroyed) and the receipt.
 */
public final class EraseDialog {
    private final Dialog<Void> dialog = new Dialog<>();

    public EraseDialog(EraseViewModel model, Messages text, Window owner) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.get("erase.title"));
        dialog.setHeaderText(text.get("erase.header"));
        Label summary = new Label();
        summary.setId("eraseSummary");
        summary.setWrapText(true);
        summary.setMaxWidth(460);
        summary.textProperty().bind(model.summaryProperty());
        VBox exports = new VBox(4);
        exports.setId("eraseExports");
        model.exports().addListener((javafx.collections.ListChangeListener<ErasePreview.Export>) c -> {
            exports.getChildren().clear();
            for (ErasePreview.Export x : model.exports()) {
                CheckBox keep = new CheckBox(text.get("erase.keepExport", x.file()));
                keep.setId("eraseKeep" + x.id());
                keep.selectedProperty().addListener((o, was, now) -> {
                    if (now) {
                        model.keptExports().add(x.id());
                    } else {
                        model.keptExports().remove(x.id());
                    }
                });
                exports.getChildren().add(keep);
            }
        });
        ProgressBar bar = new ProgressBar();
        bar.setId("eraseProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefWidth(460);
        bar.progressProperty().bind(model.progressProperty());
        Label step = new Label();
        step.setId("eraseStep");
        step.textProperty().bind(model.stepProperty());
        Label receipt = new Label();
        receipt.setId("eraseReceipt");
        receipt.setWrapText(true);
        receipt.setMaxWidth(460);
        receipt.textProperty().bind(model.receiptProperty());
        Label problem = new Label();
        problem.setId("eraseProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.setStyle("-fx-text-fill: -fx-accent;");
        for (Label l : new Label[] {summary, receipt, problem}) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap onto more lines rather than cut with "..."
            l.setPrefWidth(460);
        }
        VBox content = new VBox(10, summary, exports, bar, step, receipt, problem);
        content.setPadding(new Insets(16));
        dialog.getDialogPane().setContent(content);

        ButtonType eraseType = new ButtonType(text.get("erase.button"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(eraseType, ButtonType.CANCEL);
        Button erase = (Button) dialog.getDialogPane().lookupButton(eraseType);
        erase.setId("eraseButton");
        erase.getStyleClass().add("danger");
        erase.disableProperty().bind(model.runningProperty().or(model.nothingProperty())
                .or(model.receiptProperty().isNotNull()));
        erase.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open to show progress and the receipt
            model.start();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("eraseCancel");
        cancel.textProperty().bind(Bindings.when(model.receiptProperty().isNotNull())
                .then(text.get("erase.close")).otherwise(text.get("erase.cancel")));
        cancel.disableProperty().bind(model.runningProperty().and(model.cancellableProperty().not()));
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            if (model.runningProperty().get()) {
                e.consume(); // cancelling a running erase waits for it to stop (nothing is erased before the keys step)
                model.cancel();
            }
        });
        dialog.setResultConverter(button -> null);
        model.load();
    }

    public void show() {
        dialog.show();
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
