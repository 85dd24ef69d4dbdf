package org.doorstep.ui.common;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.MaskEditorModel.Handle;
import org.doorstep.ui.common.MaskEditorModel.Kind;
import org.doorstep.ui.common.MaskEditorModel.Point;
import org.doorstep.ui.common.MaskEditorModel.Shape;

/**
 * Draws masks as polygons over a still picture of the camera. Click to add points, click the first point (or
 * double-click, or Enter) to close; drag a point to move it; select a shape and press Delete to remove it.
 * Keyboard: arrows move the pointer (or the selected point; Shift for fine steps), Space adds a point, Enter closes,
 * Escape cancels, N selects the next shape, P its next point, Delete removes the shape.
 *
 * <p>Detection masks are amber and see-through with a dashed edge (motion there is ignored, the picture is still
 * recorded); privacy masks are solid black (that is how they will look in the recording).
 */
public final class MaskEditor {
    /** How near a press must be to a point to grab it, in screen pixels. */
    private static final double GRAB = 8;
    private static final Color DETECTION_FILL = Color.rgb(255, 179, 0, 0.35);
    private static final Color DETECTION_EDGE = Color.rgb(255, 179, 0);
    private static final Color DRAFT_EDGE = Color.rgb(33, 150, 243);

    private final MaskEditorModel model;
    private final Messages text;
    private final BorderPane root = new BorderPane();
    private final Surface surface;
    private final ToggleButton detection = new ToggleButton();
    private final ToggleButton privacy = new ToggleButton();
    private final Label summary = new Label();
    private Handle dragging;

    public MaskEditor(MaskEditorModel model, Messages text) {
        this.model = model;
        this.text = text;
        this.surface = new Surface();
        root.setId("maskEditor");
        root.setTop(tools());
        root.setCenter(surface);
        Label hint = new Label(text.get("mask.hint"));
        hint.setWrapText(true);
        summary.setId("maskSummary");
        HBox bottom = new HBox(12, summary, hint);
        bottom.setPadding(new Insets(4, 0, 0, 0));
        root.setBottom(bottom);
        model.onChange(this::refresh);
        refresh();
    }

    /** Builds the editor's text from the shared "masks" bundle. */
    public static MaskEditor of(MaskEditorModel model, java.util.Locale locale) {
        return new MaskEditor(model, Messages.of("masks", locale));
    }

    public Node node() {
        return root;
    }

    public MaskEditorModel model() {
        return model;
    }

    /** The canvas drawn on, for tests that click on it. */
    public Node canvas() {
        return surface.canvas;
    }

    /** The picture to draw on (a snapshot of the camera); null shows a plain grey 16:9 area. */
    public void picture(Image image) {
        surface.image.setImage(image);
        surface.requestLayout();
    }

    /**
     * Draws only {@code kind} and hides the choice between the kinds: for regions that are all of one sort (the
     * export's blur regions).
     */
    public void onlyKind(Kind kind) {
        model.drawingKind(kind);
        detection.setVisible(false);
        detection.setManaged(false);
        privacy.setVisible(false);
        privacy.setManaged(false);
        root.setBottom(null); // the counts of both kinds and the general hint: the caller says what its regions do
    }

    /** Where a normalised point of the picture lies on the canvas (for tests and screenshots). */
    public javafx.geometry.Point2D toCanvas(double x, double y) {
        Rectangle2D r = surface.pictureArea();
        return new javafx.geometry.Point2D(r.getMinX() + x * r.getWidth(), r.getMinY() + y * r.getHeight());
    }

    private Node tools() {
        ToggleGroup group = new ToggleGroup();
        detection.setToggleGroup(group);
        privacy.setToggleGroup(group);
        detection.setId("maskKindDetection");
        privacy.setId("maskKindPrivacy");
        detection.setText(text.get("mask.kind.detection"));
        privacy.setText(text.get("mask.kind.privacy"));
        detection.setTooltip(new Tooltip(text.get("mask.kind.detection.tip")));
        privacy.setTooltip(new Tooltip(text.get("mask.kind.privacy.tip")));
        detection.setGraphic(swatch(Kind.DETECTION));
        privacy.setGraphic(swatch(Kind.PRIVACY));
        detection.setSelected(model.drawingKind() == Kind.DETECTION);
        privacy.setSelected(model.drawingKind() == Kind.PRIVACY);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one kind is always chosen
                return;
            }
            Kind kind = now == privacy ? Kind.PRIVACY : Kind.DETECTION;
            model.drawingKind(kind);
            model.changeSelectedKind(kind);
        });
        Button close = new Button(text.get("mask.close"));
        close.setId("maskClose");
        close.setOnAction(e -> model.closeDraft());
        Button delete = new Button(text.get("mask.delete"));
        delete.setId("maskDelete");
        delete.setOnAction(e -> model.deleteSelected());
        HBox box = new HBox(6, detection, privacy, close, delete);
        box.setPadding(new Insets(0, 0, 4, 0));
        return box;
    }

    private static Node swatch(Kind kind) {
        Region r = new Region();
        r.setMinSize(14, 14);
        r.setPrefSize(14, 14);
        r.setStyle(kind == Kind.PRIVACY ? "-fx-background-color: black; -fx-border-color: white;"
                : "-fx-background-color: rgba(255,179,0,0.45); -fx-border-color: #ffb300; -fx-border-style: dashed;");
        return r;
    }

    private void refresh() {
        summary.setText(text.get("mask.summary", model.count(Kind.DETECTION), model.count(Kind.PRIVACY)));
        int s = model.selected();
        if (s >= 0) {
            Kind kind = model.shapes().get(s).kind();
            (kind == Kind.PRIVACY ? privacy : detection).setSelected(true);
        }
        surface.draw();
    }

    /** The picture with a canvas of the same size laid over it. */
    private final class Surface extends Region {
        private final ImageView image = new ImageView();
        private final Canvas canvas = new Canvas();

        Surface() {
            image.setPreserveRatio(true);
            getChildren().addAll(image, canvas);
            setMinSize(240, 135);
            setPrefSize(640, 360);
            canvas.setId("maskCanvas");
            canvas.setFocusTraversable(true);
            canvas.setAccessibleText(text.get("mask.accessible"));
            canvas.setAccessibleHelp(text.get("mask.hint"));
            canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
            canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
            canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragging = null);
            canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
            canvas.focusedProperty().addListener((o, was, now) -> draw());
        }

        @Override
        protected void layoutChildren() {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            Rectangle2D r = pictureArea();
            image.setFitWidth(r.getWidth());
            image.setFitHeight(r.getHeight());
            image.relocate(r.getMinX(), r.getMinY());
            draw();
        }

        /** The picture's rectangle inside the area, letterboxed to its aspect ratio. */
        Rectangle2D pictureArea() {
            Image img = image.getImage();
            double aspect = img == null || img.getHeight() == 0 ? 16.0 / 9 : img.getWidth() / img.getHeight();
            double w = getWidth();
            double h = getHeight();
            double pw = Math.min(w, h * aspect);
            double ph = pw / aspect;
            return new Rectangle2D((w - pw) / 2, (h - ph) / 2, Math.max(1, pw), Math.max(1, ph));
        }

        private double nx(double px) {
            Rectangle2D r = pictureArea();
            return (px - r.getMinX()) / r.getWidth();
        }

        private double ny(double py) {
            Rectangle2D r = pictureArea();
            return (py - r.getMinY()) / r.getHeight();
        }

        private double tolX() {
            return GRAB / pictureArea().getWidth();
        }

        private double tolY() {
            return GRAB / pictureArea().getHeight();
        }

        private void pressed(MouseEvent e) {
            canvas.requestFocus();
            double x = nx(e.getX());
            double y = ny(e.getY());
            if (x < 0 || x > 1 || y < 0 || y > 1) {
                return;
            }
            if (e.getButton() == MouseButton.SECONDARY) {
                model.closeDraft();
                return;
            }
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (e.getClickCount() >= 2 && model.isDrawing()) {
                model.click(x, y, tolX(), tolY());
                model.closeDraft();
                return;
            }
            if (!model.isDrawing()) {
                Optional<Handle> handle = model.handleAt(x, y, tolX(), tolY());
                if (handle.isPresent()) {
                    dragging = handle.get();
                    model.select(dragging.shape(), dragging.point());
                    return;
                }
                int shape = model.shapeAt(x, y);
                if (shape >= 0) {
                    model.select(shape, -1);
                    return;
                }
            }
            model.click(x, y, tolX(), tolY());
        }

        private void dragged(MouseEvent e) {
            if (dragging != null) {
                model.moveVertex(dragging, nx(e.getX()), ny(e.getY()));
            }
        }

        private void key(KeyEvent e) {
            double step = e.isShiftDown() ? MaskEditorModel.FINE_STEP : MaskEditorModel.STEP;
            switch (e.getCode()) {
                case LEFT -> model.nudge(-step, 0);
                case RIGHT -> model.nudge(step, 0);
                case UP -> model.nudge(0, -step);
                case DOWN -> model.nudge(0, step);
                case SPACE -> model.addPointAtCursor();
                case ENTER -> model.closeDraft();
                case ESCAPE -> {
                    if (model.isDrawing()) {
                        model.cancelDraft();
                    } else {
                        model.select(-1, -1);
                    }
                }
                case DELETE, BACK_SPACE -> model.deleteSelected();
                case N -> model.selectNextShape();
                case P -> model.selectNextPoint();
                default -> {
                    return;
                }
            }
            e.consume();
        }

        void draw() {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            Rectangle2D r = pictureArea();
            if (image.getImage() == null) {
                g.setFill(Color.gray(0.35));
                g.fillRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
            }
            List<Shape> shapes = model.shapes();
            for (int s = 0; s < shapes.size(); s++) {
                drawShape(g, r, shapes.get(s), s == model.selected());
            }
            drawDraft(g, r);
            if (canvas.isFocused()) {
                Point c = model.cursor();
                double cx = r.getMinX() + c.x() * r.getWidth();
                double cy = r.getMinY() + c.y() * r.getHeight();
                g.setStroke(Color.WHITE);
                g.setLineWidth(1.5);
                g.setLineDashes();
                g.strokeLine(cx - 9, cy, cx + 9, cy);
                g.strokeLine(cx, cy - 9, cx, cy + 9);
                g.setStroke(Color.BLACK);
                g.strokeOval(cx - 4, cy - 4, 8, 8);
            }
        }

        private void drawShape(GraphicsContext g, Rectangle2D r, Shape shape, boolean selected) {
            double[] xs = xs(r, shape.points());
            double[] ys = ys(r, shape.points());
            boolean privacyMask = shape.kind() == Kind.PRIVACY;
            g.setFill(privacyMask ? Color.BLACK : DETECTION_FILL);
            g.fillPolygon(xs, ys, xs.length);
            g.setStroke(privacyMask ? Color.WHITE : DETECTION_EDGE);
            g.setLineWidth(selected ? 3 : 1.5);
            if (privacyMask) {
                g.setLineDashes();
            } else {
                g.setLineDashes(8, 5);
            }
            g.strokePolygon(xs, ys, xs.length);
            g.setLineDashes();
            if (selected) {
                for (int i = 0; i < xs.length; i++) {
                    boolean grabbed = i == model.selectedPoint();
                    g.setFill(grabbed ? DRAFT_EDGE : Color.WHITE);
                    g.fillRect(xs[i] - 4, ys[i] - 4, 8, 8);
                    g.setStroke(Color.BLACK);
                    g.setLineWidth(1);
                    g.strokeRect(xs[i] - 4, ys[i] - 4, 8, 8);
                }
            }
        }

        private void drawDraft(GraphicsContext g, Rectangle2D r) {
            List<Point> draft = model.draft();
            if (draft.isEmpty()) {
                return;
            }
            double[] xs = xs(r, draft);
            double[] ys = ys(r, draft);
            g.setStroke(model.drawingKind() == Kind.PRIVACY ? Color.WHITE : DRAFT_EDGE);
            g.setLineWidth(2);
            g.setLineCap(StrokeLineCap.ROUND);
            g.setLineDashes(4, 4);
            g.strokePolyline(xs, ys, xs.length);
            g.setLineDashes();
            for (int i = 0; i < xs.length; i++) {
                double size = i == 0 ? 12 : 7; // the first point is the one to click to close
                g.setFill(i == 0 ? Color.WHITE : DRAFT_EDGE);
                g.fillOval(xs[i] - size / 2, ys[i] - size / 2, size, size);
                g.setStroke(DRAFT_EDGE);
                g.setLineWidth(1.5);
                g.strokeOval(xs[i] - size / 2, ys[i] - size / 2, size, size);
            }
        }

        private double[] xs(Rectangle2D r, List<Point> points) {
            return points.stream().mapToDouble(p -> r.getMinX() + p.x() * r.getWidth()).toArray();
        }

        private double[] ys(Rectangle2D r, List<Point> points) {
            return points.stream().mapToDouble(p -> r.getMinY() + p.y() * r.getHeight()).toArray();
        }
    }
}
