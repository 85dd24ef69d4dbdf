package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window over a data folder whose key-encryption key lives in an OS key store that this run cannot reach (the
 * suite offers none): the tool bar shows the short notice with the full sentence, in the window's language.
 */
@ExtendWith(ApplicationExtension.class)
class KeyStoreNoticeWindowTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-keystore-window");
        Files.createDirectories(dir.resolve("keys/kek"));
        Files.writeString(dir.resolve("keys/kek/home.properties"), "home=os\nstore=Secret Service\npreference=os\n"
                + "folder-id=00000000-0000-4000-8000-000000000001\n");
        workspace = new Launcher().open(dir, "window test");
        pool = UiExecutors.backgroundPool();
        MainWindow window = new MainWindow(new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.GERMAN));
        window.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::hide);
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void theToolBarSaysTheKeyStoreIsAway(FxRobot robot) {
        Label notice = robot.lookup("#keyStoreNotice").queryAs(Label.class);
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).isEqualTo("Schlüsselspeicher fehlt: ältere Aufnahmen nicht abspielbar");
        assertThat(notice.getTooltip().getText()).contains("Secret Service").contains("nicht erreichbar")
                .contains("Neue Aufnahmen werden weiter gemacht");
    }
}
