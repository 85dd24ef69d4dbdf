package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window opens where and as big as it was closed, and a place off every screen is not used. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {
    private final Preferences node = Preferences.userRoot().node("org/doorstep/test/" + UUID.randomUUID());
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    @Test
    void remembersSizePlaceAndView(FxRobot robot) {
        WindowPlacement placement = new WindowPlacement(node);
        assertThat(placement.width()).isEqualTo(WindowPlacement.DEFAULT_WIDTH);
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(900);
            stage.setHeight(600);
            placement.save(stage);
        });
        placement.rememberView("single:Front door");

        WindowPlacement again = new WindowPlacement(node);
        assertThat(again.width()).isEqualTo(900);
        assertThat(again.height()).isEqualTo(600);
        assertThat(again.lastView("grid")).isEqualTo("single:Front door");
        robot.interact(() -> {
            stage.setX(500);
            again.restore(stage);
        });
        assertThat(stage.getX()).isEqualTo(40);
    }

    @Test
    void ignoresAPlaceThatNoScreenShows(FxRobot robot) {
        node.putDouble("x", 90_000);
        node.putDouble("y", 90_000);
        WindowPlacement placement = new WindowPlacement(node);
        robot.interact(() -> {
            stage.setX(10);
            placement.restore(stage);
        });
        assertThat(stage.getX()).isEqualTo(10);
        assertThat(placement.lastView("grid")).isEqualTo("grid");
    }
}
