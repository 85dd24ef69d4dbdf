package org.doorstep.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.doorstep.Launcher;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.demo.DemoDoorbell;
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
 * {@code ./mvnw -q -Pscreenshots verify}; writes {@code docs/screenshots/<view>-<light|dark>.png}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotSession {
    private static final Path OUT = Path.of("docs", "screenshots");
    private Workspace workspace;
    private ExecutorService pool;
    private MainWindow window;
    private WindowFeatures features;
    private Stage stage;
    private DemoDoorbell.Running doorbell;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("doorstep-screenshots");
        reuseRenderedScene(dir);
        workspace = new Launcher().open(dir, "screenshots");
        pool = UiExecutors.backgroundPool();
        features = new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.ENGLISH);
        window = new MainWindow(features);
        Theme.LIGHT.apply();
        window.show(stage);
    }

    @AfterEach
    void close() {
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
        doorbell = workspace.demo().start((done, total) -> { });
        workspace.watch().start(List.of());
        robot.interact(() -> features.cameras().reload());
        // two visitor cycles, so the timeline and the event list have rings and motion to show
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> workspace.timeline()
                .events(null, "ring", java.time.Instant.now().minus(Duration.ofHours(1)), java.time.Instant.now(), false)
                .size() >= 2);
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(theme::apply);
            String suffix = theme == Theme.DARK ? "-dark" : "-light";
            pause(robot, Duration.ofSeconds(3));
            shoot(robot, stage.getScene().getRoot(), "live-grid" + suffix);
            shoot(robot, window.timeline().node(), "timeline" + suffix);
        }
        try (Stream<Path> files = Files.list(OUT)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(4);
        }
    }

    private static void pause(FxRobot robot, Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shoot(FxRobot robot, Node node, String name) throws IOException {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = node.snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", OUT.resolve(name + ".png").toFile());
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
