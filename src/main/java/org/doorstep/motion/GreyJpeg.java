package org.doorstep.motion;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes a small grey analysis picture as JPEG for event thumbnails. */
public final class GreyJpeg {
    private GreyJpeg() {}

    public static byte[] encode(byte[] grey, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, grey);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        // in memory: ImageIO's default disk cache registers a shutdown hook, which fails while the app shuts down
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
