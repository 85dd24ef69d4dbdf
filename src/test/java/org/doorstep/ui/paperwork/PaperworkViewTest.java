package org.doorstep.ui.paperwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerStore;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.paperwork.Paperwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The "Privacy paperwork" window driven headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class PaperworkViewTest {
    @TempDir
    Path dir;

    ExecutorService pool;
    Stage owner;
    Stage window;
    final List<Path> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.owner = stage;
        pool = UiExecutors.backgroundPool();
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        if (window != null) {
            robot.interact(window::close);
        }
        pool.shutdownNow();
    }

    private void open(FxRobot robot) {
        OwnerController ownerInfo = new OwnerController(new OwnerStore(dir.resolve("owner.json")));
        Paperwork paperwork = new Paperwork(() -> List.of(Camera.newCamera("Front door",
                URI.create("rtsp://192.168.1.20/main"), null, null, Duration.ofHours(48))), ownerInfo::current,
                () -> 0, dir.resolve("paperwork"), Clock.systemUTC(), ZoneOffset.UTC);
        PaperworkViewModel model = new PaperworkViewModel(paperwork, ownerInfo, UiExecutors.forWindow(pool),
                Messages.of("paperwork", Locale.ENGLISH), opened::add);
        robot.interact(() -> window = PaperworkView.open(model, owner));
    }

    @Test
    void showsThePreviewSwitchesLanguageAndOpensTheRecord(FxRobot robot) {
        open(robot);
        ImageView preview = robot.lookup("#paperworkPreview").queryAs(ImageView.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> preview.getImage() != null);
        assertThat(preview.getImage().getWidth()).isEqualTo(1240);
        Label missing = robot.lookup("#paperworkMissing").queryAs(Label.class);
        assertThat(missing.getText()).startsWith("Missing on the paperwork: the controller's name");

        var first = preview.getImage();
        @SuppressWarnings("unchecked")
        ComboBox<Locale> language = robot.lookup("#paperworkLanguage").queryAs(ComboBox.class);
        assertThat(language.getConverter().toString(Locale.GERMAN)).isEqualTo("German");
        robot.interact(() -> language.setValue(Locale.GERMAN));
        await().atMost(20, TimeUnit.SECONDS).until(() -> preview.getImage() != first);

        robot.interact(() -> robot.lookup("#paperworkOpenRecord").queryAs(Button.class).fire());
        await().atMost(20, TimeUnit.SECONDS).until(() -> !opened.isEmpty());
        assertThat(opened).containsExactly(dir.resolve("paperwork/record-de.pdf"));
    }

    @Test
    void typingWhoRecordsAndSavingFillsTheSign(FxRobot robot) throws Exception {
        open(robot);
        ImageView preview = robot.lookup("#paperworkPreview").queryAs(ImageView.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> preview.getImage() != null);
        robot.clickOn("#paperworkName").write("Anna"); // typed, then the rest set at once (typing is slow here)
        robot.interact(() -> {
            robot.lookup("#paperworkName").queryAs(javafx.scene.control.TextField.class).appendText(" Schmidt");
            robot.lookup("#paperworkContact").queryAs(javafx.scene.control.TextField.class)
                    .setText("anna@example.org");
            robot.lookup("#paperworkPurpose").queryAs(javafx.scene.control.TextArea.class)
                    .setText("To see who rings");
        });
        robot.interact(() -> robot.lookup("#paperworkSaveOwner").queryAs(Button.class).fire());
        Label message = robot.lookup("#paperworkMessage").queryAs(Label.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> "Saved; the paperwork now shows it.".equals(message.getText()));
        Label missing = robot.lookup("#paperworkMissing").queryAs(Label.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> "Nothing is missing.".equals(missing.getText()));
        assertThat(new OwnerStore(dir.resolve("owner.json")).load()).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("Anna Schmidt");
            assertThat(o.purpose()).isEqualTo("To see who rings");
        });
    }
}
