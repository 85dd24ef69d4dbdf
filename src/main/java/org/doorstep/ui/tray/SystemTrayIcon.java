package org.doorstep.ui.tray;

import java.awt.AWTException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.doorstep.usecase.desktop.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin AWT part of the tray: draws a {@link TrayMenuModel.State} into java.awt.SystemTray (Windows notification
 * area, macOS menu bar, Linux desktops with a StatusNotifier/XEmbed tray) and shows notifications as the tray's
 * messages. Text only: AWT cannot put a picture into them, which also keeps snapshots out of the OS's history.
 */
public final class SystemTrayIcon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemTrayIcon.class);

    /** What the menu and a click on a notification do; called on the AWT thread. */
    public interface Actions {
        void open();

        void openCamera(String camera);

        void quit();
    }

    private final TrayIcon icon;
    private final Image normal;
    private final Image problem;
    private final Actions actions;
    private final AtomicReference<String> lastNotified = new AtomicReference<>();

    private SystemTrayIcon(TrayIcon icon, Image normal, Image problem, Actions actions) {
        this.icon = icon;
        this.normal = normal;
        this.problem = problem;
        this.actions = actions;
    }

    /**
     * Starts AWT before JavaFX: AWT's X11 toolkit started after GTK (JavaFX's) sets its X error handler while GDK has
     * an error trap pushed, and GDK then prints a warning on the terminal. Linux only; nothing without a display.
     */
    public static void prepare() {
        try {
            boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
            if (linux && !GraphicsEnvironment.isHeadless()) { // macOS and Windows keep JavaFX's own order
                java.awt.Toolkit.getDefaultToolkit();
            }
        } catch (RuntimeException | Error e) {
            LOG.info("AWT not available: {}", e.toString());
        }
    }

    /** Puts the icon into the tray; empty where there is none (headless, a desktop without a tray). */
    public static Optional<SystemTrayIcon> install(TrayMenuModel.State state, Actions actions) {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        try {
            if (!SystemTray.isSupported()) {
                return Optional.empty();
            }
            BufferedImage normal = load();
            TrayIcon icon = new TrayIcon(normal, state.tooltip());
            icon.setImageAutoSize(true);
            SystemTrayIcon tray = new SystemTrayIcon(icon, normal, withProblemDot(normal), actions);
            // a click on the icon or on its last notification: that camera live, else the window
            icon.addActionListener(e -> {
                String camera = tray.lastNotified.getAndSet(null);
                if (camera != null) {
                    actions.openCamera(camera);
                } else {
                    actions.open();
                }
            });
            tray.show(state);
            SystemTray.getSystemTray().add(icon);
            return Optional.of(tray);
        } catch (AWTException | IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.info("no tray icon: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Redraws tooltip, icon and menu; from any thread. */
    public void show(TrayMenuModel.State state) {
        EventQueue.invokeLater(() -> {
            icon.setToolTip(state.tooltip());
            icon.setImage(state.problem() ? problem : normal);
            PopupMenu menu = new PopupMenu();
            for (TrayMenuModel.Item item : state.items()) {
                MenuItem m = new MenuItem(item.label());
                m.setEnabled(item.enabled());
                switch (item.id()) {
                    case TrayMenuModel.OPEN -> m.addActionListener(e -> actions.open());
                    case TrayMenuModel.QUIT -> m.addActionListener(e -> actions.quit());
                    default -> { }
                }
                if (item.id().equals(TrayMenuModel.QUIT)) {
                    menu.addSeparator();
                }
                menu.add(m);
            }
            icon.setPopupMenu(menu);
        });
    }

    /** Shows a notification; a click on it opens its camera live (where the OS reports the click). */
    public void notify(Notification n) {
        lastNotified.set(n.camera());
        EventQueue.invokeLater(() -> icon.displayMessage(n.title(), n.body(),
                n.kind() == Notification.Kind.RING ? TrayIcon.MessageType.INFO : TrayIcon.MessageType.WARNING));
    }

    /** A plain message (e.g. "still recording" when the window closes). */
    public void message(String title, String body) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, body, TrayIcon.MessageType.NONE));
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }

    private static BufferedImage load() throws IOException {
        try (InputStream in = SystemTrayIcon.class.getResourceAsStream("doorstep-64.png")) {
            if (in == null) {
                throw new IOException("tray icon missing");
            }
            return ImageIO.read(in);
        }
    }

    /** The icon with a red dot in its corner: a camera is lost or the disk has a problem. */
    static BufferedImage withProblemDot(BufferedImage base) {
        int size = base.getWidth();
        BufferedImage out = new BufferedImage(size, base.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(base, 0, 0, null);
        int d = size * 7 / 16;
        g.setColor(new Color(0xd93025));
        g.fillOval(size - d, 0, d, d);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1f, size / 32f)));
        g.drawOval(size - d, 0, d - 1, d - 1);
        g.dispose();
        return out;
    }
}
