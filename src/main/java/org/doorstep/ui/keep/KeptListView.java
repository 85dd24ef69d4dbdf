package org.doorstep.ui.keep;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.doorstep.usecase.keep.KeptClips;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The kept clips, in the events area while the "Kept" filter is on: each with its reason and review date, a "Review
 * due" mark, Play and Release. {@link #filterToggle()} is the filter button the shell puts among the event filters.
 */
public final class KeptListView {
    private final KeptListViewModel model;
    private final Messages text;
    private final VBox root;
    private final ToggleButton toggle;

    public KeptListView(KeptListViewModel model) {
        this.model = model;
        this.text = model.text();
        Label heading = new Label(text.get("keep.filter"));
        heading.getStyleClass().add("title-4");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton back = makeToggle("keptFilterOn");
        HBox top = new HBox(8, heading, spacer, back);
        top.setAlignment(Pos.CENTER_LEFT);
        ListView<KeptClips.Kept> list = new ListView<>(model.items());
        list.setId("keptList");
        list.setAccessibleText(text.get("keep.filter"));
        Label empty = new Label(text.get("keep.list.empty"));
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new KeptCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("keptProblem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        root = new VBox(6, top, list, problem);
        root.setId("keptPane");
        root.setStyle("-fx-background-color: -color-bg-default; -fx-padding: 8;");
        root.visibleProperty().bind(model.shownProperty());
        toggle = makeToggle("filterKept");
        model.shownProperty().addListener((o, was, now) -> {
            if (now) {
                model.reload();
            }
        });
    }

    private ToggleButton makeToggle(String id) {
        ToggleButton b = new ToggleButton(text.get("keep.filter"), Icons.of(Material2AL.BOOKMARK));
        b.setId(id);
        b.setTooltip(new Tooltip(text.get("keep.filter.tip")));
        b.selectedProperty().bindBidirectional(model.shownProperty());
        return b;
    }

    /** The list, shown over the day's events while the filter is on. */
    public Node node() {
        return root;
    }

    /** The "Kept" filter button for the events area's filter row. */
    public Node filterToggle() {
        return toggle;
    }

    private final class KeptCell extends ListCell<KeptClips.Kept> {
        @Override
        protected void updateItem(KeptClips.Kept k, boolean empty) {
            super.updateItem(k, empty);
            if (empty || k == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label what = new Label(model.describe(k));
            what.getStyleClass().add("text-bold");
            what.setWrapText(true);
            setPrefWidth(0); // as wide as the list: long lines wrap instead of a sideways scroll bar
            Label reason = new Label(k.reason());
            reason.setWrapText(true);
            Label review = new Label(model.review(k), Icons.of(Material2AL.EVENT));
            HBox reviewRow = new HBox(6, review);
            reviewRow.setAlignment(Pos.CENTER_LEFT);
            if (k.due()) {
                Label due = new Label(text.get("keep.list.due"), Icons.of(Material2AL.ALARM));
                due.setId("keptDue" + k.id());
                due.getStyleClass().add("danger");
                due.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
                reviewRow.getChildren().add(due);
            }
            Button play = new Button(text.get("keep.list.play"), Icons.of(Material2MZ.PLAY_ARROW));
            play.setId("keptPlay" + k.id());
            play.setOnAction(e -> model.play(k));
            Button release = new Button(text.get("keep.list.release"), Icons.of(Material2AL.BOOKMARK_BORDER));
            release.setId("keptRelease" + k.id());
            release.setTooltip(new Tooltip(text.get("keep.list.release.tip")));
            release.setOnAction(e -> model.release(k));
            HBox buttons = new HBox(6, play, release);
            setGraphic(new VBox(3, what, reason, reviewRow, buttons));
            setText(null);
        }
    }
}
