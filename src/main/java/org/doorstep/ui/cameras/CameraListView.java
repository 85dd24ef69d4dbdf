package org.doorstep.ui.cameras;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.doorstep.common.Messages;

/** The cameras on the left of the main window, each with what its recorder is doing. */
public final class CameraListView {
    private final ListView<CameraListViewModel.Item> list = new ListView<>();
    private final VBox root;

    public CameraListView(CameraListViewModel model, Messages text) {
        list.setId("cameraList");
        list.setItems(model.items());
        list.setPlaceholder(new Label(text.get("cameras.empty")));
        list.setPrefWidth(240);
        list.setCellFactory(v -> new CameraCell());
        list.setAccessibleText(text.get("cameras.heading"));
        Label heading = new Label(text.get("cameras.heading"));
        heading.setLabelFor(list);
        root = new VBox(6, heading, list);
        root.setPadding(new Insets(8));
    }

    /**
     * Adds "{@code label}" to each camera's context menu (and Enter-free keyboard access through the menu key);
     * the shell passes what it opens, so this feature does not know the settings feature.
     */
    public void onCameraAction(String label, java.util.function.Consumer<String> action) {
        javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(label);
        item.setOnAction(e -> {
            CameraListViewModel.Item chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null) {
                action.accept(chosen.name());
            }
        });
        if (list.getContextMenu() == null) {
            list.setContextMenu(new javafx.scene.control.ContextMenu());
        }
        list.getContextMenu().getItems().add(item);
    }

    public Node node() {
        return root;
    }

    /** Name over what the recorder does, with an icon that tells a switched-off camera apart by shape too. */
    private static final class CameraCell extends javafx.scene.control.ListCell<CameraListViewModel.Item> {
        @Override
        protected void updateItem(CameraListViewModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Label name = new Label(item.name());
            name.setStyle("-fx-font-weight: bold;");
            VBox lines = new VBox(2, name);
            if (item.state() != null) {
                Label state = new Label(item.state());
                state.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 0.9em;");
                lines.getChildren().add(state);
            }
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, org.doorstep.ui.common.Icons.of(
                    item.enabled() ? org.kordamp.ikonli.material2.Material2MZ.VIDEOCAM
                            : org.kordamp.ikonli.material2.Material2MZ.VIDEOCAM_OFF, 18), lines);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
            setAccessibleText(item.toString());
        }
    }
}
