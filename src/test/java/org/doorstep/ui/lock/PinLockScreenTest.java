package org.doorstep.ui.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.Launcher;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.erase.EraseScope;
import org.doorstep.usecase.lock.People;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lock screen with people (headless, the real main window over a real data folder): choose a person, type the
 * PIN on the pad and the keyboard, the tool bar says who is unlocked, and staff trying to erase get a sentence
 * instead of an erase.
 */
@ExtendWith(ApplicationExtension.class)
class PinLockScreenTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private Workspace workspace;
    private ExecutorService pool;
    private Stage stage;
    private MainWindow window;
    private long event;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-pins");
        try (App app = App.open(new DataDir(dir), "test setup")) {
            // loopback, nothing listens there: the window may try to record it, and reaches nobody
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://127.0.0.1:1/a"), null,
                    null, null));
            event = new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null)).id();
        }
        workspace = new Launcher().open(dir, "doorstep");
        workspace.lock().set(null, "owner pass".toCharArray());
        workspace.lock().people().add("Anna", People.Role.STAFF, "1234".toCharArray());
        workspace.lock().people().add("Bob", People.Role.OWNER, "98765".toCharArray());
        pool = UiExecutors.backgroundPool();
        WindowFeatures features = new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.ENGLISH);
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
    void staffChoosesTheirNameTypesThePinAndIsNamedButMayNotErase(FxRobot robot) {
        Label unlocked = robot.lookup("#unlockedAs").queryAs(Label.class);
        assertThat(unlocked.isVisible()).isFalse();
        robot.clickOn("#lockNow");
        Node screen = robot.lookup("#lockScreen").query();
        await().atMost(5, TimeUnit.SECONDS).until(screen::isVisible);
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#lockPerson1").tryQuery().isPresent());
        assertThat(robot.lookup("#lockPerson0").queryLabeled().getText()).isEqualTo("Anna (staff)");
        assertThat(robot.lookup("#lockPerson1").queryLabeled().getText()).isEqualTo("Bob (owner)");
        assertThat(robot.lookup("#lockPinPad").query().isVisible()).as("the password first").isFalse();

        robot.clickOn("#lockPerson0");
        assertThat(robot.lookup("#lockPinPad").query().isVisible()).isTrue();
        PasswordField field = robot.lookup("#lockPassword").queryAs(PasswordField.class);
        assertThat(field.getPromptText()).isEqualTo("PIN for Anna");
        snapshot(robot, stage, "pins-lock-screen.png");
        robot.clickOn("#pinDigit9").clickOn("#pinDigit9").clickOn("#pinBackspace").clickOn("#pinBackspace");
        robot.clickOn("#pinDigit1").clickOn("#pinDigit2");
        robot.clickOn("#lockPassword").write("34").type(KeyCode.ENTER); // the keyboard types into the same field
        await().atMost(10, TimeUnit.SECONDS).until(() -> !screen.isVisible());
        await().atMost(5, TimeUnit.SECONDS).until(unlocked::isVisible);
        assertThat(unlocked.getText()).isEqualTo("Unlocked: Anna (staff)");
        snapshot(robot, stage, "pins-unlocked.png");
        assertThat(workspace.lock().unlockedPerson()).isEqualTo(new Audit.Person("Anna", "staff"));

        robot.interact(() -> window.erase(EraseScope.event(event)).show());
        await().atMost(10, TimeUnit.SECONDS).until(() -> robot.lookup("#eraseButton").tryQuery()
                .map(b -> !b.isDisabled()).orElse(false));
        robot.clickOn("#eraseButton");
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            Label problem = robot.lookup("#eraseProblem").queryAs(Label.class);
            return problem.getText() != null && !problem.getText().isEmpty();
        });
        assertThat(robot.lookup("#eraseProblem").queryAs(Label.class).getText())
                .startsWith("Anna is unlocked as staff: erasing needs an owner.");
        robot.clickOn("#eraseCancel");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#lockNow");
        await().atMost(5, TimeUnit.SECONDS).until(screen::isVisible);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !unlocked.isVisible());
        assertThat(workspace.audit().entries(null, null)).filteredOn(r -> r.action().equals(Audit.UNLOCKED))
                .extracting(Audit.Row::person).containsExactly(new Audit.Person("Anna", "staff"));
    }

    @Test
    void anOwnerAddsAPersonInTheLockSettingsAndStaffSeeTheSectionGreyedOut(FxRobot robot) {
        Stage[] settings = new Stage[1];
        robot.interact(() -> settings[0] = window.openLockSettings());
        robot.clickOn("#personName").write("Cem");
        robot.interact(() -> robot.lookup("#personRole").<javafx.scene.control.ChoiceBox<People.Role>>query()
                .setValue(People.Role.STAFF));
        robot.clickOn("#personPin").write("2580");
        robot.clickOn("#personAdd");
        Label message = robot.lookup("#lockSettingsMessage").queryAs(Label.class);
        await().atMost(10, TimeUnit.SECONDS).until(() -> "Cem is added.".equals(message.getText()));
        assertThat(workspace.lock().people().list()).extracting(People.Member::name)
                .containsExactly("Anna", "Bob", "Cem");
        snapshot(robot, settings[0], "pins-people-settings.png");
        robot.interact(settings[0]::close);

        workspace.lock().lockNow();
        assertThat(workspace.lock().unlockAs("Cem", "2580".toCharArray()).ok()).isTrue();
        robot.interact(() -> settings[0] = window.openLockSettings());
        assertThat(robot.lookup("#peopleManage").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#peopleOwnerOnly").query().isVisible()).isTrue();
        robot.interact(settings[0]::close);
    }

    /** A picture for developers (and the lead's README) under target/screenshots. */
    private static void snapshot(FxRobot robot, Stage of, String name) {
        robot.interact(() -> {
            try {
                Path out = Path.of("target", "screenshots", name);
                Files.createDirectories(out.getParent());
                javafx.scene.image.WritableImage image = of.getScene().getRoot().snapshot(null, null);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        out.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aWrongPinSaysHowManyTriesAreLeftAndALockedOutPinSaysWhen(FxRobot robot) {
        robot.clickOn("#lockNow");
        Node screen = robot.lookup("#lockScreen").query();
        await().atMost(5, TimeUnit.SECONDS).until(screen::isVisible);
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#lockPerson0").tryQuery().isPresent());
        robot.clickOn("#lockPerson0");
        Label problem = robot.lookup("#lockProblem").queryAs(Label.class);
        for (int i = 4; i >= 0; i--) {
            robot.clickOn("#lockPassword").write("0000").type(KeyCode.ENTER);
            String expected = i > 1 ? "That is not the PIN. " + i + " more wrong PINs"
                    : i == 1 ? "That is not the PIN. One more wrong PIN and"
                    : "That is not the PIN. After too many wrong PINs it is refused until ";
            await().atMost(10, TimeUnit.SECONDS).until(() -> problem.getText() != null
                    && problem.getText().startsWith(expected));
        }
        robot.clickOn("#lockPassword").write("1234").type(KeyCode.ENTER);
        await().atMost(10, TimeUnit.SECONDS).until(() -> problem.getText() != null
                && problem.getText().startsWith("Too many wrong PINs: this PIN is refused until "));
        assertThat(screen.isVisible()).isTrue();
        // the lock password still works
        robot.clickOn("#lockChoosePassword");
        robot.clickOn("#lockPassword").write("owner pass").type(KeyCode.ENTER);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !screen.isVisible());
    }
}
