package org.doorstep.ui.lock;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The lock screen: an opaque layer over the whole window while locked, with the password field; where the owner
 * lets live video stay, the shell hands the live view in ({@link #showLive}) and it fills the layer above the
 * password. Also "Lock now" for the tool bar, Ctrl+L, and the idle check.
 */
public final class LockView {
    private static final KeyCombination LOCK_NOW = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    private final LockViewModel model;
    private final Messages text;
    private final BorderPane root = new BorderPane();
    private final StackPane liveSlot = new StackPane();
    private final Label liveHidden;
    private final PasswordField password = new PasswordField();
    private final Button lockNow;
    private Timeline idle;

    public LockView(LockViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        root.setId("lockScreen");
        // opaque whatever the theme: nothing of the window (timeline, events) may show through; the stylesheet's
        // colour wins where the theme defines it, this plain one stays where it does not
        root.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                javafx.scene.paint.Color.web("#f6f8fa"), null, null)));
        root.setStyle("-fx-background-color: -color-bg-default;");
        root.visibleProperty().bind(model.lockedProperty());
        root.managedProperty().bind(model.lockedProperty());

        liveHidden = new Label(text.get("ui.liveHidden"), Icons.of(Material2AL.LOCK, 48));
        liveHidden.setId("lockLiveHidden");
        liveHidden.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        liveSlot.setId("lockLiveSlot");
        liveSlot.getChildren().add(liveHidden);
        root.setCenter(liveSlot);

        Label title = new Label(text.get("ui.title"), Icons.of(Material2AL.LOCK));
        title.setId("lockTitle");
        title.setStyle("-fx-font-size: 1.4em; -fx-font-weight: bold;");
        Label hint = new Label(text.get("ui.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(480);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        password.setId("lockPassword");
        password.setPromptText(text.get("ui.password"));
        password.setAccessibleText(text.get("ui.password"));
        password.setMaxWidth(280);
        password.textProperty().bindBidirectional(model.password);
        password.setOnAction(e -> model.unlock());
        Button unlock = new Button(text.get("ui.unlock"), Icons.of(Material2AL.LOCK_OPEN));
        unlock.setId("unlockButton");
        unlock.setDefaultButton(true);
        unlock.disableProperty().bind(model.busyProperty());
        unlock.setOnAction(e -> model.unlock());
        Label problem = new Label();
        problem.setId("lockProblem");
        problem.setStyle("-fx-text-fill: #cf222e;");
        problem.textProperty().bind(model.problemProperty());
        VBox card = new VBox(8, title, hint, password, unlock, problem);
        card.setId("lockCard");
        card.setAlignment(Pos.CENTER);
        card.setPadding(new Insets(16));
        card.setMaxWidth(520);
        root.setBottom(card);
        BorderPane.setAlignment(card, Pos.CENTER);
        model.lockedProperty().addListener((o, was, now) -> {
            if (now) {
                password.requestFocus();
            }
        });

        lockNow = new Button(null, Icons.of(Material2AL.LOCK));
        lockNow.setId("lockNow");
        lockNow.setTooltip(new Tooltip(text.get("ui.lockNow.tip")));
        lockNow.setAccessibleText(text.get("ui.lockNow"));
        lockNow.visibleProperty().bind(model.enabledProperty());
        lockNow.managedProperty().bind(model.enabledProperty());
        lockNow.setOnAction(e -> model.lockNow());
    }

    /** The lock screen layer, to lie over everything else in the window. */
    public Node node() {
        return root;
    }

    /** "Lock now", for the tool bar; shown only while a lock password is set. */
    public Button lockNowButton() {
        return lockNow;
    }

    /** Shows {@code live} (the live view, moved here by the shell) above the password; null: the "hidden" notice. */
    public void showLive(Node live) {
        liveSlot.getChildren().setAll(live == null ? liveHidden : live);
    }

    /** Input anywhere restarts the idle time; Ctrl+L locks; the idle time is checked every 15 seconds. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::input);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, this::input);
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, this::input);
        scene.addEventFilter(ScrollEvent.SCROLL, this::input);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (LOCK_NOW.match(e)) {
                model.lockNow();
                e.consume();
            }
        });
        idle = new Timeline(new KeyFrame(Duration.seconds(15), e -> model.checkIdle()));
        idle.setCycleCount(Timeline.INDEFINITE);
        idle.play();
    }

    private void input(InputEvent e) {
        model.touch();
    }

    /** Stops the idle check (the window closes). */
    public void stop() {
        if (idle != null) {
            idle.stop();
        }
        model.close();
    }
}
