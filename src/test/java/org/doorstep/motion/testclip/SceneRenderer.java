package org.doorstep.motion.testclip;

import java.util.SplittableRandom;

/**
 * Draws the frames of a {@link Scenario} as 8-bit grey pictures of any size, deterministically (same
 * scenario, size and frame index give the same pixels). Pixel = reflectance × light + sensor noise.
 */
public final class SceneRenderer {

    private static final int NOISE_TABLE = 1 << 16;

    private final Scenario scenario;
    private final int width;
    private final int height;
    private final int fps;
    private final float[] reflectance;
    private final float[] noiseTable = new float[NOISE_TABLE];
    private final float[] frameReflectance;

    public SceneRenderer(Scenario scenario, int width, int height, int fps) {
        this.scenario = scenario;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.reflectance = background(width, height);
        this.frameReflectance = new float[width * height];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < NOISE_TABLE; i++) {
            noiseTable[i] = (float) gaussian(random);
        }
    }

    public int frameCount() {
        return (int) Math.round(scenario.seconds() * fps);
    }

    public int fps() {
        return fps;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Renders frame {@code index} into {@code out} (width × height bytes). */
    public void render(int index, byte[] out) {
        double t = (double) index / fps;
        System.arraycopy(reflectance, 0, frameReflectance, 0, reflectance.length);
        drawLeaves(t, index);
        for (Walker w : scenario.walkers()) {
            drawWalker(w, t);
        }
        float light = (float) scenario.light().applyAsDouble(t);
        float noise = (float) scenario.noise();
        long state = 0x9E3779B97F4A7C15L * (index + 1);
        for (int i = 0; i < out.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            float v = frameReflectance[i] * light * 235f + 10f + noise * noiseTable[(int) (state & (NOISE_TABLE - 1))];
            out[i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : (int) v);
        }
    }

    private void drawWalker(Walker w, double t) {
        if (t < w.enterAt() || t > w.leaveAt()) {
            return;
        }
        double aspect = (double) width / height;
        double left = w.leftAt(t, aspect) * width;
        double bodyW = w.width() / aspect * width;
        double top = (w.footY() - w.height()) * height;
        double total = w.height() * height;
        double headR = total * 0.11;
        // gait: legs swing, so the silhouette changes every frame like a real person's
        double swing = Math.sin(t * 2 * Math.PI * 1.6) * bodyW * 0.25;
        float r = (float) w.reflectance();
        fillEllipse(left + bodyW / 2, top + headR, headR * 0.8, headR, r);
        fillRect(left, top + 2 * headR, bodyW, total * 0.45, r);
        double legTop = top + 2 * headR + total * 0.45;
        double legH = total - (legTop - top);
        fillRect(left + bodyW * 0.1 + swing, legTop, bodyW * 0.35, legH, r);
        fillRect(left + bodyW * 0.55 - swing, legTop, bodyW * 0.35, legH, r);
    }

    private void drawLeaves(double t, int index) {
        if (scenario.leaves() == null) {
            return;
        }
        double[] xs = scenario.leaves().xs();
        double[] ys = scenario.leaves().ys();
        double x0 = min(xs) * width;
        double x1 = max(xs) * width;
        double y0 = min(ys) * height;
        double y1 = max(ys) * height;
        SplittableRandom random = new SplittableRandom(1000L + index / 2);
        int blobs = 14;
        for (int b = 0; b < blobs; b++) {
            double r = height * (0.015 + 0.02 * random.nextDouble());
            double cx = x0 + r + random.nextDouble() * (x1 - x0 - 2 * r);
            double cy = y0 + r + random.nextDouble() * (y1 - y0 - 2 * r);
            fillEllipse(cx, cy, r * 1.4, r, (float) (0.1 + 0.8 * random.nextDouble()));
        }
    }

    private void fillRect(double x, double y, double w, double h, float value) {
        int xa = Math.max(0, (int) Math.round(x));
        int xb = Math.min(width, (int) Math.round(x + w));
        int ya = Math.max(0, (int) Math.round(y));
        int yb = Math.min(height, (int) Math.round(y + h));
        for (int yy = ya; yy < yb; yy++) {
            for (int xx = xa; xx < xb; xx++) {
                frameReflectance[yy * width + xx] = value;
            }
        }
    }

    private void fillEllipse(double cx, double cy, double rx, double ry, float value) {
        int ya = Math.max(0, (int) Math.floor(cy - ry));
        int yb = Math.min(height - 1, (int) Math.ceil(cy + ry));
        int xa = Math.max(0, (int) Math.floor(cx - rx));
        int xb = Math.min(width - 1, (int) Math.ceil(cx + rx));
        for (int yy = ya; yy <= yb; yy++) {
            for (int xx = xa; xx <= xb; xx++) {
                double dx = (xx + 0.5 - cx) / rx;
                double dy = (yy + 0.5 - cy) / ry;
                if (dx * dx + dy * dy <= 1) {
                    frameReflectance[yy * width + xx] = value;
                }
            }
        }
    }

    /** A plausible front-yard: sky gradient, a house with door and windows, a path, textured ground. */
    private static float[] background(int w, int h) {
        float[] r = new float[w * h];
        SplittableRandom random = new SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ny = (double) y / h;
                double nx = (double) x / w;
                double v = ny < 0.45 ? 0.75 - 0.2 * ny : 0.35 + 0.1 * Math.sin(nx * 40) * Math.sin(ny * 30);
                r[y * w + x] = (float) v;
            }
        }
        rect(r, w, h, 0.1, 0.15, 0.5, 0.5, 0.55f);   // house wall
        rect(r, w, h, 0.27, 0.35, 0.1, 0.3, 0.2f);   // door
        rect(r, w, h, 0.14, 0.25, 0.08, 0.1, 0.85f); // window
        rect(r, w, h, 0.45, 0.25, 0.08, 0.1, 0.85f); // window
        rect(r, w, h, 0.0, 0.82, 1.0, 0.06, 0.65f);  // path
        rect(r, w, h, 0.74, 0.1, 0.2, 0.25, 0.3f);   // tree crown
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.max(0.12, Math.min(0.9, r[i] + 0.04 * (random.nextDouble() - 0.5)));
        }
        return r;
    }

    private static void rect(float[] r, int w, int h, double x, double y, double rw, double rh, float v) {
        for (int yy = (int) (y * h); yy < Math.min(h, (int) ((y + rh) * h)); yy++) {
            for (int xx = (int) (x * w); xx < Math.min(w, (int) ((x + rw) * w)); xx++) {
                r[yy * w + xx] = v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double min(double[] a) {
        double m = a[0];
        for (double d : a) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = a[0];
        for (double d : a) {
            m = Math.max(m, d);
        }
        return m;
    }
}
