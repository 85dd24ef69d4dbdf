package org.doorstep.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.doorstep.motion.MotionMaskJson;
import org.doorstep.ui.common.MaskEditorModel.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The editor driven like a user: clicks on the picture, a drag, the kind switch, keys. */
@ExtendWith(ApplicationExtension.class)
class MaskEditorTest {
    private MaskEditor editor;

    @Start
    void start(Stage stage) {
        editor = MaskEditor.of(new MaskEditorModel(), Locale.ENGLISH);
        editor.picture(new WritableImage(320, 180));
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(editor.node()), 700, 460));
        stage.show();
    }

    private void clickAt(FxRobot robot, double x, double y) {
        Point2D p = editor.canvas().localToScreen(editor.toCanvas(x, y));
        robot.clickOn(p, MouseButton.PRIMARY);
    }

    @Test
    void drawsAPrivacyMaskByMouseThenDragsAPointAndDeletesByKey(FxRobot robot) {
        robot.clickOn("#maskKindPrivacy");
        clickAt(robot, 0.1, 0.1);
        clickAt(robot, 0.4, 0.1);
        clickAt(robot, 0.4, 0.5);
        clickAt(robot, 0.1, 0.1);
        MaskEditorModel m = editor.model();
        assertThat(m.shapes()).hasSize(1);
        assertThat(m.shapes().get(0).kind()).isEqualTo(Kind.PRIVACY);
        assertThat(MotionMaskJson.parse(m.privacyJson()).excluded()).hasSize(1);

        Point2D from = editor.canvas().localToScreen(editor.toCanvas(0.4, 0.5));
        Point2D to = editor.canvas().localToScreen(editor.toCanvas(0.6, 0.8));
        robot.drag(from, MouseButton.PRIMARY).dropTo(to);
        MaskEditorModel.Point moved = m.shapes().get(0).points().get(2);
        assertThat(moved.x()).isBetween(0.58, 0.62);
        assertThat(moved.y()).isBetween(0.78, 0.82);

        robot.clickOn("#maskKindDetection"); // turns the selected shape into a detection mask
        assertThat(m.privacyJson()).isNull();
        assertThat(m.detectionJson()).isNotNull();
        clickAt(robot, 0.3, 0.2); // inside: selects the shape and gives the canvas the keyboard
        assertThat(m.selected()).isZero();
        robot.type(KeyCode.DELETE);
        assertThat(m.shapes()).isEmpty();
    }
}
