package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.motion.DetectorSettings;
import org.doorstep.motion.EventSettings;
import org.doorstep.motion.MotionEvent;
import org.doorstep.motion.MotionListener;
import org.doorstep.motion.MotionMaskJson;
import org.doorstep.motion.MotionPipeline;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.doorstep.record.CameraStatus;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.settings.CameraStills;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A camera's settings driven like a user, over a real data folder; video only from loopback or files. */
@ExtendWith(ApplicationExtension.class)
class CameraSettingsViewTest {
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private CameraSettingsViewModel model;
    private CameraSettingsView view;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("doorstep-settings");
        workspace = new Launcher().open(dir.resolve("data"), "settings test");
        pool = UiExecutors.backgroundPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        workspace.close();
    }

    /** Shows the settings of {@code camera}; no picture is fetched (tests hand one in). */
    private void show(FxRobot robot, String camera) {
        robot.interact(() -> {
            model = new CameraSettingsViewModel(workspace.catalog(), workspace.watch(), null,
                    UiExecutors.forWindow(pool), Messages.of("settings", Locale.ENGLISH));
            view = new CameraSettingsView(model, Messages.of("settings", Locale.ENGLISH));
            stage.setScene(new Scene((javafx.scene.Parent) view.node(), 760, 760));
            stage.show();
            model.load(camera);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> camera.equals(model.name.get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void add(String name, String url) {
        workspace.catalog().add(new CameraCatalog.ByAddress(name, url, null, null, null, null));
    }

    private void replace(FxRobot robot, String id, String text) {
        robot.doubleClickOn(id);
        robot.interact(() -> robot.lookup(id).queryTextInputControl().clear());
        robot.clickOn(id).write(text);
    }

    @Test
    void retentionOver72HoursIsRefusedAtTheFieldWithoutAReasonAndSavedWithOne(FxRobot robot) {
        add("Shop", "rtsp://127.0.0.2:1/a"); // never connected to: nothing is started in this test
        show(robot, "Shop");
        replace(robot, "#cameraRetention", "168");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#cameraRetentionReason").query().isVisible()).isTrue();
        robot.clickOn("#cameraSave");
        Label error = robot.lookup("#retentionReasonError").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(error.getText())
                .startsWith("Keeping recordings longer than 72 hours needs a short reason"));
        assertThat(error.isVisible()).isTrue();
        assertThat(workspace.catalog().require("Shop").retention()).isEqualTo(Duration.ofHours(48));

        robot.clickOn("#cameraRetentionReason").write("Shop: the insurance asks for 7 days.");
        robot.clickOn("#cameraSave");
        await().atMost(Duration.ofSeconds(10)).until(() -> model.saved().get());
        Camera saved = workspace.catalog().require("Shop");
        assertThat(saved.retention()).isEqualTo(Duration.ofHours(168));
        assertThat(saved.options().retentionReason()).isEqualTo("Shop: the insurance asks for 7 days.");
        assertThat(error.getText()).isEmpty();
        assertThat(error.isVisible()).isFalse();
    }

    @Test
    void aMaskDrawnOnThePictureAndSavedIsHonouredByTheDetector(FxRobot robot) throws Exception {
        Path clip = ScenarioClip.write(Scenario.walking(12, 1, 20), dir.resolve("walk.mp4"), 320, 180, 15, 1.0);
        assertThat(events(clip, null)).as("without a mask the walker is found").hasSize(1);
        add("Porch", "rtsp://127.0.0.3:1/a");
        show(robot, "Porch");
        CameraStills.Still still = firstPicture(clip);
        robot.interact(() -> model.still().set(still));
        robot.interact(() -> robot.lookup(".scroll-pane").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#maskKindDetection");
        for (double[] p : new double[][] {{0.01, 0.01}, {0.99, 0.01}, {0.99, 0.99}, {0.01, 0.99}, {0.01, 0.01}}) {
            Point2D at = view.maskEditor().canvas().localToScreen(view.maskEditor().toCanvas(p[0], p[1]));
            robot.clickOn(at, MouseButton.PRIMARY);
        }
        assertThat(model.masks().shapes()).hasSize(1);
        robot.clickOn("#cameraSave");
        await().atMost(Duration.ofSeconds(10)).until(() -> model.saved().get());

        Camera saved = workspace.catalog().require("Porch");
        assertThat(saved.motionMasksJson()).isNotBlank();
        assertThat(saved.options().privacyMasksJson()).isNull();
        assertThat(events(clip, saved.motionMasksJson())).as("motion inside the mask makes no event").isEmpty();
    }

    @Test
    void changingTheTransportRestartsTheRecordingCamera(FxRobot robot) throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            add("Door", bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString());
            List<CameraStatus> seen = new CopyOnWriteArrayList<>();
            try (AutoCloseable l = workspace.watch().listen(seen::add)) {
                workspace.watch().start(List.of());
                await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream()
                        .anyMatch(s -> s.state() == CameraStatus.State.RECORDING));
                show(robot, "Door");
                robot.interact(() -> robot.lookup("#cameraTransport").queryAs(ChoiceBox.class).setValue("udp"));
                int before = seen.size();
                robot.clickOn("#cameraSave");
                await().atMost(Duration.ofSeconds(30)).until(() -> model.saved().get());
                assertThat(workspace.catalog().require("Door").rtspTransport()).isEqualTo("udp");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    List<CameraStatus.State> after = seen.subList(before, seen.size()).stream()
                            .map(CameraStatus::state).toList();
                    assertThat(after).contains(CameraStatus.State.STOPPED, CameraStatus.State.CONNECTING);
                    assertThat(after.get(after.size() - 1)).isEqualTo(CameraStatus.State.RECORDING);
                });
            }
        }
    }

    private static CameraStills.Still firstPicture(Path clip) throws Exception {
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withTargetHeight(180))) {
            GreyFrame f = new GreyFrame();
            assertThat(d.next(f)).isTrue();
            int[] argb = new int[f.width() * f.height()];
            for (int i = 0; i < argb.length; i++) {
                int v = f.pixels()[i] & 0xff;
                argb[i] = 0xff000000 | v << 16 | v << 8 | v;
            }
            return new CameraStills.Still(f.width(), f.height(), argb);
        }
    }

    /** Runs the real detector over the clip with the camera's stored mask, as MotionService builds it. */
    private static List<MotionEvent> events(Path clip, String masksJson) throws Exception {
        List<MotionEvent> events = new CopyOnWriteArrayList<>();
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), GreyFrameDecoder.Options.DEFAULT,
                DetectorSettings.DEFAULT.withMask(MotionMaskJson.parse(masksJson)), EventSettings.DEFAULT,
                new MotionListener() {
                    @Override
                    public void eventEnded(MotionEvent event) {
                        events.add(event);
                    }
                }, Duration.ofSeconds(1));
        pipeline.runFile(Instant.parse("2026-05-01T08:00:00Z"));
        return events;
    }
}
