package org.doorstep.ui.live;

import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What is drawn over a camera's picture: its name, the state badge (icon and words, never colour alone), the
 * recording and disk marks, and on a ring a bell with a flashing frame (2 flashes a second, under the 3 that can
 * trigger seizures) that then stays lit for a while.
 */
final class TileOverlay {
    static final Duration FLASH_HALF_PERIOD = Duration.millis(250);
    static final int FLASHES = 8;
    static final Duration RING_SHOWN_AFTER_FLASHING = Duration.seconds(10);

    private final LiveTile tile;
    private final StackPane node = new StackPane();
    private final Region ringFrame = new Region();
    private final Label ringLabel;
    private final Label badge = new Label();
    private final Runnable ringShown;
    private final ChangeListener<TileBadge> onBadge;
    private final ChangeListener<Boolean> onRing;
    private SequentialTransition ringAnimation;

    TileOverlay(LiveTile tile, Messages text, Runnable ringShown) {
        this.tile = tile;
        this.ringShown = ringShown;
        node.getStyleClass().add("live-overlay");
        node.setPickOnBounds(false);

        Label name = new Label(tile.name());
        name.getStyleClass().add("live-name");
        badge.getStyleClass().add("live-badge");
        badge.setId("badge-" + tile.number());
        Label rec = new Label(text.get("badge.recording"), Icons.of(Material2AL.FIBER_MANUAL_RECORD, 12));
        rec.getStyleClass().add("live-rec");
        rec.visibleProperty().bind(tile.recordingProperty());
        rec.managedProperty().bind(rec.visibleProperty());
        Label disk = new Label(text.get("badge.diskProblem"), Icons.of(Material2MZ.SD_CARD, 12));
        disk.getStyleClass().addAll("live-badge", "live-problem");
        disk.visibleProperty().bind(tile.diskProblemProperty());
        disk.managedProperty().bind(disk.visibleProperty());
        HBox marks = new HBox(6, badge, rec, disk);
        marks.setAlignment(Pos.CENTER_LEFT);
        VBox corner = new VBox(4, name, marks);
        corner.setPadding(new Insets(6));
        corner.setPickOnBounds(false);
        corner.setMouseTransparent(true);
        BorderPane layout = new BorderPane();
        layout.setTop(corner);
        layout.setPickOnBounds(false);
        layout.setMouseTransparent(true);

        ringFrame.getStyleClass().add("live-ring-frame");
        ringFrame.setMouseTransparent(true);
        ringLabel = new Label(text.get("ring.label"), Icons.of(Material2MZ.NOTIFICATIONS_ACTIVE, 28));
        ringLabel.getStyleClass().add("live-ring");
        ringLabel.setId("ring-" + tile.number());
        ringLabel.setAccessibleRole(AccessibleRole.TEXT);
        ringLabel.setAccessibleText(text.get("ring.accessible", tile.name()));
        ringLabel.setMouseTransparent(true);
        // in a corner, not the middle: the visitor at the door is what one wants to see
        StackPane.setAlignment(ringLabel, Pos.TOP_RIGHT);
        StackPane.setMargin(ringLabel, new Insets(10));
        showRing(false);
        node.getChildren().addAll(layout, ringFrame, ringLabel);

        onBadge = (o, was, now) -> showBadge(now);
        onRing = (o, was, now) -> ring(now);
        tile.badgeProperty().addListener(onBadge);
        tile.ringingProperty().addListener(onRing);
        showBadge(tile.badgeProperty().get());
        ring(tile.ringingProperty().get());
    }

    Node node() {
        return node;
    }

    /** The badge label (tests). */
    Label badge() {
        return badge;
    }

    /** Stops listening (the tile's overlay is replaced). */
    void dispose() {
        tile.badgeProperty().removeListener(onBadge);
        tile.ringingProperty().removeListener(onRing);
        if (ringAnimation != null) {
            ringAnimation.stop();
        }
    }

    private void showBadge(TileBadge b) {
        if (b == null) {
            badge.setText("");
            badge.setGraphic(null);
            return;
        }
        badge.setText(b.text());
        badge.setGraphic(Icons.of(iconOf(b.kind()), 12));
        badge.getStyleClass().removeAll("live-problem", "live-ok", "live-waiting");
        badge.getStyleClass().add(b.problem() ? "live-problem" : b.kind() == TileBadge.Kind.LIVE ? "live-ok"
                : "live-waiting");
    }

    static Ikon iconOf(TileBadge.Kind kind) {
        return switch (kind) {
            case LIVE -> Material2MZ.VIDEOCAM;
            case CONNECTING -> Material2AL.HOURGLASS_EMPTY;
            case PAUSED -> Material2MZ.PAUSE;
            case UNREACHABLE -> Material2AL.LINK_OFF;
            case WRONG_PASSWORD -> Material2AL.LOCK;
            case STREAM_ENDED -> Material2MZ.SYNC_PROBLEM;
            case UNDECODABLE -> Material2AL.BROKEN_IMAGE;
            case NOT_ALLOWED -> Material2AL.ERROR_OUTLINE;
            case HIDDEN -> Material2MZ.VISIBILITY_OFF;
        };
    }

    private void ring(boolean ringing) {
        if (ringAnimation != null) {
            ringAnimation.stop();
            ringAnimation = null;
        }
        showRing(ringing);
        if (!ringing) {
            return;
        }
        Timeline flash = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(ringFrame.opacityProperty(), 1.0)),
                new KeyFrame(FLASH_HALF_PERIOD, new KeyValue(ringFrame.opacityProperty(), 0.15)),
                new KeyFrame(FLASH_HALF_PERIOD.multiply(2), new KeyValue(ringFrame.opacityProperty(), 1.0)));
        flash.setCycleCount(FLASHES);
        ringAnimation = new SequentialTransition(flash, new PauseTransition(RING_SHOWN_AFTER_FLASHING));
        ringAnimation.setOnFinished(e -> ringShown.run());
        ringAnimation.play();
    }

    private void showRing(boolean on) {
        ringFrame.setVisible(on);
        ringFrame.setOpacity(1.0);
        ringLabel.setVisible(on);
    }
}
