package org.doorstep.ui.keep;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.doorstep.common.Messages;

/** Asks why a clip is kept and when to review it; closes once it is kept, shows a refusal in words otherwise. */
public final class KeepDialog {
    private final Dialog<Void> dialog = new Dialog<>();

    public KeepDialog(KeepViewModel model, Window owner) {
        Messages text = model.text();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.get("keep.dialog.title"));
        dialog.setHeaderText(model.header());
        Label explain = wrapped(new Label(text.get("keep.dialog.explain")));
        Label reasonLabel = new Label(text.get("keep.dialog.reason"));
        TextArea reason = new TextArea();
        reason.setId("keepReason");
        reason.setPromptText(text.get("keep.dialog.reason.prompt"));
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.setPrefWidth(440);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reasonLabel.setLabelFor(reason);
        Label reviewLabel = new Label(text.get("keep.dialog.review"));
        DatePicker review = new DatePicker();
        review.setId("keepReview");
        review.setTooltip(new Tooltip(text.get("keep.dialog.review.tip")));
        review.valueProperty().bindBidirectional(model.reviewOnProperty());
        reviewLabel.setLabelFor(review);
        Label problem = wrapped(new Label());
        problem.setId("keepProblem");
        problem.textProperty().bind(model.problemProperty());
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        VBox content = new VBox(8, explain, reasonLabel, reason, reviewLabel, review, problem);
        content.setPadding(new Insets(16));
        dialog.getDialogPane().setContent(content);

        ButtonType keepType = new ButtonType(text.get("keep.dialog.keep"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancelType = new ButtonType(text.get("keep.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(keepType, cancelType);
        Button keep = (Button) dialog.getDialogPane().lookupButton(keepType);
        keep.setId("keepButton");
        keep.disableProperty().bind(model.busyProperty().or(model.reasonProperty().isEmpty()));
        keep.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // closes only once it is stored; a refusal stays visible
            model.keep();
        });
        dialog.getDialogPane().lookupButton(cancelType).setId("keepCancel");
        model.keptProperty().addListener((o, was, now) -> {
            if (now != null) {
                dialog.close();
            }
        });
        dialog.setResultConverter(button -> null);
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
