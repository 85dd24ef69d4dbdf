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
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
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
import org.doorstep.ui.common.Theme;
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
    private final WindowFeatures features;
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
    private final HelpOverlay help;
    private boolean darkTheme = Theme.SYSTEM.isDark();
    private ScheduledExecutorService refresher;
    private Stage stage;

    public MainWindow(WindowFeatures features) {
        this.text = features.text();
        this.cameras = features.cameras();
        this.timelineModel = features.timeline();
        this.addCamera = features.addCamera();
        this.features = features;
        this.timeline = new TimelineView(text);
        this.help = new HelpOverlay(text);
        timeline.onViewportChanged(v -> refreshNow());
        timelineModel.rowsProperty().addListener((o, was, rows) -> timeline.show(rows));
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
        Button theme = new Button(null, Icons.of(Material2AL.BRIGHTNESS_6));
        theme.setId("themeToggle");
        theme.setTooltip(new Tooltip(text.get("theme.toggle")));
        theme.setAccessibleText(text.get("theme.toggle"));
        theme.setOnAction(e -> toggleTheme());
        Button helpButton = new Button(null, Icons.of(Material2AL.HELP_OUTLINE));
        helpButton.setId("helpButton");
        helpButton.setTooltip(new Tooltip(text.get("help.open")));
        helpButton.setAccessibleText(text.get("help.open"));
        helpButton.setOnAction(e -> help.toggle());
        return new ToolBar(add, spacer, status, theme, helpButton);
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
        show(stage, null);
    }

    /** Shows the window where {@code placement} remembers it (null: the default size, nothing remembered). */
    public void show(Stage stage, WindowPlacement placement) {
        this.stage = stage;
        stage.setTitle(text.get("window.title"));
        StackPane layers = new StackPane(root, help.node());
        Scene scene = placement == null ? new Scene(layers, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT)
                : new Scene(layers, placement.width(), placement.height());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this::windowKeys);
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        if (placement != null) {
            placement.restore(stage);
            placement.rememberOnClose(stage);
        }
        stage.setOnHidden(e -> stopRefreshing());
        stage.show();
        cameras.reload();
        startRefreshing();
    }

    /** Keys that belong to the whole window; a text field keeps its own typing. */
    private void windowKeys(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.F1 || "?".equals(e.getText())) {
            help.toggle();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && help.showing()) {
            help.hide();
            e.consume();
        } else if (e.getCode() == KeyCode.F && !e.isShortcutDown()) {
            stage.setFullScreen(!stage.isFullScreen());
            e.consume();
        }
    }

    private void toggleTheme() {
        darkTheme = !darkTheme;
        (darkTheme ? Theme.DARK : Theme.LIGHT).apply();
    }

    public HelpOverlay help() {
        return help;
    }

    /** Opens "Add camera"; the list shows the new camera once it is stored. */
    public void openAddCamera() {
        AddCameraDialog dialog = new AddCameraDialog(addCamera.get(), text, stage);
        dialog.dialog().setOnHidden(e -> cameras.reload());
        dialog.dialog().show();
    }

    /**
     * Opens the erase confirmation for {@code scope} (timeline selection, event list, camera menu and settings call
     * this); the dialog shows what goes, the progress and the receipt, and the timeline reloads when it closes.
     */
    public org.doorstep.ui.erase.EraseDialog erase(org.doorstep.usecase.erase.EraseScope scope) {
        org.doorstep.ui.erase.EraseDialog dialog = new org.doorstep.ui.erase.EraseDialog(features.erase(scope),
                org.doorstep.common.Messages.of("erase_ui", features.locale()), stage);
        dialog.dialog().setOnHidden(e -> cameras.reload());
        dialog.show();
        return dialog;
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
