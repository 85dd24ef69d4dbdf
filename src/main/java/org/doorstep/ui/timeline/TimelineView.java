package org.doorstep.ui.timeline;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.TextAlignment;
import org.doorstep.common.Messages;
import org.doorstep.store.TimeBuckets;
import org.doorstep.store.TimelineQuery;
import org.doorstep.usecase.timeline.TimelineService;

/**
 * The timeline: one Canvas over all cameras, one lane per camera with what was recorded, the gaps, the motion heat
 * strip and the event markers (rings as a bell, motion as a triangle, the camera's own motion as a square), the
 * now cursor, the playhead and a selected range. Redrawn from an AnimationTimer only when something changed (never
 * a node per segment). Wheel or pinch zooms around the pointer, drag pans, click plays, dragging the playhead scrubs,
 * Shift+drag selects; the keyboard does the same (arrows move the focus across markers and gaps, Enter plays, + and
 * - zoom), and what the pointer shows (gap reason, events, thumbnail) the focus and a touch show too.
 */
public final class TimelineView {
    static final double LABEL_WIDTH = 130;
    static final double RIGHT_PAD = 12;
    static final double RULER = 22;
    private static final double MAX_LANE = 46;
    private static final double MIN_LANE = 18;
    /** Movement below this many pixels is a click, not a drag. */
    private static final double CLICK_SLOP = 4;
    /** How near (pixels) the pointer must be to a marker or the playhead to take it. */
    private static final double GRAB = 6;
    private static final Duration[] TICKS = {Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
        Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7)};

    private static final Color RECORDED = Color.web("#3d8b5a");
    private static final Color GAP = Color.web("#b3261e");
    private static final Color MOTION = Color.web("#e8710a");
    private static final Color CAMERA_MOTION = Color.web("#c9a227");
    private static final Color RING = Color.web("#4a90e2");
    private static final Color PLAYHEAD = Color.web("#ffd54f");
    private static final Color SELECTION = Color.web("#4a90e2", 0.25);
    /** Kept clips (evidence holds): purple, unlike every other mark, hatched and flagged so colour is not all. */
    private Color keptColour;
    /** The heat strip's colours by fifths of activity, made once rather than per bucket and frame. */
    private static final Color[] HEAT = heat();

    private enum Drag { NONE, PAN, SCRUB, SELECT }

    private static Color[] heat() {
        Color[] heat = new Color[6];
        for (int i = 1; i < heat.length; i++) {
            heat[i] = Color.rgb(232, 113, 10, 0.2 * i);
        }
        return heat;
    }

    /** 0 for no activity, else 1..5 by fifths of 0-100. */
    private static int heatLevel(byte activity) {
        return activity <= 0 ? 0 : 1 + Math.min(99, activity) / 20;
    }

    private final TimelineViewModel model;
    private final Messages text;
    private final Pane pane = new Pane();
    private final Canvas canvas = new Canvas();
    private final Label info = new Label();
    private final ImageView thumbnail = new ImageView();
    private final VBox infoBox = new VBox(4, thumbnail, info);
    private final AnimationTimer timer;
    private final DateTimeFormatter seconds;
    private final DateTimeFormatter minutes;
    private final DateTimeFormatter days;
    private boolean dirty = true;
    /** The neutral colours follow the window's light or dark theme; the marks keep theirs. */
    private boolean dark;
    private Color background;
    private Color lane;
    private Color textColour;
    private Color muted;
    private Color grid;
    private Color nowColour;
    private Color focus;
    private long lastNowPixel = Long.MIN_VALUE;
    private Drag drag = Drag.NONE;
    private double pressX;
    private double lastDragX;
    private Instant pressAt;
    private boolean moved;

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        this.text = model.text();
        this.seconds = DateTimeFormatter.ofPattern(text.get("timeline.axis.seconds"), text.locale()).withZone(model.zone());
        this.minutes = DateTimeFormatter.ofPattern(text.get("timeline.axis.minutes"), text.locale()).withZone(model.zone());
        this.days = DateTimeFormatter.ofPattern(text.get("timeline.axis.days"), text.locale()).withZone(model.zone());
        pane.setId("timeline");
        pane.setPrefHeight(180);
        pane.setMinHeight(120);
        canvas.setId("timelineCanvas");
        canvas.setFocusTraversable(true);
        canvas.setAccessibleRole(AccessibleRole.TEXT);
        canvas.setAccessibleRoleDescription(text.get("timeline.accessible"));
        canvas.setAccessibleHelp(text.get("timeline.help"));
        canvas.accessibleTextProperty().bind(model.infoProperty().map(s -> s).orElse(text.get("timeline.accessible")));
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> {
            // a new width is a new pixel count: the index is read again at that resolution
            model.setColumns(columns());
            model.refresh();
            changed();
        });
        canvas.heightProperty().addListener(o -> changed());
        info.setId("timelineInfo");
        info.setWrapText(true);
        info.setMaxWidth(360);
        palette(org.doorstep.ui.common.Theme.darkInUse());
        info.textProperty().bind(model.infoProperty());
        thumbnail.setFitWidth(160);
        thumbnail.setPreserveRatio(true);
        thumbnail.setId("timelineThumbnail");
        infoBox.setPadding(new Insets(6));
        infoBox.setStyle("-fx-background-color: rgba(20,20,22,0.92); -fx-background-radius: 6;");
        infoBox.setMouseTransparent(true);
        infoBox.setVisible(false);
        infoBox.setManaged(false);
        pane.getChildren().addAll(canvas, infoBox);

        model.viewportProperty().addListener(o -> changed());
        model.overviewProperty().addListener(o -> changed());
        model.keptProperty().addListener(o -> changed());
        model.playheadProperty().addListener(o -> changed());
        model.selectionProperty().addListener(o -> changed());
        model.focusedProperty().addListener(o -> changed());
        model.shownProperty().addListener((o, was, item) -> {
            changed();
            placeInfo(item);
        });
        model.thumbnailProperty().addListener((o, was, jpeg) -> {
            thumbnail.setImage(jpeg == null ? null : new Image(new ByteArrayInputStream(jpeg)));
            thumbnail.setVisible(jpeg != null);
            thumbnail.setManaged(jpeg != null);
            placeInfo(model.shownProperty().get());
        });
        thumbnail.setVisible(false);
        thumbnail.setManaged(false);

        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            if (e.getZoomFactor() > 0) {
                model.zoom(1 / e.getZoomFactor(), anchor(e.getX()));
            }
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        canvas.focusedProperty().addListener((o, was, has) -> changed());

        timer = new AnimationTimer() {
            @Override
            public void handle(long nanos) {
                frame();
            }
        };
        pane.sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    public Node node() {
        return pane;
    }

    private void palette(boolean darkTheme) {
        dark = darkTheme;
        background = Color.web(darkTheme ? "#1e1f22" : "#f6f8fa");
        lane = Color.web(darkTheme ? "#2b2d31" : "#e6e9ed");
        textColour = Color.web(darkTheme ? "#c8ccd0" : "#1f2328");
        muted = Color.web(darkTheme ? "#9aa0a6" : "#59636e");
        grid = Color.web(darkTheme ? "#3a3d42" : "#d0d7de");
        nowColour = Color.web(darkTheme ? "#f2f2f2" : "#1f2328");
        focus = Color.web(darkTheme ? "#ffffff" : "#0969da");
        keptColour = Color.web(darkTheme ? "#c297ff" : "#8250df");
        info.setTextFill(textColour);
    }

    Canvas canvas() {
        return canvas;
    }

    /** One animation pulse: follow now, then redraw only if something changed (the now cursor moved a pixel). */
    void frame() {
        boolean darkNow = org.doorstep.ui.common.Theme.darkInUse();
        if (darkNow != dark || background == null) {
            palette(darkNow);
            dirty = true;
        }
        model.followNow();
        long nowPixel = Math.round(x(model.now()));
        if (nowPixel != lastNowPixel) {
            lastNowPixel = nowPixel;
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            draw();
        }
    }

    private void changed() {
        dirty = true;
    }

    private int columns() {
        return (int) Math.max(1, Math.round(timeWidth()));
    }

    private double timeWidth() {
        return Math.max(1, canvas.getWidth() - LABEL_WIDTH - RIGHT_PAD);
    }

    private double x(Instant t) {
        return LABEL_WIDTH + model.viewport().fraction(t) * timeWidth();
    }

    private Instant at(double x) {
        return model.viewport().at((x - LABEL_WIDTH) / timeWidth());
    }

    private double anchor(double x) {
        return Math.max(0, Math.min(1, (x - LABEL_WIDTH) / timeWidth()));
    }

    private double laneHeight() {
        TimelineService.Overview o = model.overviewProperty().get();
        int lanes = o == null ? 1 : Math.max(1, o.lanes().size());
        return Math.max(MIN_LANE, Math.min(MAX_LANE, (canvas.getHeight() - RULER - 4) / lanes));
    }

    private int laneAt(double y) {
        return y < RULER ? -1 : (int) ((y - RULER) / laneHeight());
    }

    // ---- input

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            model.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, anchor(e.getX()));
        } else if (e.getDeltaX() != 0) {
            model.pan(-e.getDeltaX() / timeWidth());
        }
        e.consume();
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        pressX = e.getX();
        lastDragX = e.getX();
        pressAt = at(e.getX());
        moved = false;
        Instant head = model.playheadProperty().get();
        if (e.isShiftDown()) {
            drag = Drag.SELECT;
        } else if (head != null && Math.abs(x(head) - e.getX()) <= GRAB && e.getX() >= LABEL_WIDTH) {
            drag = Drag.SCRUB;
        } else {
            drag = Drag.PAN;
        }
        // a touch has no hover: pressing shows what is under the finger
        hover(e.getX(), e.getY());
    }

    private void dragged(MouseEvent e) {
        if (Math.abs(e.getX() - pressX) >= CLICK_SLOP) {
            moved = true;
        }
        if (!moved) {
            return;
        }
        switch (drag) {
            case PAN -> model.pan((lastDragX - e.getX()) / timeWidth());
            case SCRUB -> model.scrub(at(Math.max(LABEL_WIDTH, e.getX())));
            case SELECT -> model.select(pressAt, at(Math.max(LABEL_WIDTH, e.getX())));
            default -> { }
        }
        lastDragX = e.getX();
    }

    private void released(MouseEvent e) {
        Drag was = drag;
        drag = Drag.NONE;
        if (was == Drag.SELECT && moved) {
            model.finishSelection();
        } else if (was == Drag.SCRUB && moved) {
            model.play(at(Math.max(LABEL_WIDTH, e.getX())));
        } else if (!moved && e.getX() >= LABEL_WIDTH) {
            model.play(at(e.getX()));
        }
    }

    private void hover(double px, double py) {
        int lane = laneAt(py);
        if (lane < 0 || px < LABEL_WIDTH) {
            model.clearHover();
            return;
        }
        Duration tolerance = Duration.ofMillis(Math.max(1, Math.round(GRAB / timeWidth()
                * model.viewport().span().toMillis())));
        model.hover(lane, at(px), tolerance);
    }

    private void key(KeyEvent e) {
        boolean handled = switch (e.getCode()) {
            case RIGHT -> model.focusNext();
            case LEFT -> model.focusPrevious();
            case ENTER -> model.playFocused();
            case PLUS, EQUALS, ADD -> {
                model.zoomIn();
                yield true;
            }
            case MINUS, SUBTRACT -> {
                model.zoomOut();
                yield true;
            }
            case ESCAPE -> {
                model.clearSelection();
                yield true;
            }
            default -> false;
        };
        if (handled) {
            e.consume();
        }
    }

    private void placeInfo(TimelineViewModel.Item item) {
        if (item == null) {
            infoBox.setVisible(false);
            return;
        }
        infoBox.autosize();
        double w = infoBox.prefWidth(-1);
        double h = infoBox.prefHeight(w);
        double px = Math.max(LABEL_WIDTH, Math.min(canvas.getWidth() - w - 4, x(item.start()) + 8));
        double laneTop = RULER + item.lane() * laneHeight();
        double py = laneTop + laneHeight() + h < canvas.getHeight() ? laneTop + laneHeight() : Math.max(0, laneTop - h);
        infoBox.resizeRelocate(px, py, w, h);
        infoBox.setVisible(true);
    }

    // ---- drawing

    /** Draws the whole timeline into the canvas; timed by the benchmark. */
    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background);
        g.fillRect(0, 0, w, h);
        TimelineViewModel.Viewport v = model.viewport();
        drawRuler(g, v, h);
        TimelineService.Overview o = model.overviewProperty().get();
        if (o == null || o.lanes().isEmpty()) {
            g.setFill(muted);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(text.get("timeline.empty"), LABEL_WIDTH, RULER + 24);
        } else {
            double lane = laneHeight();
            List<TimelineService.Lane> lanes = o.lanes();
            g.save();
            g.beginPath();
            g.rect(LABEL_WIDTH, 0, timeWidth(), h);
            g.clip();
            for (int i = 0; i < lanes.size(); i++) {
                drawLane(g, o.buckets(), lanes.get(i).track(), RULER + i * lane, lane);
                drawKept(g, lanes.get(i).camera(), RULER + i * lane, lane);
            }
            g.restore();
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(textColour);
            for (int i = 0; i < lanes.size(); i++) {
                g.fillText(lanes.get(i).camera(), 8, RULER + i * lane + lane / 2 + 4, LABEL_WIDTH - 16);
            }
        }
        drawSelection(g, h);
        drawFocus(g);
        drawCursor(g, model.now(), nowColour, h, text.get("timeline.now"));
        Instant head = model.playheadProperty().get();
        if (head != null) {
            drawCursor(g, head, PLAYHEAD, h, null);
            double x = x(head);
            g.fillPolygon(new double[] {x - 6, x + 6, x}, new double[] {RULER - 8, RULER - 8, RULER}, 3);
        }
        if (canvas.isFocused()) {
            g.setStroke(RING);
            g.setLineWidth(2);
            g.strokeRect(1, 1, w - 2, h - 2);
            g.setLineWidth(1);
        }
    }

    private void drawLane(GraphicsContext g, TimeBuckets buckets, TimelineQuery.Track track, double top, double lane) {
        double barTop = top + 10;
        double barHeight = Math.max(4, lane - 22);
        g.setFill(this.lane);
        g.fillRect(LABEL_WIDTH, top + 6, timeWidth(), lane - 10);
        double bucketWidth = timeWidth() * buckets.bucketMs() / model.viewport().span().toMillis();
        double originX = x(buckets.from());
        // coverage: runs of fully recorded buckets are one rectangle; a partly recorded bucket is drawn shorter
        double[] coverage = track.coverage();
        g.setFill(RECORDED);
        int b = 0;
        while (b < coverage.length) {
            if (coverage[b] <= 0) {
                b++;
                continue;
            }
            if (coverage[b] >= 0.999) {
                int end = b;
                while (end + 1 < coverage.length && coverage[end + 1] >= 0.999) {
                    end++;
                }
                g.fillRect(originX + b * bucketWidth, barTop, (end - b + 1) * bucketWidth + 0.5, barHeight);
                b = end + 1;
            } else {
                double part = Math.max(2, barHeight * coverage[b]);
                g.fillRect(originX + b * bucketWidth, barTop + barHeight - part, Math.max(1, bucketWidth), part);
                b++;
            }
        }
        // the motion heat strip under the bar: brighter where more moved
        byte[] activity = track.activity();
        double stripTop = barTop + barHeight + 1;
        int i = 0;
        while (i < activity.length) {
            int level = heatLevel(activity[i]);
            int end = i;
            while (end + 1 < activity.length && heatLevel(activity[end + 1]) == level) {
                end++;
            }
            if (level > 0) {
                // neighbours of one shade are one rectangle: a month of activity is a few hundred, not 1,200 per lane
                g.setFill(HEAT[level]);
                g.fillRect(originX + i * bucketWidth, stripTop, Math.max(1, (end - i + 1) * bucketWidth), 5);
            }
            i = end + 1;
        }
        g.setFill(GAP);
        for (TimelineQuery.GapRun gap : track.gaps()) {
            double x0 = Math.max(LABEL_WIDTH - 2, x(gap.start()));
            double x1 = x(gap.end() == null ? model.now() : gap.end());
            g.fillRect(x0, barTop + barHeight / 3, Math.max(2, x1 - x0), barHeight / 3);
        }
        for (TimelineQuery.Cluster c : track.clusters()) {
            drawMarker(g, c, x(c.first()), top);
        }
    }

    /**
     * A kept clip on its camera's lane: a solid purple band along the lane's top edge, diagonal hatching over the
     * footage it holds, and a small flag at its start, so it reads without telling colours apart.
     */
    private void drawKept(GraphicsContext g, String camera, double top, double lane) {
        List<org.doorstep.usecase.keep.KeptClips.Kept> held = model.keptProperty().get();
        if (held.isEmpty()) {
            return;
        }
        double barTop = top + 10;
        double barHeight = Math.max(4, lane - 22);
        for (org.doorstep.usecase.keep.KeptClips.Kept k : held) {
            if (!k.camera().equals(camera)) {
                continue;
            }
            double x0 = Math.max(LABEL_WIDTH, x(k.from()));
            double x1 = Math.max(x0 + 3, x(k.to()));
            g.setFill(keptColour);
            g.fillRect(x0, top + 5, x1 - x0, 4);
            g.save();
            g.beginPath();
            g.rect(x0, barTop, x1 - x0, barHeight);
            g.clip();
            g.setStroke(keptColour);
            g.setLineWidth(1.5);
            for (double hx = x0 - barHeight; hx < x1; hx += 6) {
                g.strokeLine(hx, barTop + barHeight, hx + barHeight, barTop);
            }
            g.restore();
            g.setLineWidth(1);
            g.setFill(keptColour);
            g.fillPolygon(new double[] {x0, x0 + 8, x0}, new double[] {top + 1, top + 5, top + 9}, 3);
        }
    }

    /** Rings are a bell (the most prominent), motion a triangle, the camera's own motion a small square. */
    private void drawMarker(GraphicsContext g, TimelineQuery.Cluster c, double x, double top) {
        if (c.rings() > 0) {
            g.setFill(RING);
            g.fillArc(x - 7, top, 14, 16, 0, 180, ArcType.ROUND);
            g.fillRect(x - 7, top + 7, 14, 4);
            g.fillOval(x - 2.5, top + 10, 5, 5);
            g.setStroke(focus);
            g.strokeLine(x - 7, top + 11, x + 7, top + 11);
        } else if (c.motions() > 0) {
            g.setFill(MOTION);
            g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {top + 12, top + 12, top + 3}, 3);
        } else {
            g.setFill(CAMERA_MOTION);
            g.fillRect(x - 3, top + 5, 6, 6);
        }
        if (c.count() > 1) {
            g.setFill(textColour);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(Integer.toString(c.count()), x + 8, top + 12);
        }
    }

    private void drawSelection(GraphicsContext g, double h) {
        TimelineViewModel.Selection s = model.selectionProperty().get();
        if (s == null) {
            return;
        }
        double x0 = Math.max(LABEL_WIDTH, x(s.from()));
        double x1 = Math.min(LABEL_WIDTH + timeWidth(), x(s.to()));
        if (x1 > x0) {
            g.setFill(SELECTION);
            g.fillRect(x0, RULER, x1 - x0, h - RULER);
            g.setStroke(RING);
            g.strokeRect(x0, RULER, x1 - x0, h - RULER - 1);
        }
    }

    private void drawFocus(GraphicsContext g) {
        TimelineViewModel.Item f = model.focusedProperty().get();
        if (f == null) {
            return;
        }
        double top = RULER + f.lane() * laneHeight();
        double x0 = x(f.start());
        double x1 = f.isGap() ? x(f.end() == null ? model.now() : f.end()) : x0;
        g.setStroke(focus);
        g.setLineWidth(2);
        g.strokeRect(x0 - 9, top + 1, Math.max(18, x1 - x0 + 18), laneHeight() - 3);
        g.setLineWidth(1);
    }

    private void drawCursor(GraphicsContext g, Instant t, Color colour, double h, String label) {
        double x = x(t);
        if (x < LABEL_WIDTH || x > LABEL_WIDTH + timeWidth()) {
            return;
        }
        g.setStroke(colour);
        g.setFill(colour);
        g.strokeLine(x, RULER, x, h);
        if (label != null) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(label, x, RULER - 10 > 8 ? 10 : RULER - 2);
        }
    }

    private void drawRuler(GraphicsContext g, TimelineViewModel.Viewport v, double h) {
        Duration step = tickStep(v.span());
        DateTimeFormatter format = step.compareTo(Duration.ofMinutes(1)) < 0 ? seconds
                : step.compareTo(Duration.ofDays(1)) < 0 ? minutes : days;
        g.setStroke(grid);
        g.setFill(muted);
        g.setTextAlign(TextAlignment.CENTER);
        Instant t = firstTick(v.start(), step);
        while (!t.isAfter(v.end())) {
            double x = x(t);
            if (x >= LABEL_WIDTH) {
                g.strokeLine(x, RULER, x, h);
                ZonedDateTime local = t.atZone(model.zone());
                boolean midnight = local.toLocalTime().toSecondOfDay() == 0 && format != days;
                g.fillText((midnight ? days : format).format(t), x, RULER - 6);
            }
            t = nextTick(t, step);
        }
    }

    /** Tick steps that leave room for a label every ~90 pixels. */
    private Duration tickStep(Duration span) {
        double labels = Math.max(2, timeWidth() / 90);
        for (Duration s : TICKS) {
            if (span.toMillis() / (double) s.toMillis() <= labels) {
                return s;
            }
        }
        return TICKS[TICKS.length - 1];
    }

    /** The first tick at or after {@code from}, aligned to local midnight for day steps (and local hours). */
    private Instant firstTick(Instant from, Duration step) {
        ZonedDateTime local = from.atZone(model.zone());
        if (step.compareTo(Duration.ofDays(1)) >= 0) {
            ZonedDateTime day = local.truncatedTo(ChronoUnit.DAYS);
            return (day.toInstant().isBefore(from) ? day.plusDays(1) : day).toInstant();
        }
        ZonedDateTime day = local.truncatedTo(ChronoUnit.DAYS);
        long since = Duration.between(day, local).toMillis();
        long ticks = (since + step.toMillis() - 1) / step.toMillis();
        return day.toInstant().plusMillis(ticks * step.toMillis());
    }

    private Instant nextTick(Instant t, Duration step) {
        if (step.compareTo(Duration.ofDays(1)) >= 0) {
            return t.atZone(model.zone()).plusDays(step.toDays()).toInstant();
        }
        return t.plus(step);
    }
}
