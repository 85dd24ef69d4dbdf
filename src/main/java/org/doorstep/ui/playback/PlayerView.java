package org.doorstep.ui.playback;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.doorstep.common.Messages;
import org.doorstep.playback.PlaybackSession;
import org.doorstep.ui.common.DigitalZoom;
import org.doorstep.ui.common.Icons;
import org.doorstep.ui.common.VideoSurface;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The player in the picture area: one surface per camera in a grid (each with its own digital zoom, kept through
 * play and seek, and a "No recording" label while the camera has a gap), a notice line, and the transport controls
 * that the shell places under the timeline. Keys (while the player shows): Space play/pause, ←/→ frame step,
 * J/K/L slower/pause/faster, S save a still. Space only ever plays or pauses.
 */
public final class PlayerView {
    private final PlayerViewModel model;
    private final Messages text;
    private final BorderPane root = new BorderPane();
    private final GridPane grid = new GridPane();
    private final Label notice = new Label();
    private final HBox transport = new HBox(6);
    private final Map<String, VideoSurface> surfaces = new HashMap<>();
    private final Map<String, DigitalZoom> zooms = new HashMap<>();
    private final Timeline ticker;
    private Runnable onLive = () -> { };

    public PlayerView(PlayerViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        root.setId("player");
        root.setCenter(grid);
        notice.setId("playerNotice");
        notice.textProperty().bind(model.noticeProperty());
        notice.setMaxWidth(Double.MAX_VALUE);
        root.setBottom(notice);
        root.setFocusTraversable(true);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (handleKey(e.getCode())) {
                e.consume();
            }
        });
        buildTransport();
        ticker = new Timeline(new KeyFrame(Duration.millis(200), e -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        model.noRecording().addListener((javafx.collections.SetChangeListener<String>) c -> updateGapLabels());
    }

    /** What the shell calls for "Live" (go back to the live view). */
    public void onLive(Runnable action) {
        onLive = action;
    }

    public Node node() {
        return root;
    }

    /** The controls for the shell's transport area. */
    public Node transport() {
        return transport;
    }

    public PlayerViewModel model() {
        return model;
    }

    public VideoSurface surface(String camera) {
        return surfaces.get(camera);
    }

    public DigitalZoom zoom(String camera) {
        return zooms.get(camera);
    }

    /** Shows {@code cameras} from {@code at}, paused on that instant's frame. */
    public void play(List<String> cameras, Instant at) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        surfaces.clear();
        zooms.clear();
        int columns = (int) Math.ceil(Math.sqrt(cameras.size()));
        int rows = (int) Math.ceil(cameras.size() / (double) columns);
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < cameras.size(); i++) {
            String camera = cameras.get(i);
            VideoSurface surface = new VideoSurface();
            surface.node().setAccessibleText(text.get("control.picture", camera));
            surfaces.put(camera, surface);
            zooms.put(camera, new DigitalZoom(surface));
            Label gap = new Label(text.get("noRecording"));
            gap.getStyleClass().add("no-recording");
            gap.setId("noRecording-" + i);
            gap.setVisible(false);
            Label name = new Label(camera);
            StackPane.setAlignment(name, Pos.TOP_LEFT);
            StackPane tile = new StackPane(surface.node(), gap, name);
            tile.setUserData(camera);
            tile.setMinSize(0, 0);
            tile.setStyle("-fx-background-color: black;");
            name.setStyle("-fx-text-fill: white; -fx-padding: 4;");
            gap.setStyle("-fx-text-fill: white;");
            grid.add(tile, i % columns, i / columns);
        }
        model.open(cameras, at, surfaces::get);
        ticker.play();
        root.requestFocus();
    }

    /** Stops the playback (the shell went back to live, or the window closes). */
    public void stop() {
        ticker.stop();
        model.close();
        surfaces.values().forEach(VideoSurface::clear);
    }

    private void updateGapLabels() {
        for (Node tile : grid.getChildren()) {
            if (tile instanceof StackPane pane && pane.getUserData() instanceof String camera) {
                pane.getChildren().get(1).setVisible(model.noRecording().contains(camera));
            }
        }
    }

    /** The player's keys anywhere in the window while the player shows (not while typing in a field). */
    public void installShortcuts(javafx.scene.Scene scene) {
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isConsumed() || e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown()
                    || scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl
                    || root.getScene() == null || !root.isVisible()) {
                return;
            }
            if (handleKey(e.getCode())) {
                e.consume();
            }
        });
    }

    /** The player's keys; true when {@code key} was one of them. */
    public boolean handleKey(KeyCode key) {
        switch (key) {
            case SPACE -> model.togglePlay();
            case LEFT -> model.stepBack();
            case RIGHT -> model.stepForward();
            case J -> model.slower();
            case K -> model.pause();
            case L -> model.faster();
            case S -> model.saveStill(null);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void buildTransport() {
        transport.setId("playerTransport");
        transport.setAlignment(Pos.CENTER_LEFT);
        Button previousEvent = button("previousEvent", Icons.of(Material2MZ.SKIP_PREVIOUS), "control.previousEvent",
                model::previousEvent);
        Button stepBack = button("stepBack", Icons.of(Material2AL.CHEVRON_LEFT), "control.stepBack", model::stepBack);
        Button play = button("playPause", Icons.of(Material2MZ.PLAY_ARROW), "control.play", model::togglePlay);
        model.playingProperty().addListener((o, was, now) -> {
            play.setGraphic(Icons.of(now ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
            String key = now ? "control.pause" : "control.play";
            play.setTooltip(new Tooltip(text.get(key)));
            play.setAccessibleText(text.get(key));
        });
        Button stepForward = button("stepForward", Icons.of(Material2AL.CHEVRON_RIGHT), "control.stepForward",
                model::stepForward);
        Button nextEvent = button("nextEvent", Icons.of(Material2MZ.SKIP_NEXT), "control.nextEvent", model::nextEvent);
        MenuButton speed = new MenuButton("1×", Icons.of(Material2MZ.SPEED));
        speed.setId("speed");
        speed.setTooltip(new Tooltip(text.get("control.speed")));
        speed.setAccessibleText(text.get("control.speed"));
        for (double s : PlaybackSession.SPEEDS) {
            MenuItem item = new MenuItem(PlayerViewModel.speedText(s));
            item.setOnAction(e -> model.speed(s));
            speed.getItems().add(item);
        }
        model.speedProperty().addListener((o, was, now) -> speed.setText(PlayerViewModel.speedText(now.doubleValue())));
        Button still = button("still", Icons.of(Material2AL.CAMERA_ALT), "control.still", () -> model.saveStill(null));
        Label time = new Label();
        time.setId("playerTime");
        time.setAccessibleText(text.get("control.time"));
        time.textProperty().bind(model.timeTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button live = button("backToLive", Icons.of(Material2AL.LIVE_TV), "control.live", () -> onLive.run());
        live.setText(text.get("control.live"));
        transport.getChildren().addAll(previousEvent, stepBack, play, stepForward, nextEvent, speed, still, time,
                spacer, live);
    }

    private Button button(String id, Node icon, String key, Runnable action) {
        Button b = new Button(null, icon);
        b.setId(id);
        b.setTooltip(new Tooltip(text.get(key)));
        b.setAccessibleText(text.get(key));
        b.setFocusTraversable(false); // keys go to the player, so Space never "presses" a focused button twice
        b.setOnAction(e -> action.run());
        return b;
    }
}
