package org.doorstep.ui.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.doorstep.App;
import org.doorstep.playback.RecordedFootage;
import org.doorstep.store.DataDir;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.common.VideoSurface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The player in the real window over recorded, encrypted footage: open, seek, step, and see the picture change. */
@ExtendWith(ApplicationExtension.class)
class PlayerViewTest {
    static final Instant T0 = Instant.parse("2026-11-30T14:03:00Z");

    private MainWindow window;
    private WindowFeatures features;
    private App app;
    private ExecutorService pool;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-player");
        app = App.open(new DataDir(dir.resolve("data")), "player test");
        RecordedFootage footage = new RecordedFootage(app, dir.resolve("work"));
        long cam = footage.camera("Front door");
        footage.store(cam, T0, footage.encode(0, 50, 10, 1.0));
        pool = UiExecutors.backgroundPool();
        features = new WindowFeatures(app, UiExecutors.forWindow(pool), Locale.ENGLISH);
        features.player().sound(false);
        window = new MainWindow(features);
        window.show(stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        // hidden first: the window stops its refresh and streams before their pool goes away
        robot.interact(stage::hide);
        pool.shutdownNow();
        app.close();
    }

    private static int[] pixels(VideoSurface surface) {
        Image img = surface.image();
        PixelReader r = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = r.getArgb(x, y);
            }
        }
        return out;
    }

    @Test
    void opensSeeksAndStepsAndThePictureChanges(FxRobot robot) {
        robot.interact(() -> window.play(List.of("Front door"), T0.plusSeconds(1)));
        VideoSurface surface = window.player().surface("Front door");
        await().atMost(10, TimeUnit.SECONDS).until(() -> surface.hasPictureProperty().get());
        PlayerViewModel model = window.player().model();
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusSeconds(1).equals(model.shownAt("Front door")));
        WaitForAsyncUtils.waitForFxEvents();
        int[] first = fxPixels(robot, surface);

        robot.type(KeyCode.RIGHT);
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusMillis(1100).equals(model.shownAt("Front door")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !java.util.Arrays.equals(first, fxPixels(robot, surface)));

        robot.interact(() -> window.player().zoom("Front door").zoomAround(2.0, 100, 100));
        double zoomed = window.player().zoom("Front door").zoomProperty().get();
        assertThat(zoomed).isGreaterThan(1.0);
        robot.interact(() -> model.seek(T0.plusMillis(3700)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusMillis(3700).equals(model.shownAt("Front door")));
        assertThat(robot.lookup("#playerTime").queryLabeled().getText()).startsWith("2026-11-30 ");
        assertThat(window.player().zoom("Front door").zoomProperty().get()).isEqualTo(zoomed); // kept through seek

        robot.type(KeyCode.SPACE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> model.playingProperty().get());
        assertThat(robot.lookup("#playPause").queryAs(Button.class).getTooltip().getText()).isEqualTo("Pause (Space)");
        robot.type(KeyCode.K);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !model.playingProperty().get());
        assertThat(window.player().zoom("Front door").zoomProperty().get()).isEqualTo(zoomed); // and through play
        assertThat(robot.lookup("#stepForward").queryAs(Button.class).getAccessibleText()).isEqualTo("Next frame (→)");

        robot.clickOn("#backToLive");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#player").tryQuery()).isEmpty();
        assertThat(model.openProperty().get()).isFalse();
    }

    @Test
    void theTimelineOpensThePlayerPlaysFromAClickAndPreviewsWhileThePlayheadIsDragged(FxRobot robot) {
        // dragging the playhead: the player opens paused on that instant and follows each move
        robot.interact(() -> features.timeline().scrub(T0.plusSeconds(2)));
        PlayerViewModel model = window.player().model();
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusSeconds(2).equals(model.shownAt("Front door")));
        assertThat(model.playingProperty().get()).isFalse();
        robot.interact(() -> features.timeline().scrub(T0.plusSeconds(3)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> T0.plusSeconds(3).equals(model.shownAt("Front door")));
        assertThat(features.timeline().playheadProperty().get()).isEqualTo(T0.plusSeconds(3));

        // a click on the timeline plays every camera from there
        robot.interact(() -> features.timeline().play(T0.plusSeconds(1)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> model.playingProperty().get());
        assertThat(robot.lookup("#player").tryQuery()).isPresent();
        assertThat(model.cameras()).containsExactly("Front door");
        // and the player moves the timeline's playhead
        await().atMost(10, TimeUnit.SECONDS).until(() -> features.timeline().playheadProperty().get() != null
                && features.timeline().playheadProperty().get().isAfter(T0.plusSeconds(1)));
    }

    private static int[] fxPixels(FxRobot robot, VideoSurface surface) {
        int[][] got = new int[1][];
        robot.interact(() -> got[0] = pixels(surface));
        return got[0];
    }
}
