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
    private final Label unlockedAs = new Label();
    private final javafx.scene.layout.FlowPane peopleRow = new javafx.scene.layout.FlowPane(6, 6);
    private final javafx.scene.control.ToggleGroup chosen = new javafx.scene.control.ToggleGroup();
    private final javafx.scene.layout.GridPane pinPad = new javafx.scene.layout.GridPane();
    private Timeline idle;
    private boolean rebuilding;

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
        hint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.people().isEmpty()
                ? text.get("ui.hint") : model.peopleText().get("ui.hint"), model.people()));
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
        buildPeople();
        VBox card = new VBox(8, title, hint, peopleRow, password, pinPad, unlock, problem);
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

        unlockedAs.setId("unlockedAs");
        unlockedAs.textProperty().bind(model.unlockedAsProperty());
        unlockedAs.setGraphic(Icons.of(Material2AL.ACCOUNT_CIRCLE));
        unlockedAs.setTooltip(new Tooltip());
        unlockedAs.getTooltip().textProperty().bind(model.unlockedTipProperty());
        javafx.beans.binding.BooleanBinding someone = model.unlockedAsProperty().isNotNull();
        unlockedAs.visibleProperty().bind(someone);
        unlockedAs.managedProperty().bind(someone);
    }

    /**
     * Who is unlocking: a button per person and one for the lock password (a shop counter picks a face rather than
     * typing a name), then a PIN pad under the field; the keyboard types into the field as well.
     */
    private void buildPeople() {
        Messages p = model.peopleText();
        peopleRow.setId("lockPeople");
        peopleRow.setAlignment(Pos.CENTER);
        peopleRow.setAccessibleText(p.get("ui.who"));
        model.people().addListener((javafx.collections.ListChangeListener<org.doorstep.usecase.lock.People.Member>)
                c -> showPeople());
        chosen.selectedToggleProperty().addListener((o, was, now) -> {
            if (rebuilding) {
                return; // the buttons are made anew (the list was read again): the choice stays
            }
            model.person.set(now == null ? null : (String) now.getUserData());
            password.requestFocus();
        });
        model.person.addListener((o, was, now) -> showChoice());
        pinPad.setId("lockPinPad");
        pinPad.setHgap(6);
        pinPad.setVgap(6);
        pinPad.setAlignment(Pos.CENTER);
        for (int d = 0; d <= 9; d++) {
            String digit = Integer.toString(d);
            Button b = new Button(digit);
            b.setId("pinDigit" + digit);
            b.setPrefSize(48, 40);
            b.setFocusTraversable(false); // the field keeps the focus, so the keyboard still types there
            b.setOnAction(e -> model.password.set(model.password.get() + digit));
            if (d == 0) {
                pinPad.add(b, 1, 3);
            } else {
                pinPad.add(b, (d - 1) % 3, (d - 1) / 3);
            }
        }
        Button back = new Button(null, Icons.of(Material2AL.BACKSPACE));
        back.setId("pinBackspace");
        back.setPrefSize(48, 40);
        back.setFocusTraversable(false);
        back.setAccessibleText(p.get("ui.clearDigit"));
        back.setTooltip(new Tooltip(p.get("ui.clearDigit")));
        back.setOnAction(e -> {
            String typed = model.password.get();
            model.password.set(typed.isEmpty() ? typed : typed.substring(0, typed.length() - 1));
        });
        pinPad.add(back, 2, 3);
        showPeople();
    }

    private void showPeople() {
        Messages p = model.peopleText();
        rebuilding = true;
        chosen.getToggles().clear();
        peopleRow.getChildren().clear();
        int i = 0;
        for (org.doorstep.usecase.lock.People.Member m : model.people()) {
            javafx.scene.control.ToggleButton b = new javafx.scene.control.ToggleButton(
                    model.personLabel(m.name(), m.role().id()), Icons.of(Material2AL.ACCOUNT_CIRCLE));
            b.setId("lockPerson" + i++);
            b.setUserData(m.name());
            b.setToggleGroup(chosen);
            peopleRow.getChildren().add(b);
        }
        javafx.scene.control.ToggleButton byPassword = new javafx.scene.control.ToggleButton(
                p.get("ui.passwordChoice"), Icons.of(Material2AL.LOCK_OPEN));
        byPassword.setId("lockChoosePassword");
        byPassword.setUserData(null);
        byPassword.setToggleGroup(chosen);
        peopleRow.getChildren().add(byPassword);
        boolean any = !model.people().isEmpty();
        peopleRow.setVisible(any);
        peopleRow.setManaged(any);
        for (javafx.scene.control.Toggle t : chosen.getToggles()) {
            if (java.util.Objects.equals(t.getUserData(), model.person.get())) {
                t.setSelected(true);
            }
        }
        rebuilding = false;
        showChoice();
    }

    private void showChoice() {
        Messages p = model.peopleText();
        String who = model.person.get();
        boolean pin = who != null && !who.isBlank();
        String prompt = pin ? p.get("ui.pinFor", who) : text.get("ui.password");
        password.setPromptText(prompt);
        password.setAccessibleText(prompt);
        pinPad.setVisible(pin);
        pinPad.setManaged(pin);
    }

    /**
     * "Unlocked: Anna (staff)", for the tool bar; shown while someone is unlocked by PIN, or (where people exist)
     * "Unlocked: lock password (owner)".
     */
    public Label unlockedLabel() {
        return unlockedAs;
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
