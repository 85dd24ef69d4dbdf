package org.doorstep.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.doorstep.Launcher;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.ui.MainWindow;
import org.doorstep.ui.WindowFeatures;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.common.VideoSurface;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live view in the main window against the virtual doorbell on loopback: real frames in the grid and in the
 * single view, switching by click and by key, and the badge of a camera nothing answers for.
 */
@ExtendWith(ApplicationExtension.class)
class LiveScreenTest {
    private static final String USER = "viewer";
    private static final String PASSWORD = "porch-5512";
    private VirtualDoorbell doorbell;
    private Workspace workspace;
    private ExecutorService pool;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, false);
        doorbell = new VirtualDoorbell(cfg);
        doorbell.start();
        Path dir = Files.createTempDirectory("doorstep-live");
        workspace = new Launcher().open(dir, "live window test");
        workspace.catalog().add(new CameraCatalog.ByAddress("Porch",
                doorbell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString(), USER, PASSWORD.toCharArray(), null));
        workspace.catalog().add(new CameraCatalog.ByAddress("Garage", "rtsp://127.0.0.1:" + freePort() + "/main",
                null, null, null, null));
        pool = UiExecutors.backgroundPool();
        window = new MainWindow(new WindowFeatures(workspace, UiExecutors.forWindow(pool), Locale.ENGLISH));
        window.show(stage);
        this.stage = stage;
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::hide); // stops the timeline refresh and closes the live streams
        pool.shutdownNow();
        workspace.close();
        doorbell.close();
    }

    @Test
    void gridAndSingleViewShowRealFramesAndSwitchByClickAndKey(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tile-2").tryQuery().isPresent());
        LiveScreen live = window.live();
        // tiles come in the catalog's order: Garage is 1, Porch 2
        VideoSurface porchTile = live.tileSurface(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasRealPicture(porchTile));
        Label porchBadge = robot.lookup("#badge-2").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> "Live".equals(porchBadge.getText()));
        double tileWidth = porchTile.image().getWidth();
        assertThat(tileWidth).isLessThanOrEqualTo(640); // the sub stream, scaled to the tile

        // a camera nobody answers for says so on its tile
        Label garageBadge = robot.lookup("#badge-1").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> garageBadge.getText()
                .equals("Reconnecting: camera unreachable"));
        assertThat(garageBadge.getGraphic()).isNotNull(); // an icon, not colour alone
        save(robot, "grid");

        // click a tile: that camera large, from its main stream
        robot.clickOn("#tile-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#liveSingle")).isTrue();
        assertThat(visible(robot, "#liveGrid")).isFalse();
        assertThat(robot.lookup("#liveSingleName").queryAs(Label.class).getText()).isEqualTo("Porch");
        VideoSurface single = live.singleSurface();
        await().atMost(Duration.ofSeconds(15)).until(() -> hasRealPicture(single));
        assertThat(single.image().getWidth()).isGreaterThan(tileWidth);
        save(robot, "single");
        // the hidden grid decodes nothing
        await().atMost(Duration.ofSeconds(2)).until(() -> porchTile.wanted().isEmpty());

        // G goes back to the grid, 1 shows the first camera, Esc goes back again
        robot.type(KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#liveGrid")).isTrue();
        assertThat(visible(robot, "#liveSingle")).isFalse();
        robot.type(KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#liveSingle")).isTrue();
        assertThat(robot.lookup("#liveSingleName").queryAs(Label.class).getText()).isEqualTo("Garage");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#liveGrid")).isTrue();
        // the grid's stream comes back after it was paused
        robot.interact(porchTile::clear);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasRealPicture(porchTile));

        // a zoomed tile shows the main stream (more pixels than the 640-wide sub stream has), 1x goes back
        robot.interact(() -> live.tileZoom(2).zoomProperty().set(3.0)); // the tile is small in the full window
        await().atMost(Duration.ofSeconds(5)).until(() -> live.model().qualityIn(porchTile)
                == org.doorstep.usecase.live.Quality.MAIN);
        // an upscaled sub-stream frame may be shown until the main stream's first keyframe arrives
        await().atMost(Duration.ofSeconds(15)).until(() -> porchTile.image() != null
                && porchTile.image().getWidth() > 640 && hasRealPicture(porchTile));
        robot.interact(() -> live.tileZoom(2).reset());
        assertThat(live.model().qualityIn(porchTile)).isEqualTo(org.doorstep.usecase.live.Quality.SUB);

        // the Grid button works too
        robot.clickOn("#tile-2");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#liveGridButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#liveGrid")).isTrue();
    }

    @Test
    void aRingFlashesTheTileWithAnIcon(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#tile-2").tryQuery().isPresent());
        Node ring = robot.lookup("#ring-2").query();
        assertThat(ring.isVisible()).isFalse();
        long porch = workspace.catalog().require("Porch").id();
        // as the desktop app wires Watch.onRing
        robotRing(robot, porch);
        assertThat(ring.isVisible()).isTrue();
        assertThat(((Label) ring).getGraphic()).isNotNull();
        assertThat(((Label) ring).getText()).isEqualTo("Ring");
        save(robot, "ring");
        assertThat(robot.lookup("#ring-1").query().isVisible()).isFalse();
    }

    private void robotRing(FxRobot robot, long cameraId) {
        robot.interact(() -> featuresModel().rang(cameraId));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private LiveViewModel featuresModel() {
        return window.live().model();
    }

    /** A picture of the window in target/live-screens, to look at what the test saw. */
    private void save(FxRobot robot, String name) {
        robot.interact(() -> {
            javafx.scene.image.WritableImage shot = stage.getScene().getRoot().snapshot(null, null);
            try {
                Path out = Path.of("target", "live-screens");
                Files.createDirectories(out);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null), "png",
                        out.resolve(name + ".png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static boolean visible(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible();
    }

    /** A frame with many different pixels: real video, not a blank or a single colour. */
    private static boolean hasRealPicture(VideoSurface surface) {
        Image image = surface.image();
        if (image == null) {
            return false;
        }
        PixelReader r = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        for (int y = 0; y < h; y += Math.max(1, h / 20)) {
            for (int x = 0; x < w; x += Math.max(1, w / 20)) {
                colours.add(r.getArgb(x, y));
            }
        }
        return colours.size() > 20;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
