package org.doorstep.ui.export;

import org.doorstep.usecase.player.DoorbellFootage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The export dialog driven headless (Monocle) over real recorded segments and the real exporter. */
@ExtendWith(ApplicationExtension.class)
class ExportDialogTest {
    @TempDir
    static Path dir;
    static Instant[] recorded;
    static App app;

    ExecutorService pool;
    Stage stage;
    final List<Path> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        recorded = DoorbellFootage.record(dir.resolve("data"), 8);
        app = App.open(new DataDir(dir.resolve("data")), "export dialog test");
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        pool = UiExecutors.backgroundPool();
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    private ExportViewModel open(FxRobot robot, Path folder, Executor fx) {
        ExportViewModel model = new ExportViewModel(app.player(), new UiExecutors(pool, fx),
                Messages.of("export", Locale.ENGLISH), opened::add, folder, ZoneOffset.UTC);
        robot.interact(() -> {
            model.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
            new ExportDialog(model, Messages.of("export", Locale.ENGLISH), stage).show();
        });
        return model;
    }

    @Test
    void exportRunsToOneHundredPercentAndOpensTheFile(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("done"));
        ExportViewModel model = open(robot, folder, Platform::runLater);
        assertThat(robot.lookup("#exportFile").queryTextInputControl().getText())
                .startsWith(folder.resolve("Porch_").toString());
        robot.clickOn("#exportStart");

        ProgressBar bar = robot.lookup("#exportProgress").queryAs(ProgressBar.class);
        await().atMost(30, TimeUnit.SECONDS).until(() -> model.stateProperty().get() == ExportViewModel.State.DONE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> bar.getProgress() == 1.0);
        Path file = model.savedProperty().get();
        assertThat(file).exists().hasParent(folder);
        await().atMost(5, TimeUnit.SECONDS).until(() -> opened.contains(file));
        assertThat(robot.lookup("#exportMessage").queryAs(Label.class).getText())
                .startsWith("Saved " + file.getFileName());
        Button close = robot.lookup("#exportCancel").queryButton();
        assertThat(close.getText()).isEqualTo("Close");
        snapshot(robot, close, Path.of("target", "screenshots-dev", "export-done.png"));
        assertThat(robot.lookup("#exportStart").queryButton().isDisabled()).isTrue();
        robot.clickOn(close);
        assertThat(robot.lookup("#exportProgress").tryQuery()).as("closed").isEmpty();
    }

    /** A look at the dialog for the developer (not an assertion). */
    private static void snapshot(FxRobot robot, javafx.scene.Node inDialog, Path file) throws Exception {
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = inDialog.getScene().getRoot().snapshot(null, null));
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
    }

    @Test
    void cancelStopsARunningExportAndLeavesNoPartialFile(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cancelled"));
        // the export's first progress report waits until Cancel has been clicked, so the click is sure to land
        // while the export runs (a few seconds of footage copy in well under a second otherwise)
        CountDownLatch cancelClicked = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<ExportViewModel> running = new java.util.concurrent.atomic.AtomicReference<>();
        Executor fx = r -> {
            Platform.runLater(r);
            // only a report of the running export is held (not the folder reminder made when the dialog opens)
            ExportViewModel m = running.get();
            if (!Platform.isFxApplicationThread() && m != null && m.stateProperty().get() == ExportViewModel.State.RUNNING
                    && held.compareAndSet(false, true)) {
                try {
                    cancelClicked.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExportViewModel model = open(robot, folder, fx);
        running.set(model);
        robot.clickOn("#exportStart");
        await().atMost(30, TimeUnit.SECONDS).until(held::get);
        Button cancel = robot.lookup("#exportCancel").queryButton();
        await().atMost(5, TimeUnit.SECONDS).until(() -> "Cancel".equals(cancel.getText()));
        ProgressBar bar = robot.lookup("#exportProgress").queryAs(ProgressBar.class);
        await().atMost(5, TimeUnit.SECONDS).until(() -> bar.getProgress() > 0 && bar.getProgress() < 1);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("the export is writing").isNotEmpty();
        }
        snapshot(robot, cancel, Path.of("target", "screenshots-dev", "export-running.png"));
        robot.clickOn(cancel);
        cancelClicked.countDown();

        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> model.stateProperty().get() == ExportViewModel.State.CANCELLED);
        await().atMost(5, TimeUnit.SECONDS).until(() -> "Export cancelled; nothing was saved."
                .equals(robot.lookup("#exportMessage").queryAs(Label.class).getText()));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("no partial file").isEmpty();
        }
        assertThat(opened).isEmpty();
        assertThat(robot.lookup("#exportCancel").queryButton().getText()).isEqualTo("Close");
    }
}
