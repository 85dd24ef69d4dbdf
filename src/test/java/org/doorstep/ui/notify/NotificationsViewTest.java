package org.doorstep.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class NotificationsViewTest {
    @TempDir
    static Path dir;
    private NotificationSettings settings;

    @Start
    void start(Stage stage) {
        settings = new NotificationSettings(dir.resolve("notifications-" + System.nanoTime() + ".json"));
        NotificationsViewModel model = new NotificationsViewModel(settings,
                () -> List.of(new NotificationsViewModel.CameraRef(4, "Haustür")), UiExecutors.direct(),
                Messages.of("desktop", Locale.GERMAN));
        NotificationsView view = new NotificationsView(model, Messages.of("desktop", Locale.GERMAN));
        model.load();
        stage.setScene(new Scene(view.node(), 560, 400));
        stage.show();
    }

    @Test
    void switchesAndQuietHoursAreSavedFromTheWindowInGerman(FxRobot robot) {
        assertThat(robot.lookup("#notifyRings").queryAs(CheckBox.class).getText())
                .isEqualTo("Wenn es an der Tür klingelt");
        TextField from = robot.lookup("#notifyFrom-4").queryAs(TextField.class);
        assertThat(from.isDisabled()).isTrue(); // no quiet hours yet
        robot.clickOn("#notifyLost");
        robot.clickOn("#notifyQuiet-4");
        assertThat(from.isDisabled()).isFalse();
        robot.interact(() -> from.setText("22:15"));
        robot.clickOn("#notifySave");
        assertThat(robot.lookup("#notifyMessage").queryAs(Label.class).getText()).startsWith("Gespeichert");
        assertThat(settings.cameraLost()).isFalse();
        assertThat(settings.rings()).isTrue();
        assertThat(settings.quietHours(4)).map(Object::toString).contains("22:15-07:00");
    }

    @Test
    void aWrongTimeIsMarkedAtTheCamera(FxRobot robot) {
        robot.clickOn("#notifyQuiet-4");
        TextField to = robot.lookup("#notifyTo-4").queryAs(TextField.class);
        robot.interact(() -> to.setText("spät"));
        robot.clickOn("#notifySave");
        Label error = robot.lookup("#notifyError-4").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("HH:MM");
        assertThat(settings.all()).isEmpty();
    }
}
