package org.doorstep.ui.paperwork;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.OwnerStore;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.paperwork.Paperwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** docs/screenshots/paperwork-{light,dark}.png: {@code ./mvnw -q -Pscreenshots test -Dtest=PaperworkScreenshotTest}. */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class PaperworkScreenshotTest {
    @TempDir
    Path dir;

    ExecutorService pool;
    Stage owner;
    Stage window;

    @Start
    void start(Stage stage) {
        owner = stage;
        pool = UiExecutors.backgroundPool();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            if (window != null) {
                window.close();
            }
            Theme.LIGHT.apply();
        });
        pool.shutdownNow();
    }

    @Test
    void theWindowInBothThemes(FxRobot robot) throws Exception {
        OwnerController info = new OwnerController(new OwnerStore(dir.resolve("owner.json")));
        info.save("Alex Example", "", "To see who is at the door and to protect our home against break-ins.",
                "household");
        Paperwork paperwork = new Paperwork(() -> List.of(Camera.newCamera("Front door",
                URI.create("rtsp://192.168.1.20/main"), null, null, Duration.ofHours(48))), info::current, () -> 0,
                dir.resolve("paperwork"), Clock.systemUTC(), ZoneOffset.UTC);
        PaperworkViewModel model = new PaperworkViewModel(paperwork, info, UiExecutors.forWindow(pool),
                Messages.of("paperwork", Locale.ENGLISH), file -> { });
        robot.interact(() -> window = PaperworkView.open(model, owner));
        ImageView preview = robot.lookup("#paperworkPreview").queryAs(ImageView.class);
        await().atMost(30, TimeUnit.SECONDS).until(() -> preview.getImage() != null);
        Path out = Path.of("docs", "screenshots");
        Files.createDirectories(out);
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(theme::apply);
            Thread.sleep(800);
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] image = new WritableImage[1];
            robot.interact(() -> image[0] = window.getScene().getRoot().snapshot(null, null));
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png",
                    out.resolve("paperwork-" + (theme == Theme.DARK ? "dark" : "light") + ".png").toFile());
        }
    }
}
