package org.doorstep.ui.help;

import java.awt.Desktop;
import java.nio.file.Path;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2AL;

/** The window's help menu: keyboard shortcuts, open log folder, copy diagnostics, uninstall. */
public final class HelpMenu {
    private final MenuButton button;
    private final MenuItem uninstall;
    private Runnable onUninstall = () -> { };

    public HelpMenu(HelpMenuModel model, Messages text, Runnable shortcuts) {
        uninstall = new MenuItem(text.get("help.uninstall"));
        MenuItem keys = new MenuItem(text.get("help.shortcuts"));
        keys.setId("helpShortcuts");
        keys.setOnAction(e -> shortcuts.run());
        MenuItem logs = new MenuItem(text.get("help.openLogs"));
        logs.setId("helpOpenLogs");
        logs.setOnAction(e -> model.openLogFolder());
        MenuItem copy = new MenuItem(text.get("help.copyDiagnostics"));
        copy.setId("helpCopyDiagnostics");
        copy.disableProperty().bind(model.busy);
        copy.setOnAction(e -> model.copyDiagnostics(report -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(report);
            Clipboard.getSystemClipboard().setContent(content);
        }));
        uninstall.setId("helpUninstall");
        uninstall.setOnAction(e -> onUninstall.run());
        button = new MenuButton(null, Icons.of(Material2AL.HELP_CENTER), keys, logs, copy);
        button.setId("helpMenu");
        button.setTooltip(new Tooltip(text.get("help.menu")));
        button.setAccessibleText(text.get("help.menu"));
    }

    /** Offers "Uninstall Doorstep…" (after a separator), which runs {@code open}. */
    public void onUninstall(Runnable open) {
        this.onUninstall = open;
        if (!button.getItems().contains(uninstall)) {
            button.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), uninstall);
        }
    }

    public MenuButton node() {
        return button;
    }

    /** Opens a folder in the file manager (java.awt.Desktop; xdg-open where AWT has no desktop support). */
    public static void openFolder(Path folder) throws Exception {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(folder.toFile());
            return;
        }
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            new ProcessBuilder("xdg-open", folder.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true).start();
            return;
        }
        throw new UserException(folder.toString());
    }
}
