package org.doorstep.sim;

import java.util.Random;

/**
 * Draws the porch picture in YUV 4:2:0 (BT.601, limited range) at any size: a wall with siding, a door
 * with its frame and knob, a bell button, a lamp, a step, a plant, and sensor noise. A visitor figure and a
 * slow light ramp are drawn on top for the visit and light clips. Geometry is kept in fractions of the
 * frame, so the main and the sub stream show the same scene.
 */
public final class PorchScene {

    /** Door rectangle in fractions of the frame (x0, y0, x1, y1); tests measure changes there. */
    public static final double[] DOOR = {0.42, 0.18, 0.58, 0.85};

    private static final double PERSON_H = 0.56;   // of frame height
    private static final double FEET_Y = 0.885;
    private static final double STAND_X = 0.52;
    private static final double BELL_X = 0.615;
    private static final double BELL_Y = 0.52;
    private static final double LIGHT_DIP = 0.35;  // darkest point of the light clip: 65 % brightness
    private static final int NOISE_AMPLITUDE = 3;

    private final int width;
    private final int height;
    private final SceneTiming timing;
    private final byte[] background;
    private final byte[] noise;
    private final Random random = new Random(20260101L);
    private final byte[] lumaLut = new byte[256];
    private final byte[] chromaLut = new byte[256];
    /** Whether the visitor casts a shadow on the wall and the floor (scripted field scenes). */
    private boolean shadow;

    public PorchScene(int width, int height, SceneTiming timing) {
        if (width < 32 || height < 32 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("frame size must be even and at least 32x32: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.timing = timing;
        this.background = new byte[frameBytes()];
        drawBackground(background);
        this.noise = new byte[width * height + 65536];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) Math.round(Math.max(-NOISE_AMPLITUDE, Math.min(NOISE_AMPLITUDE, random.nextGaussian() * 1.3)));
        }
    }

    /** Lets the visitor cast a soft shadow to their right, as under a porch lamp; off by default. */
    public PorchScene withShadow(boolean on) {
        this.shadow = on;
        return this;
    }

    public int frameBytes() {
        return width * height * 3 / 2;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Renders frame {@code index} of clip {@code kind} into {@code yuv} (size {@link #frameBytes()}). */
    public void render(ClipKind kind, int index, byte[] yuv) {
        System.arraycopy(background, 0, yuv, 0, background.length);
        double t = timing.seconds(index);
        double brightness = 1.0;
        if (kind == ClipKind.VISIT) {
            drawVisitor(yuv, t);
        } else if (kind == ClipKind.LIGHT) {
            double s = Math.sin(Math.PI * index / timing.lightFrames());
            brightness = 1.0 - LIGHT_DIP * s * s;
        }
        applyLightAndNoise(yuv, brightness);
    }

    /**
     * Renders frame {@code index} of {@code kind} under a light level of {@code light} (1 = the normal scene; a
     * light clip's own dip is multiplied in), for scripted scenes such as dusk falling before a visit.
     */
    public void render(ClipKind kind, int index, double light, byte[] yuv) {
        System.arraycopy(background, 0, yuv, 0, background.length);
        double t = timing.seconds(index);
        double brightness = light;
        if (kind == ClipKind.VISIT) {
            drawVisitor(yuv, t);
        } else if (kind == ClipKind.LIGHT) {
            double s = Math.sin(Math.PI * index / timing.lightFrames());
            brightness *= 1.0 - LIGHT_DIP * s * s;
        }
        applyLightAndNoise(yuv, brightness);
    }

    /** Whether the visitor is in the picture at {@code frame} of the visit clip. */
    public static boolean visitorVisible(SceneTiming timing, int frame) {
        double x = visitorX(timing.seconds(frame));
        double halfWidth = halfWidthFraction();
        return x + halfWidth > 0.002;
    }

    private static double halfWidthFraction() {
        // the figure's half width (0.2 of its height) as a fraction of a 16:9 frame width
        return 0.2 * PERSON_H * 9.0 / 16.0;
    }

    private static double startX() {
        return -halfWidthFraction() - 0.01;
    }

    static double visitorX(double t) {
        double start = startX();
        if (t <= SceneTiming.WALK_IN_END_S) {
            return start + (STAND_X - start) * t / SceneTiming.WALK_IN_END_S;
        }
        if (t < SceneTiming.WALK_OUT_START_S) {
            return STAND_X + 0.003 * Math.sin(2 * Math.PI * 0.3 * (t - SceneTiming.WALK_IN_END_S));
        }
        if (t < SceneTiming.WALK_OUT_END_S) {
            double f = (t - SceneTiming.WALK_OUT_START_S) / (SceneTiming.WALK_OUT_END_S - SceneTiming.WALK_OUT_START_S);
            return STAND_X + (start - STAND_X) * f;
        }
        return start;
    }

    private void drawBackground(byte[] f) {
        fill(f, 0, 0, 1, 1, 170, 120, 135);                      // wall
        for (double y = 0.03; y < 0.9; y += 0.05) {               // siding lines
            fill(f, 0, y, 1, y + 0.006, 150, 121, 134);
        }
        fill(f, 0.405, 0.16, 0.595, 0.855, 205, 128, 128);        // door frame
        fill(f, DOOR[0], DOOR[1], DOOR[2], DOOR[3], 72, 114, 152); // door
        fill(f, 0.44, 0.22, 0.56, 0.45, 60, 116, 150);            // upper panel
        fill(f, 0.44, 0.50, 0.56, 0.80, 60, 116, 150);            // lower panel
        ellipse(f, 0.565, 0.53, 0.008, 180, 100, 150);            // knob
        fill(f, 0.605, 0.49, 0.625, 0.55, 55, 128, 128);          // bell plate
        ellipse(f, BELL_X, BELL_Y, 0.006, 120, 128, 128);         // bell button, unlit
        fill(f, 0.34, 0.30, 0.37, 0.38, 90, 128, 128);            // lamp housing
        fill(f, 0.345, 0.31, 0.365, 0.37, 225, 105, 145);         // lamp glass
        fill(f, 0, 0.90, 1, 1, 110, 125, 132);                    // porch floor
        fill(f, 0.34, 0.855, 0.66, 0.90, 160, 128, 128);          // step
        fill(f, 0.34, 0.855, 0.66, 0.862, 190, 128, 128);         // step edge
        fill(f, 0.72, 0.80, 0.78, 0.90, 95, 105, 160);           // plant pot (terracotta)
        ellipse(f, 0.75, 0.74, 0.045, 100, 100, 100);             // plant leaves
    }

    private void drawVisitor(byte[] f, double t) {
        double cxFrac = visitorX(t);
        double p = PERSON_H * height;                    // person height in pixels
        double cx = cxFrac * width;
        double feet = FEET_Y * height;
        boolean walking = t < SceneTiming.WALK_IN_END_S
                || (t >= SceneTiming.WALK_OUT_START_S && t < SceneTiming.WALK_OUT_END_S);
        double swing = walking ? 0.05 * p * Math.sin(2 * Math.PI * 1.8 * t) : 0;
        if (shadow) {
            darkenEllipsePx(f, cx + 0.22 * p, feet - 0.35 * p, 0.16 * p, 0.42 * p, 0.62);
        }
        double hipY = feet - 0.45 * p;
        double shoulderY = hipY - 0.33 * p;
        // legs (dark trousers)
        fillPx(f, cx - 0.075 * p + swing, hipY, cx - 0.015 * p + swing, feet, 40, 135, 125);
        fillPx(f, cx + 0.015 * p - swing, hipY, cx + 0.075 * p - swing, feet, 40, 135, 125);
        // torso (blue jacket, clearly brighter than the door and darker than the wall) and arms
        fillPx(f, cx - 0.12 * p, shoulderY, cx + 0.12 * p, hipY + 0.03 * p, 118, 165, 105);
        fillPx(f, cx - 0.18 * p, shoulderY + 0.01 * p, cx - 0.12 * p, hipY, 108, 165, 108);
        boolean pressing = t >= SceneTiming.RING_S - 0.4 && t < SceneTiming.BELL_LIT_END_S;
        if (pressing) {
            double bellX = BELL_X * width;
            double armY = BELL_Y * height;
            fillPx(f, cx + 0.12 * p, Math.min(armY, shoulderY + 0.01 * p) - 0.03 * p,
                    Math.max(bellX, cx + 0.18 * p), armY + 0.03 * p, 108, 165, 108);
        } else {
            fillPx(f, cx + 0.12 * p, shoulderY + 0.01 * p, cx + 0.18 * p, hipY, 108, 165, 108);
        }
        // head: hair, then face
        double headY = shoulderY - 0.085 * p;
        ellipsePx(f, cx, headY - 0.01 * p, 0.06 * p, 0.075 * p, 40, 128, 132);
        ellipsePx(f, cx, headY + 0.012 * p, 0.052 * p, 0.062 * p, 160, 110, 150);
        if (t >= SceneTiming.RING_S && t < SceneTiming.BELL_LIT_END_S) {
            ellipse(f, BELL_X, BELL_Y, 0.006, 240, 140, 110);   // bell lights up while pressed
        }
    }

    private void applyLightAndNoise(byte[] f, double brightness) {
        for (int v = 0; v < 256; v++) {
            lumaLut[v] = (byte) clamp((int) Math.round(16 + (v - 16) * brightness));
            chromaLut[v] = (byte) clamp((int) Math.round(128 + (v - 128) * (0.5 + 0.5 * brightness)));
        }
        int lumaSize = width * height;
        int offset = random.nextInt(noise.length - lumaSize);
        for (int i = 0; i < lumaSize; i++) {
            int y = (lumaLut[f[i] & 0xff] & 0xff) + noise[offset + i];
            f[i] = (byte) (y < 16 ? 16 : (y > 235 ? 235 : y));
        }
        if (brightness != 1.0) {
            for (int i = lumaSize; i < f.length; i++) {
                f[i] = chromaLut[f[i] & 0xff];
            }
        }
    }

    private void darkenEllipsePx(byte[] f, double cx, double cy, double rx, double ry, double factor) {
        int y0 = Math.max(0, (int) Math.floor(cy - ry));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + ry));
        for (int row = y0; row <= y1; row++) {
            double dy = (row + 0.5 - cy) / ry;
            if (Math.abs(dy) > 1) {
                continue;
            }
            double half = rx * Math.sqrt(1 - dy * dy);
            int ax = Math.max(0, (int) Math.round(cx - half));
            int bx = Math.min(width, (int) Math.round(cx + half));
            for (int x = ax; x < bx; x++) {
                int i = row * width + x;
                f[i] = (byte) (16 + (int) Math.round(((f[i] & 0xff) - 16) * factor));
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    private void fill(byte[] f, double x0, double y0, double x1, double y1, int y, int u, int v) {
        fillPx(f, x0 * width, y0 * height, x1 * width, y1 * height, y, u, v);
    }

    private void fillPx(byte[] f, double x0, double y0, double x1, double y1, int yv, int u, int v) {
        int ax = Math.max(0, (int) Math.round(x0));
        int bx = Math.min(width, (int) Math.round(x1));
        int ay = Math.max(0, (int) Math.round(y0));
        int by = Math.min(height, (int) Math.round(y1));
        if (ax >= bx || ay >= by) {
            return;
        }
        for (int row = ay; row < by; row++) {
            java.util.Arrays.fill(f, row * width + ax, row * width + bx, (byte) yv);
        }
        int cw = width / 2;
        int uBase = width * height;
        int vBase = uBase + cw * (height / 2);
        for (int row = ay / 2; row < (by + 1) / 2; row++) {
            java.util.Arrays.fill(f, uBase + row * cw + ax / 2, uBase + row * cw + (bx + 1) / 2, (byte) u);
            java.util.Arrays.fill(f, vBase + row * cw + ax / 2, vBase + row * cw + (bx + 1) / 2, (byte) v);
        }
    }

    private void ellipse(byte[] f, double cx, double cy, double radiusOfHeight, int y, int u, int v) {
        double r = radiusOfHeight * height;
        ellipsePx(f, cx * width, cy * height, r, r, y, u, v);
    }

    private void ellipsePx(byte[] f, double cx, double cy, double rx, double ry, int yv, int u, int v) {
        int cw = width / 2;
        int uBase = width * height;
        int vBase = uBase + cw * (height / 2);
        int y0 = Math.max(0, (int) Math.floor(cy - ry));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + ry));
        for (int row = y0; row <= y1; row++) {
            double dy = (row + 0.5 - cy) / ry;
            if (Math.abs(dy) > 1) {
                continue;
            }
            double half = rx * Math.sqrt(1 - dy * dy);
            int ax = Math.max(0, (int) Math.round(cx - half));
            int bx = Math.min(width, (int) Math.round(cx + half));
            if (ax >= bx) {
                continue;
            }
            java.util.Arrays.fill(f, row * width + ax, row * width + bx, (byte) yv);
            if ((row & 1) == 0) {
                int crow = row / 2;
                java.util.Arrays.fill(f, uBase + crow * cw + ax / 2, uBase + crow * cw + (bx + 1) / 2, (byte) u);
                java.util.Arrays.fill(f, vBase + crow * cw + ax / 2, vBase + crow * cw + (bx + 1) / 2, (byte) v);
            }
        }
    }
}
