package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** App settings → "Save processor time while nothing moves" → Save: stored, with what it costs said beside it. */
@ExtendWith(ApplicationExtension.class)
class KeyframesWhileStillViewTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        workspace = new Launcher().open(Files.createTempDirectory("doorstep-keyframes").resolve("data"),
                "keyframes view test");
        pool = UiExecutors.backgroundPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        workspace.close();
    }

    private void show(FxRobot robot, Locale locale) {
        UiExecutors executors = UiExecutors.forWindow(pool);
        robot.interact(() -> {
            Messages text = Messages.of("settings", locale);
            AppSettingsViewModel model = new AppSettingsViewModel(workspace.appSettings(), executors, text);
            stage.setScene(new Scene(new AppSettingsView(model, text).node(), 560, 700));
            stage.show();
            model.load();
        });
    }

    @Test
    void tickedAndSavedItIsStoredAndSaysWhatItCosts(FxRobot robot) {
        show(robot, Locale.ENGLISH);
        CheckBox box = robot.lookup("#appKeyframesWhileStill").queryAs(CheckBox.class);
        Label note = robot.lookup("#appKeyframesWhileStillNote").queryAs(Label.class);
        assertThat(box.getText()).isEqualTo("Save processor time while nothing moves");
        assertThat(box.isSelected()).isFalse();
        assertThat(note.getText()).contains("noticed up to one keyframe interval later")
                .contains("Recording is not affected");

        robot.clickOn("#appKeyframesWhileStill");
        robot.clickOn("#appSave");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> workspace.appSettings().current().keyframesWhileStill());
    }

    @Test
    void inGerman(FxRobot robot) {
        show(robot, Locale.GERMAN);
        assertThat(robot.lookup("#appKeyframesWhileStill").queryAs(CheckBox.class).getText())
                .isEqualTo("Rechenzeit sparen, solange sich nichts bewegt");
        assertThat(robot.lookup("#appKeyframesWhileStillNote").queryAs(Label.class).getText())
                .contains("Schlüsselbildabstand später bemerkt");
    }
}
