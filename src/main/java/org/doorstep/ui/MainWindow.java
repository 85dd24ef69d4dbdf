package org.doorstep.ui;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main window: cameras on the left, the timeline in the middle, a status line below. */
public final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final ListView<String> cameraList = new ListView<>();
    private final TimelineView timeline;
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private final Messages text;
    private final TimelineLoader loader;
    private final AtomicBoolean loading = new AtomicBoolean();
    private ScheduledExecutorService refresher;

    public MainWindow(Messages text, TimelineLoader loader) {
        this.text = text;
        this.loader = loader;
        this.timeline = new TimelineView(text);
        timeline.onViewportChanged(v -> refreshNow());
        cameraList.setId("cameraList");
        cameraList.setPlaceholder(new Label(text.get("cameras.empty")));
        cameraList.setPrefWidth(220);
        Label heading = new Label(text.get("cameras.heading"));
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

    public TimelineView timeline() {
        return timeline;
    }

    public void show(Stage stage) {
        stage.setTitle(text.get("window.title"));
        stage.setScene(new Scene(root, 1100, 680));
        stage.setOnHidden(e -> stopRefreshing());
        stage.show();
        startRefreshing();
    }

    /** Reloads the timeline every two seconds so new recordings and events appear while one watches. */
    private void startRefreshing() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timeline-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshNow, 0, 2, TimeUnit.SECONDS);
    }

    private void stopRefreshing() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Loads in the background; a load still running is not started twice. */
    void refreshNow() {
        if (!loading.compareAndSet(false, true)) {
            return;
        }
        var from = timeline.viewStart();
        var to = timeline.viewEnd();
        Runnable work = () -> {
            try {
                List<TimelineView.Row> rows = loader.load(from, to);
                Platform.runLater(() -> timeline.show(rows));
            } catch (Exception e) {
                LOG.warn("timeline could not be loaded: {}", e.toString());
            } finally {
                loading.set(false);
            }
        };
        if (refresher != null && !refresher.isShutdown() && Platform.isFxApplicationThread()) {
            refresher.execute(work);
        } else {
            work.run();
        }
    }
}
