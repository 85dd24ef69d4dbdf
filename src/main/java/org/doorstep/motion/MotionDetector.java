package org.doorstep.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Motion detector over small grey frames (about 100–180 px high), one instance per camera, not
 * thread-safe. Steps per frame: contrast stretch between the 4th and 96th percentile (limits averaged
 * over recent frames so a person walking in does not re-stretch the picture), 3×3 Gaussian blur,
 * absolute difference against a running-average background, threshold, mask, one 3×3 dilation,
 * connected regions with a minimum area. A frame where most pixels changed at once is a lighting
 * change, not motion: the background is re-learnt for a few frames and nothing is reported. A changed region that
 * keeps its value for {@link #STILL_MICROS} (what a visitor who waited leaves behind) is taken into the background.
 *
 * <p>All working buffers are kept between frames and only re-allocated when the frame size changes;
 * a frame without motion allocates nothing.
 */
public final class MotionDetector {

    private static final double LOW_PERCENTILE = 0.04;
    private static final double HIGH_PERCENTILE = 0.96;
    /** Stretching a very flat (dark, foggy) picture would mostly amplify sensor noise. */
    private static final int MIN_CONTRAST_RANGE = 24;
    /**
     * The percentile range maps to OUT_LOW..OUT_LOW+OUT_RANGE, leaving head room on both sides: clipping
     * bright windows or dark corners would make light changes non-linear, and they would look like motion.
     */
    private static final int OUT_LOW = 64;
    private static final int OUT_RANGE = 128;
    private static final float SIXTEENTH = 1 / 16f;
    /** Background weight of a new frame while (re)learning the scene. */
    private static final float CALIBRATION_ALPHA = 0.25f;
    /**
     * A changed pixel that has kept its value this long is a change that stays (the "ghost" a visitor who waited
     * at the door leaves behind, a parcel, a picture re-learnt while someone stood in it), not motion: it is
     * re-learnt quickly. Without this it blended in ten times slower than the rest and held events open for minutes.
     */
    static final long STILL_MICROS = 3_000_000;
    /** Frame interval assumed when the caller gives no timestamps: the default analysis rate, 5 per second. */
    private static final long DEFAULT_FRAME_MICROS = 200_000;
    /** Weight of a new frame in the short-term reference that tells still pixels from moving ones. */
    private static final float RECENT_ALPHA = 0.5f;

    private final DetectorSettings settings;
    private final int threshold;
    private static final double MIN_LIGHT_GAIN = 0.5;
    private static final double MAX_LIGHT_GAIN = 2.0;
    private float lightGain = 1;
    private float lightOffset;
    /** Pixels that changed before light compensation, in the last frame. */
    private int rawChanged;
    /** Effective threshold this frame: never below a raw-grey difference, so stretched dark noise stays quiet. */
    private float frameThreshold;

    private int width;
    private int height;
    private byte[] include;
    private int includedPixels;
    /** The stretched, blurred picture in grey levels (the blur's sum over 16: exact in a float). */
    private float[] smoothed;
    private int[] blurTmp;
    private float[] background;
    /** Short-term average of each pixel, in background light (the global light fit undone). */
    private float[] recent;
    /** How long each changed pixel has kept its value, in milliseconds (0 for unchanged or moving pixels). */
    private int[] stillMillis;
    private long lastMicros = Long.MIN_VALUE;
    private int frameMillis;
    private byte[] changed;
    private byte[] dilated;
    private byte[] dilateTmp;
    private int[] visitStamp;
    private int stamp;
    private int[] stack;
    private final int[] histogram = new int[256];
    private final int[] lut = new int[256];
    private final int[] lowHistory;
    private final int[] highHistory;
    private int historyCount;
    private int historyNext;
    private int calibrationLeft;
    private long frames;
    private long recalibrations;

    public MotionDetector(DetectorSettings settings) {
        this.settings = settings;
        this.threshold = settings.sensitivity().pixelThreshold();
        this.lowHistory = new int[settings.contrastHistory()];
        this.highHistory = new int[settings.contrastHistory()];
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** Number of times a sudden global change made the detector re-learn its background. */
    public long recalibrations() {
        return recalibrations;
    }

    /** Gain of the last global light fit (1 = no change), for diagnostics. */
    float lightGain() {
        return lightGain;
    }

    /** Forget the background, e.g. after the stream was reconnected. */
    public void reset() {
        width = 0;
        height = 0;
        historyCount = 0;
        historyNext = 0;
        lastMicros = Long.MIN_VALUE;
    }

    /**
     * Analyses one frame, assuming the default analysis rate (5 frames a second) for how long changes stay still.
     *
     * @param grey   8-bit grey pixels, row after row without padding
     * @param width  frame width in pixels
     * @param height frame height in pixels
     */
    public FrameAnalysis analyse(byte[] grey, int width, int height) {
        long micros = lastMicros == Long.MIN_VALUE ? 0 : lastMicros + DEFAULT_FRAME_MICROS;
        return analyse(grey, width, height, micros);
    }

    /**
     * Analyses one frame shown at {@code micros} (any time base; only differences count), so that how long a
     * change has stayed still is measured in time whatever the analysis rate.
     */
    public FrameAnalysis analyse(byte[] grey, int width, int height, long micros) {
        long step = lastMicros == Long.MIN_VALUE ? DEFAULT_FRAME_MICROS : micros - lastMicros;
        // a gap (dropped frames, a reconnect) or a timestamp jump counts as at most one second
        frameMillis = (int) Math.max(0, Math.min(1000, step / 1000));
        lastMicros = micros;
        if (width < 8 || height < 8 || grey.length < width * height) {
            throw new IllegalArgumentException("frame too small or buffer too short: " + width + "x" + height);
        }
        if (width != this.width || height != this.height) {
            allocate(width, height);
        }
        frames++;
        stretchContrast(grey);
        blur(grey);
        if (calibrationLeft > 0) {
            boolean first = calibrationLeft == settings.calibrationFrames();
            calibrationLeft--;
            if (first) {
                copyIntoBackground();
            } else {
                differenceAndUpdate(CALIBRATION_ALPHA);
            }
            return FrameAnalysis.CALIBRATING;
        }
        int changedCount = differenceAndUpdate(settings.backgroundAlpha());
        double changedFraction = includedPixels == 0 ? 0 : (double) changedCount / includedPixels;
        double rawChangedFraction = includedPixels == 0 ? 0 : (double) rawChanged / includedPixels;
        if (rawChangedFraction > settings.globalChangeFraction()
                || changedFraction > settings.globalChangeFraction()) {
            recalibrations++;
            // the old contrast limits belong to the old lighting: start afresh from this frame
            historyCount = 0;
            historyNext = 0;
            stretchContrast(grey);
            blur(grey);
            copyIntoBackground();
            calibrationLeft = settings.calibrationFrames() - 1;
            return new FrameAnalysis(0, List.of(), Math.max(changedFraction, rawChangedFraction), true);
        }
        if (changedCount == 0) {
            return new FrameAnalysis(0, List.of(), 0, false);
        }
        dilate();
        return regions(changedFraction);
    }

    private void allocate(int w, int h) {
        width = w;
        height = h;
        int n = w * h;
        include = settings.mask().raster(w, h);
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += include[i];
        }
        includedPixels = count;
        smoothed = new float[n];
        blurTmp = new int[n];
        background = new float[n];
        recent = new float[n];
        stillMillis = new int[n];
        changed = new byte[n];
        dilated = new byte[n];
        dilateTmp = new byte[n];
        visitStamp = new int[n];
        stack = new int[n];
        stamp = 0;
        historyCount = 0;
        historyNext = 0;
        calibrationLeft = settings.calibrationFrames();
    }

    private void stretchContrast(byte[] grey) {
        int n = width * height;
        Arrays.fill(histogram, 0);
        for (int i = 0; i < n; i++) {
            histogram[grey[i] & 0xff]++;
        }
        int low = percentile(n, LOW_PERCENTILE);
        int high = percentile(n, HIGH_PERCENTILE);
        lowHistory[historyNext] = low;
        highHistory[historyNext] = high;
        historyNext = (historyNext + 1) % lowHistory.length;
        historyCount = Math.min(historyCount + 1, lowHistory.length);
        int lowSum = 0;
        int highSum = 0;
        for (int i = 0; i < historyCount; i++) {
            lowSum += lowHistory[i];
            highSum += highHistory[i];
        }
        int avgLow = lowSum / historyCount;
        int avgHigh = highSum / historyCount;
        if (avgHigh - avgLow < MIN_CONTRAST_RANGE) {
            int mid = (avgHigh + avgLow) / 2;
            avgLow = Math.max(0, mid - MIN_CONTRAST_RANGE / 2);
            avgHigh = avgLow + MIN_CONTRAST_RANGE;
        }
        int range = avgHigh - avgLow;
        frameThreshold = Math.max(threshold * OUT_RANGE / 255f, threshold / 3f * OUT_RANGE / range);
        for (int v = 0; v < 256; v++) {
            int s = OUT_LOW + (v - avgLow) * OUT_RANGE / range;
            lut[v] = s < 0 ? 0 : Math.min(s, 255);
        }
    }

    private int percentile(int n, double p) {
        int target = (int) (n * p);
        int sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += histogram[v];
            if (sum > target) {
                return v;
            }
        }
        return 255;
    }

    /**
     * The contrast stretch ({@link #lut}) and a separable [1 2 1] kernel both ways in two passes; the result is in
     * {@code smoothed}, in grey levels (floats: the steps after it neither convert nor divide each pixel again). The
     * stretch is applied while reading the row and the picture's edges are handled outside the inner loops (this runs
     * on every analysed picture: a fifth of the detector's time).
     */
    private void blur(byte[] grey) {
        int w = width;
        int[] l = lut;
        int[] tmp = blurTmp;
        for (int y = 0; y < height; y++) {
            int row = y * w;
            int left = l[grey[row] & 0xff];
            int centre = left;
            for (int x = 0; x < w - 1; x++) {
                int right = l[grey[row + x + 1] & 0xff];
                tmp[row + x] = left + 2 * centre + right;
                left = centre;
                centre = right;
            }
            tmp[row + w - 1] = left + 3 * centre;
        }
        float[] out = smoothed;
        for (int y = 0; y < height; y++) {
            int up = (y == 0 ? 0 : y - 1) * w;
            int row = y * w;
            int down = (y == height - 1 ? y : y + 1) * w;
            for (int x = 0; x < w; x++) {
                // the kernel's weights sum to 16; a product with 1/16 is exact, like the division it replaces
                out[row + x] = (tmp[up + x] + 2 * tmp[row + x] + tmp[down + x]) * SIXTEENTH;
            }
        }
    }

    private void copyIntoBackground() {
        int n = width * height;
        for (int i = 0; i < n; i++) {
            background[i] = smoothed[i];
            recent[i] = background[i];
        }
        Arrays.fill(stillMillis, 0);
    }

    private int differenceAndUpdate(double alpha) {
        int n = width * height;
        fitGlobalLight();
        float gain = lightGain;
        float offset = lightOffset;
        float a = (float) alpha;
        float t = frameThreshold;
        int count = 0;
        int raw = 0;
        float stillTolerance = t / 2;
        float inverseGain = 1 / gain;
        int stillLimit = (int) (STILL_MICROS / 1000);
        int dt = frameMillis;
        for (int i = 0; i < n; i++) {
            float value = smoothed[i];
            float bg = background[i];
            float diff = value - (gain * bg + offset);
            float rawDiff = value - bg;
            boolean counts = include[i] != 0;
            boolean isChanged = counts && (diff > t || diff < -t);
            // compared in background light, so a light ramp or an exposure step does not count as moving
            float inBackgroundLight = (value - offset) * inverseGain;
            float sinceRecent = inBackgroundLight - recent[i];
            recent[i] += RECENT_ALPHA * sinceRecent;
            int still = isChanged && sinceRecent <= stillTolerance && sinceRecent >= -stillTolerance
                    ? Math.min(stillLimit, stillMillis[i] + dt) : 0;
            stillMillis[i] = still;
            changed[i] = isChanged ? (byte) 1 : 0;
            count += isChanged ? 1 : 0;
            raw += counts && (rawDiff > t || rawDiff < -t) ? 1 : 0;
            // A changed pixel (someone moving at the door) blends in ten times slower; otherwise the person is
            // absorbed into the background and the "ghost" they leave counts as motion for seconds after they go.
            // One that has kept its value for STILL_MICROS is a change that stays: taken in at once (in background
            // light, so the light fit explains it exactly).
            if (isChanged && still >= stillLimit && a < CALIBRATION_ALPHA) {
                background[i] = inBackgroundLight;
                stillMillis[i] = 0;
                continue;
            }
            float rate = isChanged && a < CALIBRATION_ALPHA ? a * 0.1f : a;
            background[i] = bg + rate * (value - bg);
        }
        rawChanged = raw;
        return count;
    }

    /**
     * Fits frame ≈ gain × background + offset over a sample of unmasked pixels. Light that changes the
     * whole scene (a cloud, dusk, a lamp) is such a linear change; comparing against the fitted
     * background leaves only what moved. Any lag of the contrast stretch is removed the same way.
     */
    private void fitGlobalLight() {
        lightGain = 1;
        lightOffset = 0;
        // second pass ignores pixels the first fit could not explain (whatever moved), so a person
        // filling part of the picture does not bend the light estimate
        fitPass(Float.POSITIVE_INFINITY);
        fitPass(2 * frameThreshold);
    }

    private void fitPass(float maxResidual) {
        int n = width * height;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        float gain = lightGain;
        float offset = lightOffset;
        for (int i = 0; i < n; i += 3) {
            if (include[i] == 0) {
                continue;
            }
            float x = background[i];
            float y = smoothed[i];
            float residual = y - (gain * x + offset);
            if (residual > maxResidual || residual < -maxResidual) {
                continue;
            }
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            count++;
        }
        if (count < 16) {
            return;
        }
        double denominator = count * sxx - sx * sx;
        double g = denominator < 1e-6 * count * count ? 1 : (count * sxy - sx * sy) / denominator;
        g = Math.max(MIN_LIGHT_GAIN, Math.min(MAX_LIGHT_GAIN, g));
        lightGain = (float) g;
        lightOffset = (float) ((sy - g * sx) / count);
    }

    /** 3×3 dilation as two 3-wide passes (rows, then columns): same result, a third of the reads. */
    private void dilate() {
        int w = width;
        int h = height;
        byte[] rows = dilateTmp;
        byte[] c = changed;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            // the row's ends apart, so the inner loop has no edge tests
            rows[row] = (byte) (c[row] | c[row + 1]);
            for (int i = row + 1; i < row + w - 1; i++) {
                rows[i] = (byte) (c[i - 1] | c[i] | c[i + 1]);
            }
            rows[row + w - 1] = (byte) (c[row + w - 2] | c[row + w - 1]);
        }
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int up = y > 0 ? row - w : row;
            int down = y < h - 1 ? row + w : row;
            for (int x = 0; x < w; x++) {
                dilated[row + x] = (byte) (rows[row + x] | rows[up + x] | rows[down + x]);
            }
        }
    }

    private FrameAnalysis regions(double changedFraction) {
        int w = width;
        int n = w * height;
        int minArea = Math.max(4, (int) Math.round(settings.sensitivity().minRegionFraction() * n));
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(visitStamp, 0);
            stamp = 1;
        }
        List<int[]> found = null;
        long keptArea = 0;
        for (int start = 0; start < n; start++) {
            if (dilated[start] == 0 || visitStamp[start] == stamp) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            visitStamp[start] = stamp;
            int area = 0;
            int minX = w;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            while (top > 0) {
                int p = stack[--top];
                int py = p / w;
                int px = p - py * w;
                area++;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                if (px > 0) top = push(p - 1, top);
                if (px < w - 1) top = push(p + 1, top);
                if (py > 0) top = push(p - w, top);
                if (py < height - 1) top = push(p + w, top);
            }
            if (area >= minArea) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(new int[] {area, minX, minY, maxX, maxY});
                keptArea += area;
            }
        }
        if (found == null) {
            return new FrameAnalysis(0, List.of(), changedFraction, false);
        }
        found.sort((a, b) -> Integer.compare(b[0], a[0]));
        List<Box> boxes = new ArrayList<>(Math.min(found.size(), settings.maxBoxes()));
        for (int i = 0; i < found.size() && i < settings.maxBoxes(); i++) {
            int[] r = found.get(i);
            boxes.add(new Box((double) r[1] / w, (double) r[2] / height,
                    (double) (r[3] - r[1] + 1) / w, (double) (r[4] - r[2] + 1) / height));
        }
        return new FrameAnalysis(score((double) keptArea / Math.max(1, includedPixels)), boxes, changedFraction, false);
    }

    private int push(int p, int top) {
        if (dilated[p] != 0 && visitStamp[p] != stamp) {
            visitStamp[p] = stamp;
            stack[top++] = p;
            return top;
        }
        return top;
    }

    /** Square-root scale: a person far away still shows on the heat strip, a close one saturates it. */
    static int score(double movingFraction) {
        if (movingFraction <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(100, Math.round(100 * Math.sqrt(movingFraction / 0.25))));
    }
}
