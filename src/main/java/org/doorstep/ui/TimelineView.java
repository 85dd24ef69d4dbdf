package org.doorstep.ui;

import java.time.LocalTime;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.doorstep.i18n.Messages;

/** The day timeline: an hour ruler across the width; recordings and events are drawn onto it as they exist. */
public final class TimelineView {
    private final Pane pane = new Pane();
    private final Canvas canvas = new Canvas();
    private final Messages text;

    public TimelineView(Messages text) {
        this.text = text;
        pane.setId("timeline");
        pane.getChildren().add(canvas);
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
    }

    public Node node() {
        return pane;
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1e1f22"));
        g.fillRect(0, 0, w, h);
        double margin = 24;
        double rulerY = h - 40;
        g.setStroke(Color.web("#9aa0a6"));
        g.strokeLine(margin, rulerY, w - margin, rulerY);
        g.setFill(Color.web("#c8ccd0"));
        for (int hour = 0; hour <= 24; hour += 3) {
            double x = margin + (w - 2 * margin) * hour / 24.0;
            g.strokeLine(x, rulerY - 6, x, rulerY + 6);
            g.fillText(String.format("%02d:00", hour % 24), x - 16, rulerY + 22);
        }
        double nowX = margin + (w - 2 * margin) * LocalTime.now().toSecondOfDay() / 86400.0;
        g.setStroke(Color.web("#e8710a"));
        g.strokeLine(nowX, 20, nowX, rulerY);
        g.setFill(Color.web("#9aa0a6"));
        g.fillText(text.get("timeline.empty"), margin, 40);
    }
}
