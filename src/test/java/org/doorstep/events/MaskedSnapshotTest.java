package org.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.doorstep.motion.MotionMask;
import org.junit.jupiter.api.Test;

/** A ring's snapshot from the camera has the privacy masks black before it is stored; an unreadable one is dropped. */
class MaskedSnapshotTest {

    @Test
    void maskedAreaOfTheCamerasSnapshotIsBlack() throws Exception {
        BufferedImage white = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 32);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(white, "jpg", jpeg);
        MotionMask leftHalf = new MotionMask(List.of(MotionMask.Polygon.rectangle(0, 0, 0.5, 1)));

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(MaskedSnapshot.apply(jpeg.toByteArray(), leftHalf)));
        for (int y = 2; y < 30; y++) {
            for (int x = 0; x < 28; x++) {
                assertThat(out.getRGB(x, y) & 0xff).as("masked " + x + "," + y).isLessThan(20);
            }
            for (int x = 36; x < 64; x++) {
                assertThat(out.getRGB(x, y) & 0xff).as("visible " + x + "," + y).isGreaterThan(230);
            }
        }
        assertThat(MaskedSnapshot.apply(jpeg.toByteArray(), MotionMask.NONE)).isEqualTo(jpeg.toByteArray());
        assertThat(MaskedSnapshot.apply(new byte[] {1, 2, 3}, leftHalf)).isNull();
    }
}
