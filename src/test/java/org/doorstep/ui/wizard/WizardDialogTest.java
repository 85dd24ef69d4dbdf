package org.doorstep.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.watch.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The camera wizard driven headless, end to end against the virtual doorbell on loopback (found by WS-Discovery
 * on 127.0.0.1): wrong password explained, right password previewed, saved, in the catalog, and recording.
 */
@ExtendWith(ApplicationExtension.class)
class WizardDialogTest {
    static final String USER = "admin";
    static final String PASSWORD = "door-secret";
    private Workspace workspace;
    private ExecutorService pool;
    private DemoCamera doorbell;
    private Watch watch;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-wizard");
        workspace = new Launcher().open(dir, "wizard test");
        pool = UiExecutors.backgroundPool();
        doorbell = new DemoCamera(DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, false).withOnvif(0, 0, Duration.ZERO))
                .start(RenderProgress.NONE, 0);
        watch = workspace.watch();
        watch.start(List.of()); // the window records from the start; the wizard adds to it
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        workspace.close();
        doorbell.close();
    }

    private WizardViewModel open(FxRobot robot, int discoveryPort) {
        WizardViewModel model = new WizardViewModel(workspace.setup(), watch, UiExecutors.forWindow(pool),
                Locale.ENGLISH, discoveryPort);
        robot.interact(() -> new WizardDialog(model, Messages.of("wizard", Locale.ENGLISH), stage).dialog().show());
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    @Test
    void findsTheDoorbellExplainsAWrongPasswordPreviewsSavesAndRecords(FxRobot robot) {
        WizardViewModel model = open(robot, doorbell.onvif().discovery().port());
        robot.clickOn("#wizardScanTarget").write("127.0.0.1");
        robot.clickOn("#wizardScan");
        ListView<?> results = robot.lookup("#wizardResults").queryAs(ListView.class);
        await().atMost(15, TimeUnit.SECONDS).until(() -> !model.scanningProperty().get() && results.getItems().size() == 1);
        assertThat(robot.lookup("#wizardScanStatus").queryAs(Label.class).getText()).startsWith("One camera answered");
        robot.clickOn("Virtual Doorbell");
        robot.clickOn("#wizardNext");

        assertThat(robot.lookup("#wizardCredPassword").queryAs(PasswordField.class).isVisible()).isTrue();
        assertThat(robot.lookup("#wizardCredPasswordShown").queryAs(TextField.class).isVisible()).isFalse();
        robot.clickOn("#wizardCredUser").write(USER);
        robot.clickOn("#wizardCredPassword").write("guess");
        robot.clickOn("#wizardNext");
        Label problem = robot.lookup("#wizardProblem").queryAs(Label.class);
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(problem.getText())
                .contains("refused the user name or password"));

        robot.interact(() -> robot.lookup("#wizardCredPassword").queryAs(PasswordField.class).setText(PASSWORD));
        robot.clickOn("#wizardNext");
        Label main = robot.lookup("#wizardMainInfo").queryAs(Label.class);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(main.getText())
                .isEqualTo("H264 · 1280×720 · 15 fps"));
        assertThat(robot.lookup("#wizardSubInfo").queryAs(Label.class).getText()).isEqualTo("H264 · 640×360 · 15 fps");
        ImageView mainPicture = robot.lookup("#wizardMainPicture").queryAs(ImageView.class);
        ImageView subPicture = robot.lookup("#wizardSubPicture").queryAs(ImageView.class);
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(model.mainPictureProperty().get()).as("main picture").isNotNull();
            assertThat(model.subPictureProperty().get()).as("sub picture").isNotNull();
            assertThat(mainPicture.getImage()).isNotNull();
            assertThat(subPicture.getImage()).isNotNull();
        });
        assertThat(mainPicture.getImage().getWidth()).isEqualTo(960);
        assertThat(subPicture.getImage().getWidth()).isEqualTo(640);
        assertThat(problem.getText()).isNullOrEmpty();
        // and then the streams play live over the pictures
        await().atMost(20, TimeUnit.SECONDS).until(() -> robot.lookup("#wizardMainLive").query().getOpacity() == 1.0
                && robot.lookup("#wizardSubLive").query().getOpacity() == 1.0);

        robot.clickOn("#wizardNext");
        assertThat(robot.lookup("#maskEditor").query().isVisible()).isTrue();
        robot.clickOn("#wizardSkipMasks");
        robot.interact(() -> robot.lookup("#wizardName").queryAs(TextField.class).setText("Front door"));
        robot.clickOn("#wizardNext");
        await().atMost(15, TimeUnit.SECONDS).until(() -> workspace.catalog().find("Front door").isPresent());
        Camera stored = workspace.catalog().require("Front door");
        assertThat(stored.mainUrl()).isEqualTo(doorbell.rtspUri(VirtualDoorbell.Stream.MAIN));
        assertThat(stored.onvifUrl()).isEqualTo(doorbell.onvifUri());
        await().atMost(15, TimeUnit.SECONDS).until(() -> watch.status().stream()
                .anyMatch(s -> s.cameraName().equals("Front door")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#wizardNext").tryQuery().isEmpty());
    }

    @Test
    void addsByStreamAddressFromTheSameDialog(FxRobot robot) {
        open(robot, SimulatedOnvifCamera.NO_DISCOVERY);
        robot.clickOn("#wizardByAddress");
        robot.clickOn("#wizardAddress").write(doorbell.rtspUri(VirtualDoorbell.Stream.MAIN).toString());
        robot.clickOn("#wizardAddressUser").write(USER);
        robot.clickOn("#wizardAddressShowPassword");
        robot.clickOn("#wizardAddressPasswordShown").write(PASSWORD);
        assertThat(robot.lookup("#wizardAddressPassword").queryAs(PasswordField.class).getText()).isEqualTo(PASSWORD);
        robot.clickOn("#wizardNext");
        Label main = robot.lookup("#wizardMainInfo").queryAs(Label.class);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(main.getText())
                .isEqualTo("H264 · 1280×720 · 15 fps"));
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardNext"); // nothing to mask
        robot.interact(() -> robot.lookup("#wizardName").queryAs(TextField.class).setText("Porch"));
        robot.clickOn("#wizardNext");
        await().atMost(15, TimeUnit.SECONDS).until(() -> workspace.catalog().find("Porch").isPresent());
        assertThat(workspace.catalog().require("Porch").credentialRef()).isNotNull();
        await().atMost(15, TimeUnit.SECONDS).until(() -> watch.status().stream()
                .anyMatch(s -> s.cameraName().equals("Porch")));
    }
}
