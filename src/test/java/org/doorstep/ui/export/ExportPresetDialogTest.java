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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.player.ExportPreset;
import org.doorstep.usecase.player.PresetExports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The one export dialog with its presets, driven headless (Monocle) over a real recording: evidence, and an access
 * request with a blur region drawn with the mouse on the still of the range.
 */
@ExtendWith(ApplicationExtension.class)
class ExportPresetDialogTest {
    @TempDir
    static Path dir;
    static Instant[] recorded;
    static App app;

    ExecutorService pool;
    Stage stage;
    final List<Path> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        recorded = DoorbellFootage.record(dir.resolve("data"), 5);
        app = App.open(new DataDir(dir.resolve("data")), "preset dialog test");
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

    private ExportViewModel open(FxRobot robot, Path folder) {
        ExportViewModel model = new ExportViewModel(app.player(), app.presetExports(),
                new UiExecutors(pool, Platform::runLater), Messages.of("export", Locale.ENGLISH), opened::add, folder,
                ZoneOffset.UTC);
        robot.interact(() -> {
            model.request(DoorbellFootage.CAMERA, recorded[0], recorded[1]);
            new ExportDialog(model, Messages.of("export", Locale.ENGLISH), stage).show();
        });
        return model;
    }

    @Test
    void evidenceWritesTheVideoTheHashAndTheSheet(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("evidence"));
        ExportViewModel model = open(robot, folder);
        assertThat(robot.lookup("#presetBlur").query().isVisible()).isFalse();
        robot.clickOn("#preset-evidence");
        assertThat(model.presetProperty().get()).isEqualTo(ExportPreset.EVIDENCE);
        assertThat(robot.lookup("#exportFile").queryTextInputControl().getText()).endsWith("_evidence.mp4");
        assertThat(robot.lookup("#presetFiles").queryAs(Label.class).getText()).contains(".sha256", ".pdf");
        robot.clickOn("#exportStart");

        await().atMost(60, TimeUnit.SECONDS).until(() -> model.stateProperty().get() == ExportViewModel.State.DONE);
        Path video = model.savedProperty().get();
        assertThat(PresetExports.hashFileFor(video)).exists();
        assertThat(PresetExports.sheetFor(video)).exists();
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#exportMessage").queryAs(Label.class)
                .getText().contains(PresetExports.sheetFor(video).getFileName().toString()));
        snapshot(robot, robot.lookup("#exportStart").query(), Path.of("target", "screenshots-dev",
                "export-evidence-done.png"));
    }

    @Test
    void anAccessRequestWaitsForABlurRegionDrawnOnTheStillThenExports(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("request"));
        ExportViewModel model = open(robot, folder);
        robot.clickOn("#preset-access-request");
        assertThat(robot.lookup("#presetBlur").query().isVisible()).isTrue();
        assertThat(robot.lookup("#exportStart").queryButton().isDisabled()).as("no region yet").isTrue();
        assertThat(robot.lookup("#presetProblem").queryAs(Label.class).getText()).startsWith("Draw a region");
        await().atMost(20, TimeUnit.SECONDS).until(() -> model.stillProperty().get() != null);

        Node canvas = robot.lookup("#maskCanvas").query();
        Bounds b = canvas.getLayoutBounds();
        double[][] corners = {{0.55, 0.2}, {0.9, 0.2}, {0.9, 0.8}, {0.55, 0.8}, {0.55, 0.2}};
        for (double[] c : corners) {
            Point2D p = canvas.localToScreen(b.getMinX() + c[0] * b.getWidth(), b.getMinY() + c[1] * b.getHeight());
            robot.clickOn(p);
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> model.blurCount() == 1);
        assertThat(robot.lookup("#presetBlurCount").queryAs(Label.class).getText())
                .isEqualTo("1 region will be blurred");
        assertThat(robot.lookup("#exportStart").queryButton().isDisabled()).isFalse();
        snapshot(robot, canvas, Path.of("target", "screenshots-dev", "export-access-request.png"));

        robot.clickOn("#exportStart");
        await().atMost(60, TimeUnit.SECONDS).until(() -> model.stateProperty().get() == ExportViewModel.State.DONE
                || model.stateProperty().get() == ExportViewModel.State.FAILED);
        assertThat(model.stateProperty().get()).as(model.messageProperty().get())
                .isEqualTo(ExportViewModel.State.DONE);
        Path video = model.savedProperty().get();
        assertThat(video.getFileName().toString()).endsWith("_access-request.mp4");
        assertThat(PresetExports.sheetFor(video)).exists();
        assertThat(app.audit().entries(null, null)).anySatisfy(r -> assertThat(r.detail())
                .contains("preset=access-request", video.getFileName().toString()));
    }

    /** A look at the dialog for the developer (not an assertion). */
    private static void snapshot(FxRobot robot, Node inDialog, Path file) throws Exception {
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = inDialog.getScene().getRoot().snapshot(null, null));
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", file.toFile());
    }
}
