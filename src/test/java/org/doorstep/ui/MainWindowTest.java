package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Runs headless under Monocle in CI (see the surefire argLine). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(Messages.of("ui", Locale.ENGLISH), (from, to) -> List.of());
        window.show(stage);
    }

    @Test
    void showsTheCamerasAndTheirCount(FxRobot robot) {
        robot.interact(() -> window.showCameras(List.of(
                Camera.newCamera("Front door", URI.create("rtsp://10.0.0.2/a"), null, null, null),
                Camera.newCamera("Shop", URI.create("rtsp://10.0.0.3/a"), null, null, null))));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#cameraList").queryAs(ListView.class);
        assertThat(list.getItems()).extracting(Object::toString).containsExactly("Front door", "Shop");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("2 cameras");
        assertThat(robot.lookup("#timeline").tryQuery()).isPresent();
    }

    @Test
    void wheelZoomsTheTimelineWithinItsLimits(FxRobot robot) {
        java.time.Duration before = window.timeline().span();
        robot.moveTo("#timeline").scroll(2, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        java.time.Duration zoomed = window.timeline().span();
        assertThat(zoomed).isNotEqualTo(before);
        for (int i = 0; i < 60; i++) {
            robot.interact(() -> window.timeline().zoom(1.25));
        }
        assertThat(window.timeline().span()).isEqualTo(TimelineView.MAX_SPAN);
        for (int i = 0; i < 60; i++) {
            robot.interact(() -> window.timeline().zoom(0.8));
        }
        assertThat(window.timeline().span()).isEqualTo(TimelineView.MIN_SPAN);
    }

    @Test
    void emptyListExplainsHowToAddACamera(FxRobot robot) {
        robot.interact(() -> window.showCameras(List.of()));
        ListView<?> list = robot.lookup("#cameraList").queryAs(ListView.class);
        assertThat(list.getItems()).isEmpty();
        assertThat(((Label) list.getPlaceholder()).getText()).contains("doorstep camera add");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("No cameras");
    }
}
