package org.doorstep.motion;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwAccelSetting;
import org.doorstep.media.HwDevices;
import org.doorstep.media.RtspTransport;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AnalysedStreams;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;

import org.doorstep.privacy.ThumbnailSink;
/**
 * Motion analysis of every camera: a {@link MotionPipeline} per camera on its sub stream (else the main
 * stream), whose conclusions are stored as events, thumbnails and per-second activity. It opens its own
 * connection, separate from the recorder, so analysis can fall behind, drop frames or restart without
 * ever touching recording.
 */
public final class MotionService implements AutoCloseable {
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MotionService.class);

    private final EventRepository events;
    private final ActivityRepository activity;
    private final AnalysedStreams streams;
    private final ThumbnailSink thumbnails;
    private final Function<Camera, URI> authenticatedAnalysisUrl;
    private final GreyFrameDecoder.Options decodeOptions;
    private final List<HwAccel> appHwAccels;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile boolean keyframesWhileStill;
    /** One CUDA context (or VA display) for all cameras' analysis, not one per camera. */
    private final HwDevices devices = new HwDevices();

    /** @param onSubStream whether the camera's sub stream is analysed (else its main stream) */
    private record Running(MotionPipeline pipeline, CameraMotionRecorder recorder, MotionCpu cpu,
                           boolean onSubStream) {}

    /**
     * @param streams                  where each camera's analysed stream (size, frame rate) is kept when it opens
     * @param authenticatedAnalysisUrl the stream to analyse with credentials filled in (in memory only)
     * @param analysisFps              pictures per second to analyse
     * @param hwAccels                 hardware decoders to try in order; empty for software only
     */
    public MotionService(EventRepository events, ActivityRepository activity, AnalysedStreams streams,
                         ThumbnailSink thumbnails, Function<Camera, URI> authenticatedAnalysisUrl, double analysisFps,
                         List<HwAccel> hwAccels) {
        this.events = events;
        this.activity = activity;
        this.streams = streams;
        this.thumbnails = thumbnails;
        this.authenticatedAnalysisUrl = authenticatedAnalysisUrl;
        this.decodeOptions = GreyFrameDecoder.Options.forAnalysisRate(analysisFps).withHwAccels(hwAccels)
                .withDevices(devices);
        this.appHwAccels = List.copyOf(hwAccels);
    }

    /**
     * Whether sub streams, too, decode only keyframes while their scene is still (the app setting "save processor
     * time while nothing moves"); applies to running cameras at once.
     */
    public void keyframesWhileStill(boolean on) {
        keyframesWhileStill = on;
        running.values().forEach(r -> r.pipeline().keyframesWhileStillOnSmallStreams(on));
    }

    /** Starts analysing {@code camera} unless motion is switched off for it or it runs already. */
    public void start(Camera camera) {
        if (!camera.enabled() || !camera.motionEnabled()) {
            return;
        }
        running.computeIfAbsent(camera.id(), id -> {
            CameraMotionRecorder recorder = new CameraMotionRecorder(id, events, activity, thumbnails, new PeakFrame(),
                    streams, camera.subUrl() != null);
            MotionMask privacy = privacyMask(camera);
            List<MotionMask.Polygon> ignored = new java.util.ArrayList<>(
                    MotionMaskJson.parse(camera.motionMasksJson()).excluded());
            ignored.addAll(privacy.excluded()); // what is never recorded never counts as motion either
            DetectorSettings detector = DetectorSettings.DEFAULT
                    .withSensitivity(new Sensitivity(camera.motionSensitivity()))
                    .withMask(new MotionMask(ignored));
            // the camera's transport, as the recorder uses it: a camera reachable only over UDP must be analysed too
            GreyFrameDecoder.Options options = decodeOptions
                    .withRtspTransport(RtspTransport.fromSetting(camera.rtspTransport()))
                    .withHwAccels(hwAccelsFor(camera))
                    .withAddresses(camera.addresses());
            MotionPipeline pipeline = new MotionPipeline(authenticatedAnalysisUrl.apply(camera).toString(), options,
                    detector, EventSettings.DEFAULT, recorder, RETRY, privacy);
            pipeline.keyframesWhileStillOnSmallStreams(keyframesWhileStill);
            pipeline.start();
            return new Running(pipeline, recorder, new MotionCpu(pipeline::cpuNanos, System::nanoTime),
                    camera.subUrl() != null);
        });
    }

    /** The camera's privacy masks; a mask that cannot be read hides the whole picture rather than nothing. */
    private static MotionMask privacyMask(Camera camera) {
        try {
            return MotionMaskJson.parse(camera.options().privacyMasksJson());
        } catch (IllegalArgumentException e) {
            LOG.warn("camera {}: privacy masks cannot be read; the whole picture is hidden", camera.id());
            return new MotionMask(List.of(MotionMask.Polygon.rectangle(0, 0, 1, 1)));
        }
    }

    /**
     * The camera's own hardware-decode choice; "auto" (or a choice this version cannot read) follows the app's, except
     * that a sub stream is not given to NVDEC ({@link HwAccelSetting#forCameraStream}).
     */
    private List<HwAccel> hwAccelsFor(Camera camera) {
        if (HwAccelSetting.tryParse(camera.options().hwAccel()).isEmpty()) {
            LOG.warn("camera {}: unknown hardware decoder setting, decoding as with \"auto\"", camera.id());
        }
        return HwAccelSetting.forCameraStream(camera.options().hwAccel(), camera.subUrl() != null, appHwAccels);
    }

    public void stop(long cameraId) {
        Running r = running.remove(cameraId);
        if (r != null) {
            r.pipeline().close();
            r.recorder().flushActivity();
            if (r.recorder().pendingWrites() > 0) {
                LOG.warn("camera {}: {} motion write(s) the index refused are lost at this stop", cameraId,
                        r.recorder().pendingWrites());
            }
        }
    }

    /** Diagnostics of the camera's analysis, or null when it is not analysed. */
    public MotionPipeline.Stats stats(long cameraId) {
        Running r = running.get(cameraId);
        return r == null ? null : r.pipeline().stats();
    }

    /**
     * What the camera's analysis costs now (its threads' CPU, measured), which stream it runs on and at what size;
     * null when it is not analysed.
     */
    public MotionCost cost(long cameraId) {
        Running r = running.get(cameraId);
        if (r == null) {
            return null;
        }
        MotionPipeline p = r.pipeline();
        return new MotionCost(r.onSubStream(), p.streamWidth(), p.streamHeight(), p.streamFps(),
                p.stats().keyframesOnly(), r.cpu().percentOfCore(), r.cpu().measuredFor().toSeconds());
    }

    @Override
    public void close() {
        for (Long id : List.copyOf(running.keySet())) {
            stop(id);
        }
        devices.close();
    }
}
