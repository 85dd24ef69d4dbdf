package org.doorstep.ui.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.doorstep.common.Messages;
import org.doorstep.store.TimelineQuery;
import org.doorstep.usecase.timeline.TimelineService;

/**
 * The timeline: one row per camera showing what was recorded, the gaps (camera away, wrong password…),
 * motion and doorbell rings. The mouse wheel zooms from minutes to a week; dragging looks back in time.
 */
public final class TimelineView {
    public static final Duration MIN_SPAN = Duration.ofMinutes(2);
    public static final Duration MAX_SPAN = Duration.ofDays(7);
    private static final double LABEL_WIDTH = 130;
    private static final double ROW_HEIGHT = 46;
    private static final double TOP = 16;

    private final Pane pane = new Pane();
    private final Canvas canvas = new Canvas();
    private final Messages text;
    private final ZoneId zone;
    private List<TimelineService.Row> rows = List.of();
    private Duration span = Duration.ofMinutes(10);
    private Instant end = Instant.now();
    private boolean followNow = true;
    private double dragStartX = Double.NaN;
    private Instant dragStartEnd;
    private Consumer<TimelineView> onViewportChanged = v -> { };

    public TimelineView(Messages text) {
        this(text, ZoneId.systemDefault());
    }

    public TimelineView(Messages text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
        pane.setId("timeline");
        pane.getChildren().add(canvas);
        pane.setPrefHeight(180);
        pane.setMinHeight(120);
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        canvas.setOnScroll(e -> zoom(e.getDeltaY() > 0 ? 0.8 : 1.25));
        canvas.setOnMousePressed(e -> {
            dragStartX = e.getX();
            dragStartEnd = end;
        });
        canvas.setOnMouseDragged(e -> {
            double width = Math.max(1, canvas.getWidth() - LABEL_WIDTH);
            long shiftMs = (long) ((dragStartX - e.getX()) / width * span.toMillis());
            Instant newEnd = dragStartEnd.plusMillis(shiftMs);
            Instant now = Instant.now();
            followNow = !newEnd.isBefore(now.minusSeconds(2));
            end = followNow ? now : newEnd;
            changed();
        });
    }

    public Node node() {
        return pane;
    }

    /** Zooms by {@code factor} (&lt; 1 zooms in), keeping the right edge where it is. */
    public void zoom(double factor) {
        long ms = (long) (span.toMillis() * factor);
        span = Duration.ofMillis(Math.max(MIN_SPAN.toMillis(), Math.min(MAX_SPAN.toMillis(), ms)));
        changed();
    }

    public Duration span() {
        return span;
    }

    public Instant viewStart() {
        return viewEnd().minus(span);
    }

    public Instant viewEnd() {
        return followNow ? Instant.now() : end;
    }

    public void onViewportChanged(Consumer<TimelineView> listener) {
        this.onViewportChanged = listener;
    }

    public void show(List<TimelineService.Row> newRows) {
        this.rows = List.copyOf(newRows);
        draw();
    }

    private void changed() {
        draw();
        onViewportChanged.accept(this);
    }

    private double x(Instant t, Instant from, double width) {
        double f = (double) Duration.between(from, t).toMillis() / span.toMillis();
        return LABEL_WIDTH + Math.max(0, Math.min(1, f)) * width;
    }

    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1e1f22"));
        g.fillRect(0, 0, w, h);
        Instant to = viewEnd();
        Instant from = to.minus(span);
        double width = w - LABEL_WIDTH - 12;
        drawRuler(g, from, to, width, h);
        if (rows.isEmpty()) {
            g.setFill(Color.web("#9aa0a6"));
            g.fillText(text.get("timeline.empty"), LABEL_WIDTH, TOP + 24);
            return;
        }
        double y = TOP;
        for (TimelineService.Row row : rows) {
            g.setFill(Color.web("#c8ccd0"));
            g.fillText(row.camera(), 8, y + ROW_HEIGHT / 2 + 4, LABEL_WIDTH - 16);
            g.setFill(Color.web("#2b2d31"));
            g.fillRect(LABEL_WIDTH, y + 8, width, ROW_HEIGHT - 16);
            g.setFill(Color.web("#3d8b5a"));
            for (TimelineQuery.Span s : row.window().recorded()) {
                double x0 = x(s.start(), from, width);
                g.fillRect(x0, y + 12, Math.max(1, x(s.end(), from, width) - x0), ROW_HEIGHT - 24);
            }
            g.setFill(Color.web("#b3261e"));
            for (TimelineQuery.Gap gap : row.window().gaps()) {
                double x0 = x(gap.start(), from, width);
                Instant gapEnd = gap.end() == null ? to : gap.end();
                g.fillRect(x0, y + 12, Math.max(2, x(gapEnd, from, width) - x0), ROW_HEIGHT - 24);
            }
            for (TimelineQuery.Mark m : row.window().events()) {
                double x0 = x(m.start(), from, width);
                if ("ring".equals(m.type())) {
                    g.setFill(Color.web("#4a90e2"));
                    g.fillPolygon(new double[] {x0, x0 + 6, x0, x0 - 6}, new double[] {y + 2, y + 9, y + 16, y + 9}, 4);
                } else {
                    g.setFill(Color.web("#e8710a"));
                    double x1 = Math.max(x0 + 2, x(m.end(), from, width));
                    g.fillRect(x0, y + ROW_HEIGHT - 14, x1 - x0, 6);
                }
            }
            y += ROW_HEIGHT;
        }
    }

    private void drawRuler(GraphicsContext g, Instant from, Instant to, double width, double h) {
        Duration step = tickStep();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(span.compareTo(Duration.ofDays(2)) > 0 ? "EEE HH:mm" : "HH:mm")
                .withZone(zone);
        long first = (from.toEpochMilli() / step.toMillis() + 1) * step.toMillis();
        g.setStroke(Color.web("#3a3d42"));
        g.setFill(Color.web("#9aa0a6"));
        for (long t = first; t < to.toEpochMilli(); t += step.toMillis()) {
            double x = x(Instant.ofEpochMilli(t), from, width);
            g.strokeLine(x, TOP, x, h - 24);
            g.fillText(format.format(Instant.ofEpochMilli(t)), x - 16, h - 8);
        }
    }

    private Duration tickStep() {
        Duration[] steps = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1)};
        for (Duration s : steps) {
            if (span.toMillis() / s.toMillis() <= 10) {
                return s;
            }
        }
        return Duration.ofDays(1);
    }
}
