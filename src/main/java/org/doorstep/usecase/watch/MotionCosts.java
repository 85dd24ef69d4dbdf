package org.doorstep.usecase.watch;

import static org.doorstep.usecase.Indexed.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.motion.MotionCost;
import org.doorstep.motion.MotionPipeline;
import org.doorstep.store.AnalysedStreams;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;

/**
 * What each camera's motion analysis costs, for {@code doctor} and the camera's settings: measured while this
 * process analyses the camera, else, for a camera analysed on its main stream, estimated from this machine's measured
 * software decoding speed and the size and frame rate of the stream the camera's analysis last opened (before it
 * ever opened one: the size of the last recorded main-stream picture). A camera without a sub stream is analysed on
 * its main stream, which costs (pixel for pixel) many times what a small sub stream does; this is where that is
 * said.
 */
public final class MotionCosts {
    /** The sub stream size the comparison names: what most cameras offer as their second stream. */
    public static final int SUB_WIDTH = 640;
    public static final int SUB_HEIGHT = 360;
    /**
     * The frame rate an estimate assumes while the stream's own is not known (its analysis never opened it, or it
     * states none): 15 is what most cameras send by default (the virtual doorbell too). Said wherever it is used.
     */
    public static final double ASSUMED_FPS = 15;
    /** How many recent main-stream segments are read for the picture size and the keyframe interval. */
    static final int RECENT_SEGMENTS = 5;

    /** How a figure came about. */
    public enum Basis { MEASURED, ESTIMATED, UNKNOWN }

    /**
     * Software decoding measured on this machine ({@code doorstep doctor}'s test clip): CPU per decoded frame of
     * {@code width}×{@code height}.
     */
    public record DecodeSpeed(double cpuMillisPerFrame, int width, int height) {
        /** Percent of one core for decoding {@code fps} frames a second of {@code w}×{@code h}. */
        double percentOfCore(int w, int h, double fps) {
            return cpuMillisPerFrame * ((double) w * h / ((double) width * height)) * fps / 10.0;
        }
    }

    /**
     * One camera's analysis cost.
     *
     * @param camera             its name
     * @param onSubStream        whether its sub stream is analysed (false: its main stream)
     * @param width              the analysed picture's width; 0 when not known
     * @param height             its height; 0 when not known
     * @param fps                the frame rate the figure is for (a sub stream without a figure: the rate it
     *                           stated when its analysis opened it); 0 when not known
     * @param fpsAssumed         whether {@code fps} is {@link #ASSUMED_FPS} rather than the stream's own
     * @param keyframesOnly      measured: whether only keyframes are decoded now (still scene); estimated: false
     * @param percentOfCore      measured smoothed CPU, or the estimate while there is motion; NaN when not known
     * @param stillPercentOfCore estimate while the scene is still (keyframes only); NaN when that mode does not apply
     *                           or the figure is measured
     * @param basis              measured, estimated, or unknown (no figure)
     * @param measuredSeconds    how long the measurement ran (0 for estimates)
     */
    public record CameraCost(String camera, boolean onSubStream, int width, int height, double fps,
                             boolean fpsAssumed, boolean keyframesOnly, double percentOfCore,
                             double stillPercentOfCore, Basis basis, long measuredSeconds) {
        /**
         * How many times the pixels of a {@link #SUB_WIDTH}×{@link #SUB_HEIGHT} sub stream fit into this picture
         * (decoding cost follows the pixel count): 9 for 1920×1080. NaN when the size is not known.
         */
        public double pixelsOverSubStream() {
            return MotionCosts.pixelsOverSubStream(width, height);
        }
    }

    /**
     * How many times the pixels of a {@link #SUB_WIDTH}×{@link #SUB_HEIGHT} sub stream fit into a {@code width}×{@code
     * height} picture; NaN when the size is not known.
     */
    public static double pixelsOverSubStream(int width, int height) {
        return width <= 0 || height <= 0 ? Double.NaN : (double) width * height / ((double) SUB_WIDTH * SUB_HEIGHT);
    }

    private final CameraRepository cameras;
    private final SegmentIndex segments;
    private final AnalysedStreams streams;
    private final Supplier<Optional<Watch>> watch;

    /**
     * @param streams what each camera's analysis opened last
     * @param watch   the watch if this process runs one (never builds one: doctor must not start recording)
     */
    public MotionCosts(CameraRepository cameras, SegmentIndex segments, AnalysedStreams streams,
                       Supplier<Optional<Watch>> watch) {
        this.cameras = cameras;
        this.segments = segments;
        this.streams = streams;
        this.watch = watch;
    }

    /**
     * Every switched-on camera with motion analysis on, in name order: measured where this process analyses it,
     * else estimated with {@code speed} (null: no estimate, the figure is unknown).
     */
    public List<CameraCost> all(DecodeSpeed speed) {
        List<CameraCost> out = new ArrayList<>();
        for (Camera camera : get(cameras::all)) {
            if (camera.enabled() && camera.motionEnabled()) {
                out.add(of(camera, speed));
            }
        }
        out.sort(java.util.Comparator.comparing(CameraCost::camera, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** The camera's figure: measured when analysed here, else as {@link #all} estimates it. */
    public CameraCost of(Camera camera, DecodeSpeed speed) {
        Optional<CameraCost> live = measured(camera);
        if (live.isPresent()) {
            return live.get();
        }
        boolean onSub = camera.subUrl() != null;
        // what the analysis opened counts only while it is still the stream analysed (a sub stream added or removed
        // since then changes which one that is)
        Optional<AnalysedStreams.AnalysedStream> opened = get(() -> streams.of(camera.id()))
                .filter(o -> o.onSubStream() == onSub);
        List<SegmentRow> recent = onSub ? List.of() : get(() -> segments.newest(camera.id(), "main", RECENT_SEGMENTS));
        int w = 0;
        int h = 0;
        if (opened.isPresent()) {
            w = opened.get().width();
            h = opened.get().height();
        } else {
            // the sub stream is not recorded, so before its analysis opened it, nothing tells its size
            Optional<SegmentRow> sized = recent.stream().filter(r -> r.width() != null && r.height() != null)
                    .findFirst();
            w = Math.max(0, sized.map(SegmentRow::width).orElse(0));
            h = Math.max(0, sized.map(SegmentRow::height).orElse(0));
        }
        double statedFps = opened.map(AnalysedStreams.AnalysedStream::fps).orElse(0.0);
        // A sub stream gets its size and rate but no estimate: scaled by pixels from doctor's 1280x720 clip, the
        // doorbell's 640x360 stream came out at 0.51 % of a core where its decode thread measured 1.69 %
        // (MotionCostFigureBench): at that size what does not scale with pixels dominates. For main streams the same
        // scaling matched (1920x1080: 4.61 % estimated, 4.53 % measured).
        if (onSub || w <= 0 || h <= 0 || speed == null || !(speed.cpuMillisPerFrame() > 0)) {
            return new CameraCost(camera.name(), onSub, w, h, onSub ? statedFps : 0, false, false, Double.NaN,
                    Double.NaN, Basis.UNKNOWN, 0);
        }
        boolean fpsAssumed = !(statedFps > 0);
        double fps = fpsAssumed ? ASSUMED_FPS : statedFps;
        // every frame is decoded while something moves (the analysis rate picks among decoded pictures)
        double moving = speed.percentOfCore(w, h, fps);
        double still = Double.NaN;
        long keyframeMillis = keyframeIntervalMillis(recent);
        if (h > MotionPipeline.MAIN_STREAM_HEIGHT && keyframeMillis > 0
                && keyframeMillis <= MotionPipeline.LONGEST_KEYFRAME_INTERVAL.toMillis()) {
            still = speed.percentOfCore(w, h, 1000.0 / keyframeMillis);
        }
        return new CameraCost(camera.name(), false, w, h, fps, fpsAssumed, false, moving, still, Basis.ESTIMATED, 0);
    }

    /** The measured figure of a camera this process analyses now. */
    public Optional<CameraCost> measured(Camera camera) {
        Optional<Watch> w = watch.get();
        if (w.isEmpty()) {
            return Optional.empty();
        }
        MotionCost cost = w.get().motionCost(camera.id());
        if (cost == null || Double.isNaN(cost.percentOfCore())) {
            return Optional.empty();
        }
        return Optional.of(new CameraCost(camera.name(), cost.onSubStream(), cost.width(), cost.height(), cost.fps(),
                false, cost.keyframesOnly(), cost.percentOfCore(), Double.NaN, Basis.MEASURED,
                cost.measuredSeconds()));
    }

    /** The median time between keyframes within the recorded segments, or 0 when none holds two. */
    static long keyframeIntervalMillis(List<SegmentRow> recorded) {
        List<Long> gaps = new ArrayList<>();
        for (SegmentRow segment : recorded) {
            List<KeyframeIndex.Keyframe> keys = KeyframeIndex.unpack(segment.keyframes());
            for (int i = 1; i < keys.size(); i++) {
                gaps.add(keys.get(i).millis() - keys.get(i - 1).millis());
            }
        }
        if (gaps.isEmpty()) {
            return 0;
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }
}
