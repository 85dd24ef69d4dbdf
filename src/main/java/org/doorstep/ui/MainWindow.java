package org.doorstep.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.common.Threads;
import org.doorstep.ui.cameras.CameraListView;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.common.Icons;
import org.doorstep.ui.timeline.TimelineView;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.ui.wizard.AddCameraDialog;
import org.doorstep.ui.wizard.AddCameraViewModel;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The main window, the one place that puts the features side by side. Three areas stay put: cameras on the left,
 * the picture in the centre (live grid, one camera, or the player), events on the right; the timeline and the
 * transport controls below. Each feature comes with its ViewModel; this shell only wires them (feature packages
 * never know each other).
 */
public final class MainWindow {
    private final CameraListViewModel cameras;
    private final TimelineViewModel timelineModel;
    private final Supplier<AddCameraViewModel> addCamera;
    private final Messages text;
    private final TimelineView timeline;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    /** Centre: the live grid, one camera, or the player. */
    private final StackPane picture = new StackPane();
    /** Right: the events of the day. */
    private final StackPane events = new StackPane();
    /** Below the timeline: play, speed, step, live. */
    private final HBox transport = new HBox(6);
    private ScheduledExecutorService refresher;
    private Stage stage;

    public MainWindow(WindowFeatures features) {
        this.text = features.text();
        this.cameras = features.cameras();
        this.timelineModel = features.timeline();
        this.addCamera = features.addCamera();
        this.timeline = new TimelineView(timelineModel);
        timelineModel.problemProperty().addListener((o, was, problem) -> {
            if (problem != null) {
                cameras.note(problem);
            }
        });
        root.setTop(toolBar());
        root.setLeft(new CameraListView(cameras, text).node());
        root.setCenter(centre());
        root.setBottom(bottom());
    }

    private ToolBar toolBar() {
        Button add = new Button(text.get("add.open"), Icons.of(Material2AL.ADD_A_PHOTO));
        add.setId("addCamera");
        add.setTooltip(new Tooltip(text.get("add.open")));
        add.setOnAction(e -> openAddCamera());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        status.setId("status");
        status.textProperty().bind(cameras.summaryProperty());
        return new ToolBar(add, spacer, status);
    }

    private Node centre() {
        picture.setId("picture");
        picture.setMinSize(320, 200);
        events.setId("events");
        events.setMinWidth(220);
        events.setPrefWidth(300);
        SplitPane split = new SplitPane(picture, events);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(events, false);
        return split;
    }

    private Node bottom() {
        transport.setId("transport");
        transport.setPadding(new Insets(4, 8, 6, 8));
        VBox box = new VBox(timeline.node(), transport);
        box.setId("bottom");
        return box;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle(text.get("window.title"));
        stage.setScene(new Scene(root, 1280, 800));
        stage.setOnHidden(e -> stopRefreshing());
        stage.show();
        cameras.reload();
        startRefreshing();
    }

    /** Opens "Add camera"; the list shows the new camera once it is stored. */
    public void openAddCamera() {
        AddCameraDialog dialog = new AddCameraDialog(addCamera.get(), text, stage);
        dialog.dialog().setOnHidden(e -> cameras.reload());
        dialog.dialog().show();
    }

    /** Reloads the timeline every two seconds so new recordings and events appear while one watches. */
    private void startRefreshing() {
        refresher = Executors.newSingleThreadScheduledExecutor(Threads.named("timeline-refresh"));
        refresher.scheduleWithFixedDelay(() -> Platform.runLater(this::refreshNow), 0, 2, TimeUnit.SECONDS);
    }

    private void stopRefreshing() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refreshNow() {
        timelineModel.refresh();
    }
}
