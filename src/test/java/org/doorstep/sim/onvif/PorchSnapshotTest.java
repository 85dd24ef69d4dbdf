package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.doorstep.sim.ClipKind;
import org.doorstep.sim.PorchScene;
import org.doorstep.sim.SceneTiming;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Test;

/** A snapshot taken while someone rings shows them, as a real camera's would. */
class PorchSnapshotTest {
    private static final int W = 320;
    private static final int H = 180;

    @Test
    void snapshotShowsWhatTheStreamShowsNow() throws Exception {
        SceneTiming timing = SceneTiming.forFps(15);
        int atDoor = timing.ringFrame();
        AtomicReference<VirtualDoorbell.Picture> now = new AtomicReference<>();
        PorchSnapshot snapshot = new PorchSnapshot(W, H, 15, now::get);
        BufferedImage empty = ImageIO.read(new ByteArrayInputStream(snapshot.get()));
        now.set(new VirtualDoorbell.Picture(ClipKind.VISIT, atDoor));
        BufferedImage visitor = ImageIO.read(new ByteArrayInputStream(snapshot.get()));
        now.set(new VirtualDoorbell.Picture(ClipKind.IDLE, 0));
        BufferedImage emptyAgain = ImageIO.read(new ByteArrayInputStream(snapshot.get()));

        assertThat(meanDifference(empty, visitor)).isGreaterThan(5.0);
        assertThat(meanDifference(empty, emptyAgain)).isLessThan(meanDifference(empty, visitor) / 3);
    }

    /** Mean absolute grey difference over the door region, where the visitor stands. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        double[] door = PorchScene.DOOR;
        int x0 = (int) (door[0] * W);
        int y0 = (int) (door[1] * H);
        int x1 = (int) (door[2] * W);
        int y1 = (int) (door[3] * H);
        long sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += Math.abs(grey(a.getRGB(x, y)) - grey(b.getRGB(x, y)));
                n++;
            }
        }
        return (double) sum / n;
    }

    private static int grey(int rgb) {
        return (((rgb >> 16) & 0xff) * 3 + ((rgb >> 8) & 0xff) * 6 + (rgb & 0xff)) / 10;
    }
}
