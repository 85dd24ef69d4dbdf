package org.doorstep.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.common.Threads;
import org.doorstep.ui.cameras.CameraListView;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.timeline.TimelineView;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.ui.wizard.AddCameraDialog;
import org.doorstep.ui.wizard.AddCameraViewModel;

/**
 * The main window, the one place that puts the features side by side: cameras on the left, the timeline in the
 * middle, a tool bar above and a status line below. Each feature comes with its ViewModel; this shell only wires
 * them (feature packages never know each other).
 */
public final class MainWindow {
    private final CameraListViewModel cameras;
    private final TimelineViewModel timelineModel;
    private final Supplier<AddCameraViewModel> addCamera;
    private final Messages text;
    private final TimelineView timeline;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private ScheduledExecutorService refresher;
    private Stage stage;

    public MainWindow(Messages text, CameraListViewModel cameras, TimelineViewModel timelineModel,
                      Supplier<AddCameraViewModel> addCamera) {
        this.text = text;
        this.cameras = cameras;
        this.timelineModel = timelineModel;
        this.addCamera = addCamera;
        this.timeline = new TimelineView(text);
        timeline.onViewportChanged(v -> refreshNow());
        timelineModel.rowsProperty().addListener((o, was, rows) -> timeline.show(rows));
        timelineModel.problemProperty().addListener((o, was, problem) -> {
            if (problem != null) {
                cameras.note(problem);
            }
        });
        Button add = new Button(text.get("add.open"));
        add.setId("addCamera");
        add.setOnAction(e -> openAddCamera());
        root.setTop(new ToolBar(add));
        root.setLeft(new CameraListView(cameras, text).node());
        root.setCenter(timeline.node());
        status.setId("status");
        status.setPadding(new Insets(4, 8, 4, 8));
        status.textProperty().bind(cameras.summaryProperty());
        root.setBottom(status);
    }

    public TimelineView timeline() {
        return timeline;
    }

    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle(text.get("window.title"));
        stage.setScene(new Scene(root, 1100, 680));
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
        timelineModel.load(timeline.viewStart(), timeline.viewEnd());
    }
}
