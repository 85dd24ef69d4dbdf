package org.doorstep.ui.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.demo.DemoDoorbell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The welcome page driven headless: its three actions, and "who records" saved from the page. */
@ExtendWith(ApplicationExtension.class)
class WelcomeViewTest {
    private Workspace workspace;
    private ExecutorService pool;
    private final AtomicInteger findOpened = new AtomicInteger();
    private final AtomicInteger addressOpened = new AtomicInteger();
    private final AtomicReference<DemoDoorbell.Running> demo = new AtomicReference<>();

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("doorstep-welcome");
        copyRenderedScene(dir.resolve("cache").resolve("sim"));
        workspace = new Launcher().open(dir, "welcome test");
        pool = UiExecutors.backgroundPool();
        // the desktop app's starter: the demo doorbell on loopback, added as a camera
        WelcomeViewModel model = new WelcomeViewModel(workspace.owner(),
                progress -> demo.set(workspace.demo().start(progress)), UiExecutors.forWindow(pool), Locale.ENGLISH,
                Camera.DEFAULT_RETENTION, workspace.folder());
        WelcomeView view = new WelcomeView(model, Messages.of("welcome", Locale.ENGLISH),
                findOpened::incrementAndGet, addressOpened::incrementAndGet);
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 900, 700));
        stage.show();
    }

    /** The porch scene rendered once for all tests, so the demo starts in a second instead of rendering. */
    private static void copyRenderedScene(Path to) throws IOException {
        Path from = Path.of("target", "sim-cache").toAbsolutePath();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @AfterEach
    void close() {
        DemoDoorbell.Running running = demo.get();
        if (running != null) {
            running.close();
        }
        pool.shutdownNow();
        workspace.close();
    }

    @Test
    void findAndAddByAddressOpenTheWizardAndTheDemoDoorbellBecomesACamera(FxRobot robot) {
        robot.clickOn("#welcomeFind");
        assertThat(findOpened.get()).isEqualTo(1);
        robot.clickOn("#welcomeByAddress");
        assertThat(addressOpened.get()).isEqualTo(1);

        robot.clickOn("#welcomeDemo");
        Label status = robot.lookup("#welcomeDemoStatus").queryAs(Label.class);
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(status.getText())
                .isEqualTo("The demo doorbell records now: a visitor rings about every 30 seconds."));
        assertThat(workspace.catalog().find(DemoDoorbell.CAMERA_NAME)).isPresent();
        assertThat(robot.lookup("#welcomeProblem").queryAs(Label.class).getText()).isNullOrEmpty();
    }

    @Test
    void whoRecordsIsSavedFromThePageWithTheHouseholdPreset(FxRobot robot) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> shown(robot.lookup("#welcomeOwnerSave").query()));
        robot.clickOn("#welcomeHousehold");
        robot.clickOn("#welcomeOwnerName").write("Kim Berger");
        robot.clickOn("#welcomeContact").write("kim@example.org");
        robot.clickOn("#welcomeOwnerSave");
        Label summary = robot.lookup("#welcomeOwnerSummary").queryAs(Label.class);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(summary.getText())
                .isEqualTo("Recorded by Kim Berger: To see who is at the door and to protect our home against"
                        + " break-ins."));
        assertThat(workspace.owner().current()).hasValueSatisfying(o -> {
            assertThat(o.contact()).isEqualTo("kim@example.org");
            assertThat(o.kind()).isEqualTo("household");
        });
        assertThat(shown(robot.lookup("#welcomeOwnerSave").query())).isFalse();
    }

    /** Visible with all its parents. */
    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
