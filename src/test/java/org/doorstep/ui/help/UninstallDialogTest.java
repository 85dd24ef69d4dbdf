package org.doorstep.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.Uninstall;
import org.doorstep.usecase.erase.EraseScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class UninstallDialogTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;
    private App app;

    @Start
    void start(Stage ignored) throws Exception {
        app = App.open(new DataDir(dir), "test");
        Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null,
                null));
        new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                T0.plusSeconds(1), 100, null, null, null));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private UninstallDialog open(FxRobot robot, Locale locale) {
        UninstallViewModel model = new UninstallViewModel(
                new Uninstall(app.erase(), app.appSettings(), Uninstall.Removal.DEB, Optional.empty()), dir,
                UiExecutors.direct(), Messages.of("desktop", locale), Messages.of("erase", locale));
        UninstallDialog[] dialog = new UninstallDialog[1];
        robot.interact(() -> {
            dialog[0] = new UninstallDialog(model, Messages.of("desktop", locale), null);
            dialog[0].show();
        });
        return dialog[0];
    }

    @Test
    void tickedItErasesEverythingShowsTheReceiptAndTheRemovalCommand(FxRobot robot) throws Exception {
        UninstallDialog dialog = open(robot, Locale.ENGLISH);
        assertThat(robot.lookup("#uninstallIntro").queryLabeled().getText()).contains(dir.toString());
        assertThat(robot.lookup("#uninstallPreview").queryLabeled().isVisible()).isFalse();
        robot.clickOn("#uninstallErase");
        assertThat(robot.lookup("#uninstallPreview").queryLabeled().getText())
                .isEqualTo("This erases 0 recordings (0.0 h, 0.0 MB), 1 events and 0 exports.");
        robot.clickOn("#uninstallRun");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#uninstallOutcome").queryAs(TextArea.class).getText().isEmpty());
        String outcome = robot.lookup("#uninstallOutcome").queryAs(TextArea.class).getText();
        assertThat(outcome).contains("1 events", "Receipt e-", "Quit Doorstep first", "sudo apt remove doorstep");
        assertThat(app.erase().receipts()).hasSize(1);
        assertThat(app.erase().preview(EraseScope.everything()).events()).isZero();
        assertThat(robot.lookup("#uninstallRun").queryAs(Button.class).isDisabled()).isTrue(); // once
        assertThat(robot.lookup("#uninstallCancel").queryAs(Button.class).getText()).isEqualTo("Close");
        robot.clickOn("#uninstallCancel");
        assertThat(dialog.stage().isShowing()).isFalse();
    }

    @Test
    void notTickedTheRecordingsStayInGerman(FxRobot robot) throws Exception {
        open(robot, Locale.GERMAN);
        assertThat(robot.lookup("#uninstallErase").queryAs(CheckBox.class).getText())
                .startsWith("Meine Aufnahmen löschen");
        robot.clickOn("#uninstallRun");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#uninstallOutcome").queryAs(TextArea.class).getText().isEmpty());
        assertThat(robot.lookup("#uninstallOutcome").queryAs(TextArea.class).getText())
                .contains("Ihre Aufnahmen bleiben in " + dir, "sudo apt remove doorstep");
        assertThat(app.erase().receipts()).isEmpty();
        assertThat(app.erase().preview(EraseScope.everything()).events()).isEqualTo(1);
    }
}
