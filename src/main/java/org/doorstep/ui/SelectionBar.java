package org.doorstep.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What a range selected on the timeline offers: export it (one camera) or erase it (one camera or all). Shown under
 * the timeline while there is a selection; the shell passes the actions, so the export and erase features stay apart.
 */
final class SelectionBar {
    /** A camera name, or null for "all cameras". */
    interface RangeAction {
        void apply(String camera, Instant from, Instant to);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final Messages text;
    private final ZoneId zone;
    private final Supplier<List<String>> cameras;
    private final HBox bar = new HBox(8);
    private final Label range = new Label();
    private final ChoiceBox<String> which = new ChoiceBox<>();
    private Instant from;
    private Instant to;
    private Button eraseButton;

    SelectionBar(Messages text, ZoneId zone, Supplier<List<String>> cameras, RangeAction export, RangeAction erase, Runnable clear) {
        this.text = text;
        this.zone = zone;
        this.cameras = cameras;
        range.setId("selectionRange");
        which.setId("selectionCamera");
        which.setAccessibleText(text.get("selection.camera"));
        Button exportButton = new Button(text.get("selection.export"), Icons.of(Material2MZ.SAVE_ALT));
        exportButton.setId("selectionExport");
        exportButton.setTooltip(new Tooltip(text.get("selection.export.tip")));
        exportButton.disableProperty().bind(which.getSelectionModel().selectedIndexProperty().lessThan(1));
        exportButton.setOnAction(e -> export.apply(camera(), from, to));
        eraseButton = new Button(text.get("selection.erase"), Icons.of(Material2AL.DELETE_FOREVER));
        eraseButton.setId("selectionErase");
        eraseButton.getStyleClass().add("danger");
        eraseButton.setTooltip(new Tooltip(text.get("selection.erase.tip")));
        eraseButton.setOnAction(e -> erase.apply(camera(), from, to));
        Button clearButton = new Button(null, Icons.of(Material2AL.CLOSE));
        clearButton.setId("selectionClear");
        clearButton.setTooltip(new Tooltip(text.get("selection.clear")));
        clearButton.setAccessibleText(text.get("selection.clear"));
        clearButton.setOnAction(e -> clear.run());
        bar.getChildren().setAll(Icons.of(Material2MZ.SELECT_ALL), range, which, exportButton, eraseButton,
                clearButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setId("selectionBar");
        hide();
    }

    Node node() {
        return bar;
    }

    /** Offers "Keep" (one camera, like export) before Erase; the label and tip come from the keep feature. */
    void offerKeep(String label, String tip, RangeAction keep) {
        Button keepButton = new Button(label, Icons.of(Material2AL.BOOKMARK));
        keepButton.setId("selectionKeep");
        keepButton.setTooltip(new Tooltip(tip));
        keepButton.disableProperty().bind(which.getSelectionModel().selectedIndexProperty().lessThan(1));
        keepButton.setOnAction(e -> keep.apply(camera(), from, to));
        bar.getChildren().add(bar.getChildren().indexOf(eraseButton), keepButton);
    }

    /** Offers the range [from, to). */
    void show(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        range.setText(text.get("selection.range", TIME.format(from.atZone(zone)), TIME.format(to.atZone(zone)),
                minutes(Duration.between(from, to))));
        String chosen = which.getValue();
        List<String> names = cameras.get();
        which.setItems(FXCollections.observableArrayList(names));
        which.getItems().add(0, text.get("selection.allCameras"));
        which.setValue(chosen != null && which.getItems().contains(chosen) ? chosen
                : names.size() == 1 ? names.get(0) : which.getItems().get(0));
        bar.setVisible(true);
        bar.setManaged(true);
    }

    void hide() {
        bar.setVisible(false);
        bar.setManaged(false);
    }

    private String camera() {
        return which.getSelectionModel().getSelectedIndex() <= 0 ? null : which.getValue();
    }

    private String minutes(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s < 120 ? text.get("selection.seconds", s) : text.get("selection.minutes", s / 60);
    }
}
