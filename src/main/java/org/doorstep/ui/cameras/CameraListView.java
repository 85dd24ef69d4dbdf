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
        list.setAccessibleText(text.get("cameras.heading"));
        Label heading = new Label(text.get("cameras.heading"));
        heading.setLabelFor(list);
        root = new VBox(6, heading, list);
        root.setPadding(new Insets(8));
    }

    public Node node() {
        return root;
    }
}
