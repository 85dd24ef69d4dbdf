package org.doorstep.motion;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes a small grey analysis picture as JPEG for event thumbnails. */
public final class GreyJpeg {
    private GreyJpeg() {}

    public static byte[] encode(byte[] grey, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, grey);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IOException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
