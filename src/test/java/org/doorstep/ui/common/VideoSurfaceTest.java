package org.doorstep.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.doorstep.media.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The video surface's size and visibility as a producer sees them, its buffers, and the digital zoom. */
@ExtendWith(ApplicationExtension.class)
class VideoSurfaceTest {
    private VideoSurface surface;
    private DigitalZoom zoom;
    private StackPane holder;

    @Start
    void start(Stage stage) {
        surface = new VideoSurface();
        zoom = new DigitalZoom(surface);
        holder = new StackPane(surface.node());
        stage.setScene(new Scene(holder, 320, 180));
        stage.show();
    }

    @Test
    void wantedFollowsTheLaidOutSizeAndIsEmptyWhileHidden(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(2)).until(() -> surface.wanted().equals(new Size(320, 180)));
        robot.interact(() -> holder.setVisible(false));
        // an ancestor hidden: no event reaches the surface, the producer's own asking notices it
        await().atMost(Duration.ofSeconds(2)).until(() -> surface.wanted().isEmpty());
        robot.interact(() -> holder.setVisible(true));
        await().atMost(Duration.ofSeconds(2)).until(() -> !surface.wanted().isEmpty());
    }

    @Test
    void publishedFramesAreShownFromTheBuffersWithoutCopying(FxRobot robot) {
        ByteBuffer first = paint(64, 36, 0xff2050a0);
        surface.publish();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(surface.hasPictureProperty().get()).isTrue();
        Image shown = surface.image();
        assertThat(shown.getWidth()).isEqualTo(64);
        assertThat(shown.getPixelReader().getArgb(10, 10)).isEqualTo(0xff2050a0);
        // the next buffer is another one: the shown one is never written while on screen
        ByteBuffer second = paint(64, 36, 0xff00ff00);
        assertThat(second).isNotSameAs(first);
        surface.publish();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(surface.image().getPixelReader().getArgb(5, 5)).isEqualTo(0xff00ff00);
        ByteBuffer third = surface.acquire(64, 36);
        assertThat(third).isNotSameAs(second).isNotSameAs(first); // first may still be drawn for one pulse
        robot.interact(surface::clear);
        assertThat(surface.hasPictureProperty().get()).isFalse();
    }

    @Test
    void zoomMagnifiesAroundThePointAndAsksForMorePixels(FxRobot robot) {
        paint(320, 180, 0xff808080);
        surface.publish();
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(2)).until(() -> surface.wanted().equals(new Size(320, 180)));
        robot.interact(() -> zoom.zoomAround(2.0, 320, 180)); // bottom-right corner stays put
        assertThat(zoom.zoomProperty().get()).isEqualTo(2.0);
        var viewport = surface.imageView().getViewport();
        assertThat(viewport.getMinX()).isEqualTo(160.0);
        assertThat(viewport.getMinY()).isEqualTo(90.0);
        assertThat(viewport.getWidth()).isEqualTo(160.0);
        assertThat(surface.wanted()).isEqualTo(new Size(640, 360));
        robot.interact(() -> zoom.zoomProperty().set(50));
        assertThat(zoom.zoomProperty().get()).isEqualTo(DigitalZoom.MAX);
        robot.interact(zoom::reset);
        assertThat(surface.imageView().getViewport()).isNull();
        assertThat(surface.wanted()).isEqualTo(new Size(320, 180));
    }

    private ByteBuffer paint(int w, int h, int argb) {
        ByteBuffer b = surface.acquire(w, h);
        assertThat(b.capacity()).isEqualTo(w * h * 4);
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < w * h; i++) {
            le.putInt(i * 4, argb);
        }
        return b;
    }
}
