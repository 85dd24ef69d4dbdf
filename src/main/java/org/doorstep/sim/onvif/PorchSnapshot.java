package org.doorstep.sim.onvif;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.doorstep.sim.ClipKind;
import org.doorstep.sim.PorchScene;
import org.doorstep.sim.SceneTiming;
import org.doorstep.sim.VirtualDoorbell;

/**
 * Snapshot source for the simulated camera: the picture the virtual doorbell's streams show right now
 * (a visitor at the door while one rings), rendered on request as a JPEG; without a running scene, the
 * empty porch. The last picture is reused while the scene stands still.
 */
public final class PorchSnapshot implements Supplier<byte[]> {
    private final int width;
    private final int height;
    private final int fps;
    private final Supplier<VirtualDoorbell.Picture> current;
    private PorchScene scene;
    private VirtualDoorbell.Picture renderedPicture;
    private byte[] jpeg;

    public PorchSnapshot(int width, int height, int fps) {
        this(width, height, fps, () -> null);
    }

    /** @param current the picture the streams show now (null: the empty porch) */
    public PorchSnapshot(int width, int height, int fps, Supplier<VirtualDoorbell.Picture> current) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.current = current;
    }

    @Override
    public synchronized byte[] get() {
        VirtualDoorbell.Picture wanted = current.get();
        if (wanted == null) {
            wanted = new VirtualDoorbell.Picture(ClipKind.IDLE, 0);
        }
        if (jpeg == null || !wanted.equals(renderedPicture)) {
            if (scene == null) {
                scene = new PorchScene(width, height, SceneTiming.forFps(fps));
            }
            byte[] yuv = new byte[scene.frameBytes()];
            scene.render(wanted.kind(), wanted.frame(), yuv);
            jpeg = i420ToJpeg(yuv, width, height, 0.85f);
            renderedPicture = wanted;
        }
        return jpeg.clone();
    }

    /** Encodes a YUV 4:2:0 planar picture (BT.601 limited range) as JPEG. */
    static byte[] i420ToJpeg(byte[] yuv, int width, int height, float quality) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int cw = width / 2;
        int uBase = width * height;
        int vBase = uBase + cw * (height / 2);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = (yuv[y * width + x] & 0xff) - 16;
                int ci = (y / 2) * cw + x / 2;
                int d = (yuv[uBase + ci] & 0xff) - 128;
                int e = (yuv[vBase + ci] & 0xff) - 128;
                int r = clamp((298 * c + 409 * e + 128) >> 8);
                int g = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
                int b = clamp((298 * c + 516 * d + 128) >> 8);
                row[x] = (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
