package org.doorstep.ui.live;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.DigitalZoom;
import org.doorstep.ui.common.Icons;
import org.doorstep.ui.common.VideoSurface;
import org.doorstep.usecase.live.Quality;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The live picture: all cameras in a grid (sub streams) or one camera large (main stream). A click on a tile, or
 * its number key, shows it large; Esc, G or the Grid button go back. Each tile has its own surface and stream;
 * streams of tiles that are not visible pause by themselves (their surfaces report no size), so the hidden grid
 * costs nothing while one camera is shown. A tile zoomed in (Ctrl+wheel, pinch) switches to the main stream.
 */
public final class LiveScreen {
    private final LiveViewModel model;
    private final Messages text;
    private final StackPane root = new StackPane();
    private final GridPane grid = new GridPane();
    private final BorderPane single = new BorderPane();
    private final Label empty;
    private final Label singleName = new Label();
    private final VideoSurface singleSurface = new VideoSurface();
    private final DigitalZoom singleZoom = new DigitalZoom(singleSurface);
    private final StackPane singlePicture = new StackPane();
    private final Map<LiveTile, TileView> tileViews = new LinkedHashMap<>();
    private TileOverlay singleOverlay;
    /** The camera the large view's overlay and stream belong to. */
    private LiveTile overlayTile;
    private LiveTile playingSingle;

    /** One tile of the grid: its surface, zoom and overlay. */
    private final class TileView {
        final LiveTile tile;
        final VideoSurface surface = new VideoSurface();
        final DigitalZoom zoom = new DigitalZoom(surface);
        final TileOverlay overlay;
        final StackPane node = new StackPane();

        TileView(LiveTile tile) {
            this.tile = tile;
            this.overlay = new TileOverlay(tile, text, () -> model.ringSeen(tile));
            node.getChildren().addAll(surface.node(), overlay.node());
            node.getStyleClass().add("live-tile");
            node.setId("tile-" + tile.number());
            node.setMinSize(0, 0);
            String hint = tile.number() <= 9 ? text.get("tile.tooltip", tile.name(), tile.number())
                    : text.get("tile.tooltipNoKey", tile.name());
            node.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
            node.setAccessibleText(tile.name());
            node.setAccessibleHelp(hint);
            Tooltip.install(node, new Tooltip(hint));
            // reachable without a mouse: Tab to a tile, Enter shows it large
            node.setFocusTraversable(true);
            node.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    model.showSingle(tile);
                    e.consume();
                }
            });
            node.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 1 && e.isStillSincePress()) {
                    model.showSingle(tile);
                }
            });
            // a zoomed tile needs the detail of the main stream; back to the cheap sub stream at 1×
            zoom.zoomProperty().addListener((o, was, now) -> play());
        }

        void play() {
            model.play(tile, surface, zoom.zoomProperty().get() > 1.0 ? Quality.MAIN : Quality.SUB, false);
        }

        void dispose() {
            model.stop(surface);
            overlay.dispose();
        }
    }

    public LiveScreen(LiveViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        root.setId("live");
        root.getStyleClass().add("live");
        root.getStylesheets().add(LiveScreen.class.getResource("live.css").toExternalForm());
        root.setMinSize(0, 0);

        grid.setId("liveGrid");
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        grid.setMinSize(0, 0);

        empty = new Label(text.get("empty"));
        empty.setId("liveEmpty");
        empty.setWrapText(true);
        empty.getStyleClass().add("live-empty");

        Button back = new Button(text.get("grid.button"), Icons.of(Material2AL.GRID_ON));
        back.setId("liveGridButton");
        back.setTooltip(new Tooltip(text.get("grid.tooltip")));
        back.setOnAction(e -> model.showGrid());
        singleName.setId("liveSingleName");
        singleName.getStyleClass().add("live-single-name");
        Label zoomHint = new Label(text.get("single.zoomHint"));
        zoomHint.getStyleClass().add("live-hint");
        HBox bar = new HBox(8, back, singleName, zoomHint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox.setHgrow(zoomHint, Priority.ALWAYS);
        singlePicture.getChildren().add(singleSurface.node());
        singlePicture.getStyleClass().add("live-tile");
        singlePicture.setId("liveSinglePicture");
        singlePicture.setMinSize(0, 0);
        single.setId("liveSingle");
        single.setTop(bar);
        single.setCenter(singlePicture);

        root.getChildren().addAll(empty, grid, single);
        model.tiles().addListener((ListChangeListener<LiveTile>) c -> rebuildGrid());
        model.columnsProperty().addListener((o, was, now) -> rebuildGrid());
        model.modeProperty().addListener((o, was, now) -> showMode());
        model.selectedProperty().addListener((o, was, now) -> showMode());
        rebuildGrid();
        showMode();
    }

    public Node node() {
        return root;
    }

    /** The state this view shows. */
    public LiveViewModel model() {
        return model;
    }

    /** The surface of the large view (tests, screenshots). */
    public VideoSurface singleSurface() {
        return singleSurface;
    }

    /** The surface of camera {@code number}'s tile, or null (tests, screenshots). */
    public VideoSurface tileSurface(int number) {
        return tileViews.values().stream().filter(v -> v.tile.number() == number).findFirst()
                .map(v -> v.surface).orElse(null);
    }

    /** The digital zoom of camera {@code number}'s tile, or null (tests). */
    public DigitalZoom tileZoom(int number) {
        return tileViews.values().stream().filter(v -> v.tile.number() == number).findFirst()
                .map(v -> v.zoom).orElse(null);
    }

    /**
     * The keys of the live view on {@code scene}: 1–9 show that camera large, G shows the grid, Esc goes back to it.
     * Ignored while typing in a text field and while another view covers the live one.
     */
    public void installShortcuts(Scene scene) {
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isConsumed() || e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown()
                    || scene.getFocusOwner() instanceof TextInputControl || !root.isVisible()) {
                return;
            }
            if (handleKey(e.getCode())) {
                e.consume();
            }
        });
    }

    /** Acts on a key of the live view; true when it was one. */
    public boolean handleKey(KeyCode code) {
        int digit = digitOf(code);
        if (digit > 0) {
            return model.showNumber(digit);
        }
        if (code == KeyCode.G) {
            model.showGrid();
            return true;
        }
        if (code == KeyCode.ESCAPE && model.modeProperty().get() == LiveViewModel.Mode.SINGLE) {
            model.showGrid();
            return true;
        }
        return false;
    }

    private static int digitOf(KeyCode code) {
        if (code.isDigitKey()) {
            String name = code.getName(); // "1" or "Numpad 1"
            char last = name.charAt(name.length() - 1);
            return last >= '1' && last <= '9' ? last - '0' : 0;
        }
        return 0;
    }

    /** Stops every stream (the window closes). */
    public void close() {
        tileViews.values().forEach(TileView::dispose);
        tileViews.clear();
        model.stop(singleSurface);
        model.stopAll();
    }

    private void rebuildGrid() {
        Map<LiveTile, TileView> kept = new LinkedHashMap<>();
        for (LiveTile t : model.tiles()) {
            TileView v = tileViews.remove(t);
            kept.put(t, v != null ? v : new TileView(t));
        }
        tileViews.values().forEach(TileView::dispose); // cameras that are gone
        tileViews.clear();
        tileViews.putAll(kept);

        int columns = Math.max(1, model.columnsProperty().get());
        int rows = Math.max(1, (tileViews.size() + columns - 1) / columns);
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        int i = 0;
        for (TileView v : tileViews.values()) {
            grid.add(v.node, i % columns, i / columns);
            i++;
            v.play();
        }
        showMode();
    }

    private void showMode() {
        boolean none = model.tiles().isEmpty();
        LiveTile selected = model.selectedProperty().get();
        boolean large = !none && model.modeProperty().get() == LiveViewModel.Mode.SINGLE && selected != null;
        empty.setVisible(none);
        grid.setVisible(!none && !large);
        single.setVisible(large);
        if (singleOverlay != null && (!large || overlayTile != selected)) {
            singlePicture.getChildren().remove(singleOverlay.node());
            singleOverlay.dispose();
            singleOverlay = null;
            overlayTile = null;
        }
        if (large) {
            singleName.setText(selected.name());
            if (singleOverlay == null) {
                singleOverlay = new TileOverlay(selected, text, () -> model.ringSeen(selected));
                overlayTile = selected;
                singlePicture.getChildren().add(singleOverlay.node());
            }
            if (playingSingle != selected) {
                singleZoom.reset(); // another camera: start with its whole picture, not the last one's
                singleSurface.clear();
            }
            playingSingle = selected;
            model.play(selected, singleSurface, Quality.MAIN, true);
        } else {
            // the main stream is the expensive one: closed, not just paused, while the grid shows
            model.stop(singleSurface);
            if (playingSingle != null) {
                singleSurface.clear();
            }
            playingSingle = null;
        }
    }
}
