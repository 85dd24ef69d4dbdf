package org.doorstep.ui;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Remembers where the window was, how big, whether maximised, and which view it showed, in the user's preferences
 * (not in the data folder: it is about this desktop, not about recordings). A saved place that no longer fits on
 * any screen (a monitor was unplugged) is ignored, so the window never opens out of sight.
 */
public final class WindowPlacement {
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;
    private final Preferences node;

    public WindowPlacement(Preferences node) {
        this.node = node;
    }

    /** The node the desktop app uses: one per user, shared by every data folder. */
    public static WindowPlacement forUser() {
        return new WindowPlacement(Preferences.userRoot().node("org/doorstep/window"));
    }

    public double width() {
        return node.getDouble("width", DEFAULT_WIDTH);
    }

    public double height() {
        return node.getDouble("height", DEFAULT_HEIGHT);
    }

    /** Puts {@code stage} where it was last time; call before showing it. */
    public void restore(Stage stage) {
        double x = node.getDouble("x", Double.NaN);
        double y = node.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y) && visibleOnSomeScreen(x, y, width(), height())) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(node.getBoolean("maximized", false));
    }

    /** Keeps the stage's place whenever the window closes. */
    public void rememberOnClose(Stage stage) {
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> save(stage));
    }

    public void save(Stage stage) {
        node.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized() && !stage.isFullScreen()) {
            node.putDouble("x", stage.getX());
            node.putDouble("y", stage.getY());
            node.putDouble("width", stage.getWidth());
            node.putDouble("height", stage.getHeight());
        }
        flush();
    }

    /** The view shown last ("grid", "single:Front door", "player"), or {@code fallback}. */
    public String lastView(String fallback) {
        return node.get("view", fallback);
    }

    public void rememberView(String view) {
        node.put("view", view);
        flush();
    }

    public double divider(String name, double fallback) {
        return node.getDouble("divider." + name, fallback);
    }

    public void rememberDivider(String name, double position) {
        node.putDouble("divider." + name, position);
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the window still works; it only forgets its place
            LoggerFactory.getLogger(WindowPlacement.class).warn("window place not saved: {}", e.getMessage());
        }
    }

    private static boolean visibleOnSomeScreen(double x, double y, double w, double h) {
        Rectangle2D titleBar = new Rectangle2D(x + 20, y, Math.max(1, w - 40), 30);
        return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
    }
}
