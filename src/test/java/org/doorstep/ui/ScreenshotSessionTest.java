package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.erase.EraseDialog;
import org.doorstep.ui.wizard.WizardDialog;
import org.doorstep.ui.wizard.WizardViewModel;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.doorstep.usecase.erase.EraseScope;
import org.doorstep.usecase.timeline.TimelineService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * README's pictures: a scripted session against the demo doorbell, headless, in light and dark. Run by
 * {@code ./mvnw -q -Pscreenshots verify}; writes {@code docs/screenshots/<view>-<light|dark>.png}: the welcome page,
 * the wizard's scan and preview, the live grid and one camera, the timeline, the player, the event list, a camera's
 * settings, and the erase confirmation and receipt. Loopback only: the wizard scans 127.0.0.1.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotSessionTest {
    private static final Path OUT = Path.of("docs", "screenshots");
    private Workspace workspace;
    private ExecutorService pool;
    private UiExecutors executors;
    private MainWindow window;
    private WindowFeatures features;
    private Stage stage;
    private DemoDoorbell.Running doorbell;
    private final List<String> written = new ArrayList<>();
    private AutoCloseable following;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-screenshots");
        reuseRenderedScene(dir);
        workspace = new Launcher().open(dir, "screenshots");
        pool = UiExecutors.backgroundPool();
        executors = UiExecutors.forWindow(pool);
        features = new WindowFeatures(workspace, executors, Locale.ENGLISH);
        features.player().sound(false);
        window = new MainWindow(features);
        Theme.LIGHT.apply();
        window.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(stage::hide);
        if (following != null) {
            following.close();
        }
        workspace.watch().close();
        if (doorbell != null) {
            doorbell.close();
        }
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void writesTheScreenshots(FxRobot robot) throws Exception {
        Files.createDirectories(OUT);
        bothThemes(robot, suffix -> shoot(robot, stage.getScene().getRoot(), "welcome" + suffix));

        doorbell = workspace.demo().start((done, total) -> { });
        following = features.follow(workspace.watch());
        workspace.watch().start(List.of());
        robot.interact(() -> {
            features.cameras().reload();
            features.live().reload();
        });
        // two visitor cycles, so the timeline and the event list have rings and motion to show
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> rings() >= 2);
        pause(Duration.ofSeconds(4)); // the last visit's thumbnail and the event list's refresh

        bothThemes(robot, suffix -> {
            robot.interact(() -> features.live().showGrid());
            pause(Duration.ofSeconds(2));
            shoot(robot, stage.getScene().getRoot(), "live-grid" + suffix);
            shoot(robot, window.timeline().node(), "timeline" + suffix);
            shoot(robot, robot.lookup("#events").query(), "events" + suffix);
            robot.interact(() -> features.live().showNumber(1));
            pause(Duration.ofSeconds(3));
            shoot(robot, stage.getScene().getRoot(), "single" + suffix);
            robot.interact(() -> features.live().showGrid());
        });

        Instant ring = lastRing();
        bothThemes(robot, suffix -> {
            robot.interact(() -> window.play(List.of(DemoDoorbell.CAMERA_NAME), ring.minusSeconds(2)));
            pause(Duration.ofSeconds(3));
            shoot(robot, stage.getScene().getRoot(), "player" + suffix);
            robot.interact(() -> window.backToLive());
        });

        bothThemes(robot, suffix -> {
            Stage[] settings = new Stage[1];
            robot.interact(() -> settings[0] = window.openCameraSettings(DemoDoorbell.CAMERA_NAME));
            pause(Duration.ofSeconds(6)); // the colour still for the mask editor
            shoot(robot, settings[0].getScene().getRoot(), "settings-camera" + suffix);
            robot.interact(settings[0]::close);
        });

        wizard(robot);
        erase(robot);

        assertThat(written).hasSize(22);
        for (String name : written) {
            assertThat(OUT.resolve(name + ".png")).isNotEmptyFile();
        }
    }

    /** The wizard finds the demo doorbell by unicast WS-Discovery on loopback and previews its streams. */
    private void wizard(FxRobot robot) throws Exception {
        // a second, not yet added doorbell that answers WS-Discovery (the demo one announces nothing)
        org.doorstep.sim.DemoCamera fresh = new org.doorstep.sim.DemoCamera(org.doorstep.sim.DoorbellConfig
                .defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null)
                .withCredentials("admin", "porch-Pa55", false).withOnvif(0, 0, Duration.ZERO))
                .start(org.doorstep.sim.RenderProgress.NONE, 0);
        int port = fresh.onvif().discovery().port();
        String password = "porch-Pa55";
        try (fresh) {
            wizardShots(robot, port, password);
        }
    }

    private void wizardShots(FxRobot robot, int port, String password) throws Exception {
        bothThemes(robot, suffix -> {
            WizardViewModel vm = new WizardViewModel(workspace.setup(), null, executors, Locale.ENGLISH, port);
            WizardDialog[] dialog = new WizardDialog[1];
            robot.interact(() -> {
                vm.scanTargetProperty().set("127.0.0.1");
                dialog[0] = new WizardDialog(vm, Messages.of("wizard", Locale.ENGLISH), stage);
                dialog[0].dialog().show();
                vm.scan();
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !vm.scanningProperty().get() && !vm.results().isEmpty());
            pause(Duration.ofSeconds(1));
            shoot(robot, dialog[0].dialog().getDialogPane(), "wizard-scan" + suffix);
            robot.interact(() -> {
                vm.pick(vm.results().get(0));
                vm.userProperty().set("admin");
                vm.passwordProperty().set(password);
                vm.check();
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> vm.pageProperty().get() == WizardViewModel.Page.PREVIEW
                    && vm.mainPictureProperty().get() != null && !vm.busyProperty().get());
            pause(Duration.ofSeconds(1));
            shoot(robot, dialog[0].dialog().getDialogPane(), "wizard-preview" + suffix);
            robot.interact(() -> {
                vm.cancel();
                dialog[0].dialog().setResult(null);
                dialog[0].dialog().close();
            });
        });
    }

    /** Erasing one motion event: the confirmation, then the receipt. */
    private void erase(FxRobot robot) throws Exception {
        long[] ids = workspace.timeline().events(DemoDoorbell.CAMERA_NAME, "motion", Instant.EPOCH, Instant.now(), false)
                .stream().mapToLong(e -> e.event().id()).toArray();
        bothThemes(robot, suffix -> {
            long id = suffix.endsWith("light") ? ids[0] : ids[1];
            EraseDialog[] dialog = new EraseDialog[1];
            robot.interact(() -> dialog[0] = window.erase(EraseScope.event(id)));
            pause(Duration.ofSeconds(2));
            shoot(robot, dialog[0].dialog().getDialogPane(), "erase-confirm" + suffix);
            robot.interact(() -> ((javafx.scene.control.Button) dialog[0].dialog().getDialogPane()
                    .lookup("#eraseButton")).fire());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                javafx.scene.control.Label receipt = (javafx.scene.control.Label) dialog[0].dialog().getDialogPane()
                        .lookup("#eraseReceipt");
                return receipt != null && receipt.getText() != null && !receipt.getText().isBlank();
            });
            pause(Duration.ofSeconds(1));
            shoot(robot, dialog[0].dialog().getDialogPane(), "erase-receipt" + suffix);
            robot.interact(() -> dialog[0].dialog().close());
        });
    }

    private long rings() {
        return workspace.timeline().events(null, "ring", Instant.now().minus(Duration.ofHours(1)), Instant.now(), false)
                .size();
    }

    private Instant lastRing() {
        List<TimelineService.Entry> all = workspace.timeline().events(null, "ring",
                Instant.now().minus(Duration.ofHours(1)), Instant.now(), false);
        return all.get(all.size() - 1).event().start();
    }

    interface Shots {
        void take(String suffix) throws Exception;
    }

    private static void bothThemes(FxRobot robot, Shots shots) throws Exception {
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(theme::apply);
            pause(Duration.ofMillis(800));
            shots.take(theme == Theme.DARK ? "-dark" : "-light");
        }
        robot.interact(Theme.LIGHT::apply);
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, Node node, String name) throws IOException {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = node.snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", OUT.resolve(name + ".png").toFile());
        written.add(name);
    }

    /** The demo scene takes minutes to render once; the build's own copy is reused when there is one. */
    private static void reuseRenderedScene(Path dataDir) throws IOException {
        Path rendered = Path.of("target", "sim-cache").toAbsolutePath();
        if (Files.isDirectory(rendered)) {
            Files.createDirectories(dataDir.resolve("cache"));
            Files.createSymbolicLink(dataDir.resolve("cache").resolve("sim"), rendered);
        }
    }
}
