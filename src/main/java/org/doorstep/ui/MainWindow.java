package org.doorstep.ui;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.doorstep.i18n.Messages;
import org.doorstep.store.Camera;

/** The main window: cameras on the left, the timeline in the middle. */
public final class MainWindow {
    private final ListView<String> cameraList = new ListView<>();
    private final TimelineView timeline;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private final Messages text;

    public MainWindow(Messages text) {
        this.text = text;
        this.timeline = new TimelineView(text);
        cameraList.setId("cameraList");
        cameraList.setPlaceholder(new Label(text.get("cameras.empty")));
        cameraList.setPrefWidth(220);
        Label heading = new Label(text.get("cameras.heading"));
        heading.getStyleClass().add("heading");
        VBox left = new VBox(6, heading, cameraList);
        left.setPadding(new Insets(8));
        root.setLeft(left);
        root.setCenter(timeline.node());
        status.setId("status");
        status.setPadding(new Insets(4, 8, 4, 8));
        root.setBottom(status);
    }

    public void showCameras(List<Camera> cameras) {
        cameraList.setItems(FXCollections.observableArrayList(cameras.stream().map(Camera::name).toList()));
        status.setText(text.get("status.cameras", cameras.size()));
    }

    public void setStatus(String message) {
        status.setText(message);
    }

    public Scene scene() {
        return new Scene(root, 1100, 680);
    }

    public void show(Stage stage) {
        stage.setTitle(text.get("window.title"));
        stage.setScene(scene());
        stage.show();
    }
}
