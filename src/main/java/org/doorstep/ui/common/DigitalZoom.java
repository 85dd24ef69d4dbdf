package org.doorstep.ui.common;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/**
 * Digital zoom of a {@link VideoSurface}: Ctrl+wheel or pinch zooms 1–8× around the pointer, a double-click zooms in
 * 2× there (and back to 1× from 8×), dragging pans while zoomed. The zoomed part is the image view's viewport, kept
 * as fractions of the picture, so it stays put across frames, size changes and a switch to another stream; the
 * surface asks its producer for a bigger picture while zoomed so the detail is real.
 */
public final class DigitalZoom {
    public static final double MAX = 8.0;

    private final VideoSurface surface;
    private final ImageView view;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    /** Centre of the shown part, as fractions of the picture's width and height. */
    private double centreX = 0.5;
    private double centreY = 0.5;
    private double dragX;
    private double dragY;

    public DigitalZoom(VideoSurface surface) {
        this.surface = surface;
        this.view = surface.imageView();
        Node node = surface.node();
        node.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        node.addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAround(zoom.get() * e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        node.addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        node.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        node.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        zoom.addListener((o, was, now) -> {
            double clamped = clamp(now.doubleValue(), 1.0, MAX);
            if (clamped != now.doubleValue()) {
                zoom.set(clamped);
                return;
            }
            surface.setMagnification(clamped);
            apply();
        });
        view.imageProperty().addListener((o, was, now) -> {
            if (was == null || now == null || was.getWidth() != now.getWidth() || was.getHeight() != now.getHeight()) {
                apply();
            }
        });
    }

    /** 1.0 (whole picture) to 8.0. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Back to the whole picture. */
    public void reset() {
        centreX = 0.5;
        centreY = 0.5;
        zoom.set(1.0);
        apply();
    }

    /**
     * Zooms to {@code factor} keeping the picture point under ({@code x}, {@code y}) (the surface node's coordinates)
     * where it is.
     */
    public void zoomAround(double factor, double x, double y) {
        double target = clamp(factor, 1.0, MAX);
        Bounds shown = view.getBoundsInParent();
        if (shown.getWidth() <= 0 || shown.getHeight() <= 0) {
            zoom.set(target);
            return;
        }
        double fx = clamp((x - shown.getMinX()) / shown.getWidth(), 0, 1);
        double fy = clamp((y - shown.getMinY()) / shown.getHeight(), 0, 1);
        double old = zoom.get();
        // the picture point under the pointer, as a fraction of the whole picture
        double px = centreX - 0.5 / old + fx / old;
        double py = centreY - 0.5 / old + fy / old;
        centreX = px - fx / target + 0.5 / target;
        centreY = py - fy / target + 0.5 / target;
        if (target == old) {
            apply();
        } else {
            zoom.set(target);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (!e.isShortcutDown() && !e.isControlDown()) {
            return;
        }
        zoomAround(zoom.get() * Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        e.consume();
    }

    private void onClick(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2) {
            return;
        }
        if (zoom.get() >= MAX) {
            reset();
        } else {
            zoomAround(zoom.get() * 2, e.getX(), e.getY());
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        if (zoom.get() <= 1.0) {
            return;
        }
        Bounds shown = view.getBoundsInParent();
        if (shown.getWidth() > 0 && shown.getHeight() > 0) {
            centreX -= (e.getX() - dragX) / shown.getWidth() / zoom.get();
            centreY -= (e.getY() - dragY) / shown.getHeight() / zoom.get();
            apply();
        }
        dragX = e.getX();
        dragY = e.getY();
        e.consume();
    }

    /** Sets the viewport from zoom and centre, keeping the shown part inside the picture. */
    private void apply() {
        double z = zoom.get();
        double half = 0.5 / z;
        centreX = clamp(centreX, half, 1 - half);
        centreY = clamp(centreY, half, 1 - half);
        Image image = view.getImage();
        if (image == null || z <= 1.0) {
            view.setViewport(null);
            return;
        }
        double w = image.getWidth();
        double h = image.getHeight();
        view.setViewport(new Rectangle2D((centreX - half) * w, (centreY - half) * h, w / z, h / z));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
