package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import java.nio.ByteBuffer;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

/** The light change darkens and brightens the whole picture slowly and evenly: no motion, and a seamless loop. */
class LightChangeTest {

    @Test
    void lightRampIsSlowUniformAndReturnsToIdleBrightness() throws Exception {
        SceneTiming timing = SceneTiming.forFps(15);
        SceneRenderer renderer = new SceneRenderer(SimTestSupport.sharedCache());
        renderer.load(timing, RenderProgress.NONE, new int[] {640, 360});
        var file = renderer.clipDir(640, 360, timing).resolve("light.h264");
        double first = Double.NaN;
        double last = Double.NaN;
        double darkest = Double.MAX_VALUE;
        double maxStep = 0;
        double maxUnevenStep = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_GRAY8);
            g.start();
            double[] previous = null;
            int n = 0;
            Frame f;
            while ((f = g.grabImage()) != null) {
                double[] cells = cellMeans((ByteBuffer) f.image[0], f.imageWidth, f.imageHeight, f.imageStride);
                double mean = java.util.Arrays.stream(cells).average().orElseThrow();
                if (n == 0) {
                    first = mean;
                }
                last = mean;
                darkest = Math.min(darkest, mean);
                if (previous != null) {
                    double step = mean - java.util.Arrays.stream(previous).average().orElseThrow();
                    maxStep = Math.max(maxStep, Math.abs(step));
                    for (int i = 0; i < cells.length; i++) {
                        // every part of the picture changes by about the same relative amount
                        double expected = previous[i] * (mean / java.util.Arrays.stream(previous).average().orElseThrow());
                        maxUnevenStep = Math.max(maxUnevenStep, Math.abs(cells[i] - expected));
                    }
                }
                previous = cells;
                n++;
            }
            assertThat(n).isEqualTo(timing.lightFrames());
        }
        System.out.printf("light change: %.1f -> darkest %.1f -> %.1f, max step %.2f, max uneven step %.2f%n",
                first, darkest, last, maxStep, maxUnevenStep);
        assertThat(first - darkest).as("visible dimming").isGreaterThan(20);
        assertThat(Math.abs(last - first)).as("ends where the idle loop is").isLessThan(1.5);
        // about 0.9 grey levels a picture by design; the encoder adds a little at key frames. Motion detectors
        // look for changes of ~25-30 levels in part of the picture, so this never counts as motion.
        assertThat(maxStep).as("slow: no sudden jumps").isLessThan(4.0);
        assertThat(maxUnevenStep).as("even over the picture: nothing moves").isLessThan(5.0);
    }

    /** Mean grey level of an 8x6 grid of cells. */
    private static double[] cellMeans(ByteBuffer b, int w, int h, int stride) {
        double[] sums = new double[48];
        int[] counts = new int[48];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int cell = (y * 6 / h) * 8 + (x * 8 / w);
                sums[cell] += b.get(y * stride + x) & 0xff;
                counts[cell]++;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= counts[i];
        }
        return sums;
    }
}
