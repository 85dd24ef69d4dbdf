package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** App settings → "Move…" → a folder → the recordings move there, with progress, and the window says so. */
@ExtendWith(ApplicationExtension.class)
class StorageMoveViewTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("doorstep-move");
        workspace = new Launcher().open(dir.resolve("data"), "move view test");
        pool = UiExecutors.backgroundPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void moveButtonMovesTheRecordingsToTheChosenFolder(FxRobot robot) throws Exception {
        SegmentFiles files = new SegmentFiles(new DataDir(dir.resolve("data")));
        files.checkVolume();
        for (int i = 0; i < 8; i++) {
            Path f = files.root().resolve("1").resolve("2026-11-30").resolve("main-2026113" + i + "T000000000Z.dseg");
            Files.createDirectories(f.getParent());
            Files.write(f, new byte[2 << 20]);
        }
        Path target = dir.resolve("usb").resolve("doorstep");
        Files.createDirectories(target.getParent());
        UiExecutors executors = UiExecutors.forWindow(pool);
        robot.interact(() -> {
            AppSettingsViewModel model = new AppSettingsViewModel(workspace.appSettings(), executors,
                    Messages.of("settings", Locale.ENGLISH));
            model.moveWith(new StorageMoveViewModel(workspace.storage(), executors,
                    Messages.of("storage", Locale.ENGLISH)));
            AppSettingsView view = new AppSettingsView(model, Messages.of("settings", Locale.ENGLISH));
            view.chooser(owner -> target.toFile());
            stage.setScene(new Scene(view.node(), 560, 700));
            stage.show();
            model.load();
        });
        Label recordings = robot.lookup("#appRecordings").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> recordings.getText().contains(files.root().toString()));

        robot.clickOn("#appMove");
        Label outcome = robot.lookup("#appMoveMessage").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome.getText().startsWith("Moved"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(outcome.getText()).contains("Moved 9 files").contains(target.toString());
        assertThat(recordings.getText()).contains(target.toString());
        assertThat(robot.lookup("#appMoveProgress").query().isVisible()).isFalse();
        assertThat(dir.resolve("data").resolve("segments")).doesNotExist();
        try (Stream<Path> walk = Files.walk(target)) {
            assertThat(walk.filter(p -> p.toString().endsWith(".dseg")).count()).isEqualTo(8);
        }
        assertThat(workspace.storage().status().folder()).isEqualTo(target);
    }
}
