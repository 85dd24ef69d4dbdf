package org.doorstep.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.doorstep.common.Messages;

/**
 * The keyboard shortcuts, over the window (F1 or ?): what a user can press, in one place, so the tooltips are not
 * the only way to learn them. Esc, a click outside or F1 again closes it.
 */
public final class HelpOverlay {
    /** A key and what it does, as shown. */
    public record Shortcut(String keys, String action) {}

    static final List<String> SHORTCUT_KEYS = List.of("play", "step", "speed", "zoom", "fullscreen", "camera",
            "grid", "still", "live", "help");

    private final StackPane overlay = new StackPane();

    public HelpOverlay(Messages text) {
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(8);
        int row = 0;
        for (Shortcut s : shortcuts(text)) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("help-keys");
            keys.setStyle("-fx-font-weight: bold; -fx-font-family: monospace;");
            grid.addRow(row++, keys, new Label(s.action()));
        }
        Label title = new Label(text.get("help.title"));
        title.getStyleClass().add("title-3");
        Button close = new Button(text.get("help.close"));
        close.setId("helpClose");
        close.setOnAction(e -> hide());
        VBox card = new VBox(14, title, grid, close);
        card.setId("helpCard");
        card.setPadding(new Insets(22));
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        card.setStyle("-fx-background-color: -color-bg-default; -fx-background-radius: 8;"
                + " -fx-border-color: -color-border-default; -fx-border-radius: 8;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.35), 24, 0, 0, 6);");
        card.setOnMouseClicked(e -> e.consume());
        overlay.getChildren().add(card);
        overlay.setAlignment(Pos.CENTER);
        overlay.setStyle("-fx-background-color: rgba(0,0,0,0.35);");
        overlay.setId("helpOverlay");
        overlay.setAccessibleText(text.get("help.title"));
        overlay.setOnMouseClicked(e -> hide());
        overlay.setVisible(false);
    }

    /** Every shortcut with its description, in the window's language. */
    public static List<Shortcut> shortcuts(Messages text) {
        return SHORTCUT_KEYS.stream()
                .map(k -> new Shortcut(text.get("help.key." + k), text.get("help.action." + k)))
                .toList();
    }

    public Node node() {
        return overlay;
    }

    public boolean showing() {
        return overlay.isVisible();
    }

    public void toggle() {
        overlay.setVisible(!overlay.isVisible());
        if (overlay.isVisible()) {
            overlay.toFront();
            overlay.requestFocus();
        }
    }

    public void hide() {
        overlay.setVisible(false);
    }
}
