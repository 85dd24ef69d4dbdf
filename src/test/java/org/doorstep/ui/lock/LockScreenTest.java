package org.doorstep.ui.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.doorstep.Launcher;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.lock.AppLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lock screen in the real main window over a real data folder (headless under Monocle): "Lock now" covers the
 * window, settings and the audit log cannot be reached through it, a wrong password says so, the right one opens it;
 * live video stays on the lock screen where allowed and is hidden where not.
 */
@ExtendWith(ApplicationExtension.class)
class LockScreenTest {
    private static final String PASSWORD = "door step 7";
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private MainWindow window;
    private WindowFeatures features;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-lock");
        workspace = new Launcher().open(dir, "doorstep");
        workspace.lock().set(null, PASSWORD.toCharArray());
        pool = UiExecutors.backgroundPool();
        features = new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.ENGLISH);
        window = new MainWindow(features);
        window.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::hide);
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void lockNowCoversTheWindowUntilTheRightPasswordAndLiveStays(FxRobot robot) {
        Node screen = robot.lookup("#lockScreen").query();
        assertThat(screen.isVisible()).isFalse();
        robot.clickOn("#lockNow");
        await().atMost(5, TimeUnit.SECONDS).until(screen::isVisible);
        assertThat(workspace.lock().locked()).isTrue();
        // live stays (the default): the live view now lies on the lock screen, visible
        Node live = window.live().node();
        assertThat(isInside(live, robot.lookup("#lockLiveSlot").query())).isTrue();
        assertThat(live.isVisible()).isTrue();

        int windows = Window.getWindows().size();
        robot.clickOn("#appSettings"); // under the lock screen: the click lands on the lock screen
        robot.clickOn("#privacyMenu");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows()).hasSize(windows);
        assertThat(robot.lookup("#lockNow").queryButton().isVisible()).isTrue();

        robot.clickOn("#lockPassword").write("not it").type(KeyCode.ENTER);
        Label problem = robot.lookup("#lockProblem").queryAs(Label.class);
        await().atMost(10, TimeUnit.SECONDS).until(() -> "That is not the lock password.".equals(problem.getText()));
        assertThat(screen.isVisible()).isTrue();

        robot.clickOn("#lockPassword").write(PASSWORD);
        robot.clickOn("#unlockButton");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !screen.isVisible());
        assertThat(isInside(live, robot.lookup("#picture").query())).as("live back in the picture").isTrue();
        robot.clickOn("#appSettings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows()).hasSize(windows + 1);
        robot.interact(() -> ((Stage) Window.getWindows().get(windows)).close());

        assertThat(workspace.audit().entries(null, null)).extracting(Audit.Row::action)
                .containsSubsequence(Audit.LOCK_SET, Audit.LOCKED, Audit.UNLOCK_FAILED, Audit.UNLOCKED);
    }

    @Test
    void ctrlLLocksAndLiveHidesWhereTheOwnerSaidSo(FxRobot robot) {
        AppLock.Options o = workspace.lock().options();
        workspace.lock().saveOptions(new AppLock.Options(o.idleMinutes(), false, o.auditRetentionDays()));
        robot.clickOn("#cameraList").press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L)
                .release(KeyCode.CONTROL);
        Node screen = robot.lookup("#lockScreen").query();
        await().atMost(5, TimeUnit.SECONDS).until(screen::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.live().node().isVisible()).as("live hidden: it decodes nothing").isFalse();
        assertThat(robot.lookup("#lockLiveHidden").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#lockLiveHidden").queryAs(Label.class).getText())
                .isEqualTo("Live video is hidden while Doorstep is locked.");
    }

    @Test
    void theOwnerSetsThePasswordAndOptionsInTheWindow(FxRobot robot) {
        robot.interact(() -> workspace.lock().clear(PASSWORD.toCharArray()));
        robot.interact(() -> features.lock().reload());
        assertThat(robot.lookup("#lockNow").queryButton().isVisible()).as("no password: no lock button").isFalse();
        robot.clickOn("#privacyMenu").clickOn("#lockSettingsItem");
        robot.clickOn("#lockNew").write("first one");
        robot.clickOn("#lockRepeat").write("first one");
        robot.clickOn("#lockSavePassword");
        Label message = robot.lookup("#lockSettingsMessage").queryAs(Label.class);
        await().atMost(10, TimeUnit.SECONDS).until(() -> message.getText() != null
                && message.getText().startsWith("The lock is set"));
        assertThat(workspace.lock().enabled()).isTrue();
        assertThat(robot.lookup("#lockNow").queryButton().isVisible()).isTrue();
        robot.doubleClickOn("#lockIdle").write("3");
        robot.clickOn("#lockLive");
        robot.clickOn("#lockSaveOptions");
        await().atMost(10, TimeUnit.SECONDS).until(() -> "The lock options are saved.".equals(message.getText()));
        assertThat(workspace.lock().options()).isEqualTo(new AppLock.Options(3, false, 365));
        assertThat(features.lock().liveAllowedProperty().get()).isFalse();
    }

    @Test
    void aWindowOpenedOnALockedInstallStartsLocked(FxRobot robot) throws Exception {
        Path folder = workspace.folder();
        robot.interact(stage::hide);
        workspace.close();
        workspace = new Launcher().open(folder, "doorstep"); // a restart: the password is set, so it starts locked
        assertThat(workspace.lock().locked()).isTrue();
        features = new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.ENGLISH);
        robot.interact(() -> {
            window = new MainWindow(features);
            window.show(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lockScreen").query().isVisible()).isTrue();
        assertThat(isInside(window.live().node(), robot.lookup("#lockLiveSlot").query())).isTrue();
        // idle checks while locked change nothing; playing is not possible
        features.lock().checkIdle();
        assertThat(workspace.lock().locked()).isTrue();
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
