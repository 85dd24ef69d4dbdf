package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window over a real data folder; runs headless under Monocle in CI (see the surefire argLine). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;
    private WindowFeatures features;
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-window");
        workspace = new Launcher().open(dir, "window test");
        pool = UiExecutors.backgroundPool();
        UiExecutors executors = UiExecutors.forWindow(pool);
        features = new WindowFeatures(workspace, executors, Locale.ENGLISH);
        window = new MainWindow(features);
        window.show(stage);
        this.stage = stage;
    }

    @AfterEach
    void close(FxRobot robot) {
        // hidden first: the window stops its timeline refresh and live streams before their pool goes away
        robot.interact(stage::hide);
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void showsTheCamerasAndTheirCount(FxRobot robot) {
        add("Front door", "rtsp://127.0.0.2:1/a"); // loopback: the live view connects
        add("Shop", "rtsp://127.0.0.3:1/a");
        robot.interact(() -> window.openAddCamera());
        robot.interact(() -> robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> "Cancel".equals(((javafx.scene.control.Button) n).getText())).findFirst()
                .ifPresent(n -> ((javafx.scene.control.Button) n).fire()));
        ListView<?> list = robot.lookup("#cameraList").queryAs(ListView.class);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(list.getItems())
                .extracting(Object::toString).containsExactly("Front door", "Shop"));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("2 cameras");
        assertThat(robot.lookup("#timeline").tryQuery()).isPresent();
    }

    @Test
    void addCameraOpensTheWizardWhoseAddressPageExplainsAnUnreachableCamera(FxRobot robot) {
        robot.clickOn("#addCamera");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#wizardResults").tryQuery()).isPresent();
        robot.clickOn("#wizardByAddress");
        robot.clickOn("#wizardAddress").write("127.0.0.1:1");
        robot.clickOn("#wizardNext");
        Label problem = robot.lookup("#wizardProblem").queryAs(Label.class);
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(problem.getText())
                .startsWith("Nothing answers at 127.0.0.1:1."));
        assertThat(workspace.catalog().all()).isEmpty();
        robot.clickOn("#wizardCancel");
        assertThat(robot.lookup("#wizardNext").tryQuery()).isEmpty();
    }

    @Test
    void theWelcomeFillsThePictureAreaUntilTheFirstCameraIsAdded(FxRobot robot) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#welcome").tryQuery().isPresent());
        assertThat(robot.lookup("#welcomeKeeps").queryAs(Label.class).getText())
                .startsWith("Recordings stay on this computer only, 48 hours by default");
        add("Front door", "rtsp://127.0.0.2:1/a");
        robot.interact(() -> window.openAddCamera());
        robot.clickOn("#wizardCancel");
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#welcome").tryQuery().isEmpty());
    }

    @Test
    void wheelZoomsTheTimelineWithinItsLimits(FxRobot robot) {
        TimelineViewModel timeline = features.timeline();
        java.time.Duration before = timeline.viewport().span();
        robot.moveTo("#timeline").scroll(2, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        java.time.Duration zoomed = timeline.viewport().span();
        assertThat(zoomed).isNotEqualTo(before);
        for (int i = 0; i < 60; i++) {
            robot.interact(() -> timeline.zoom(1.25, 1));
        }
        assertThat(timeline.viewport().span()).as("nothing recorded: no further out than an hour and a margin")
                .isEqualTo(timeline.maxSpan()).isLessThan(java.time.Duration.ofHours(2));
        for (int i = 0; i < 60; i++) {
            robot.interact(() -> timeline.zoom(0.8, 1));
        }
        assertThat(timeline.viewport().span()).isEqualTo(TimelineViewModel.MIN_SPAN);
    }

    @Test
    void emptyListExplainsHowToAddACamera(FxRobot robot) {
        ListView<?> list = robot.lookup("#cameraList").queryAs(ListView.class);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("No cameras"));
        assertThat(list.getItems()).isEmpty();
        assertThat(((Label) list.getPlaceholder()).getText()).contains("Add camera…").contains("doorstep camera add");
    }

    @Test
    void f1ShowsTheKeyboardShortcutsAndEscClosesThem(FxRobot robot) {
        assertThat(window.help().showing()).isFalse();
        robot.clickOn("#cameraList").type(javafx.scene.input.KeyCode.F1);
        assertThat(window.help().showing()).isTrue();
        assertThat(robot.lookup("#helpCard .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Space", "Play or pause", "J / K / L", "Slower / pause / faster");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(window.help().showing()).isFalse();
        // the help menu's first item opens them too
        javafx.scene.control.MenuButton menu = robot.lookup("#helpMenu").queryAs(javafx.scene.control.MenuButton.class);
        robot.interact(() -> menu.getItems().get(0).fire());
        assertThat(window.help().showing()).isTrue();
        robot.clickOn("#helpClose");
        assertThat(window.help().showing()).isFalse();
    }

    private void add(String name, String url) {
        workspace.catalog().add(new CameraCatalog.ByAddress(name, url, null, null, null, null));
    }
}
