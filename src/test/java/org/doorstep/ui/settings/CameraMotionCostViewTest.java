package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.motion.MotionCost;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The motion-cost hint under the sub-stream field, driven like a user over a camera analysed on its main stream. */
@ExtendWith(ApplicationExtension.class)
class CameraMotionCostViewTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private CameraSettingsViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        workspace = new Launcher().open(Files.createTempDirectory("doorstep-cost").resolve("data"), "cost test");
        pool = UiExecutors.backgroundPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void theHintShowsTheMeasuredCostAndFollowsTheSubStreamField(FxRobot robot) throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            workspace.catalog().add(new CameraCatalog.ByAddress("Front door",
                    bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(), null, null, null, null));
            long id = workspace.catalog().require("Front door").id();
            workspace.watch().start(List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                MotionCost c = workspace.watch().motionCost(id);
                return c != null && c.width() > 0 && c.percentOfCore() > 0;
            });
            robot.interact(() -> {
                model = new CameraSettingsViewModel(workspace.catalog(), workspace.watch(), null,
                        UiExecutors.forWindow(pool), Messages.of("settings", Locale.ENGLISH));
                CameraSettingsView view = new CameraSettingsView(model, Messages.of("settings", Locale.ENGLISH));
                stage.setScene(new Scene((javafx.scene.Parent) view.node(), 760, 760));
                stage.show();
                model.load("Front door");
            });
            Label hint = robot.lookup("#cameraMotionCost").queryAs(Label.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> hint.getText().startsWith("Motion analysis runs on"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(hint.isVisible()).isTrue();
            assertThat(hint.getText()).contains("1280×720 main stream").contains("% of one core (measured now")
                    .contains("1/4");

            robot.clickOn("#cameraSubUrl").write(bell.rtspUri(VirtualDoorbell.Stream.SUB).toString());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(hint.getText()).startsWith("After saving, motion analysis uses the sub stream,");

            robot.interact(() -> robot.lookup("#cameraSubUrl").queryTextInputControl().clear());
            robot.interact(() -> robot.lookup("#cameraMotion").queryAs(javafx.scene.control.CheckBox.class)
                    .setSelected(false));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(hint.isVisible()).isFalse();
            assertThat(hint.isManaged()).as("takes no room while empty").isFalse();
        }
    }
}
