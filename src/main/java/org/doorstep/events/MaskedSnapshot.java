package org.doorstep.events;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.doorstep.motion.MotionMask;

/**
 * A camera's own snapshot (a ring's thumbnail) with the camera's privacy masks painted black before it is stored, as
 * in the recording. A snapshot that cannot be read is not stored at all rather than stored unmasked.
 */
final class MaskedSnapshot {
    private MaskedSnapshot() {
    }

    /** The JPEG with the masked pixels black; null when it cannot be decoded (then nothing may be stored). */
    static byte[] apply(byte[] jpeg, MotionMask privacy) throws IOException {
        if (privacy.isEmpty()) {
            return jpeg;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null) {
            return null;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        byte[] keep = privacy.raster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (keep[y * w + x] == 0) {
                    rgb.setRGB(x, y, 0);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(rgb, "jpg", out)) {
            return null;
        }
        return out.toByteArray();
    }
}
