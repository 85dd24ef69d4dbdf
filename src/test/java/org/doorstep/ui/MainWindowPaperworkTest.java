package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.image.ImageView;
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

/** The tool bar's "Privacy paperwork" button opens the paperwork window over the real workspace. */
@ExtendWith(ApplicationExtension.class)
class MainWindowPaperworkTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private Stage paperwork;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-paperwork-window");
        workspace = new Launcher().open(dir, "paperwork window test");
        pool = UiExecutors.backgroundPool();
        new MainWindow(new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.GERMAN)).show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            if (paperwork != null) {
                paperwork.close();
            }
            stage.hide();
        });
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void theToolBarOpensThePaperworkInTheWindowsLanguage(FxRobot robot) {
        Button button = robot.lookup("#paperworkButton").queryAs(Button.class);
        assertThat(button.getTooltip().getText()).isEqualTo("Datenschutz-Unterlagen");
        robot.interact(button::fire);
        paperwork = (Stage) robot.lookup("#paperwork").query().getScene().getWindow();
        assertThat(paperwork.getTitle()).isEqualTo("Datenschutz-Unterlagen");
        ImageView preview = robot.lookup("#paperworkPreview").queryAs(ImageView.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> preview.getImage() != null);
        String snapshot = System.getProperty("paperwork.snapshot");
        if (snapshot != null) {
            robot.interact(() -> {
                try {
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(
                            paperwork.getScene().getRoot().snapshot(null, null), null), "png", new java.io.File(snapshot));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
