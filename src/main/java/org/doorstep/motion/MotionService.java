package org.doorstep.motion;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.doorstep.media.DecodeException;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.media.HwAccel;
import org.doorstep.privacy.Redact;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motion analysis of every camera: decodes the sub stream (else the main stream) to small grey
 * pictures at the analysis rate, runs the detector and the event builder, and stores events,
 * thumbnails and activity. It opens its own connection, separate from the recorder, so analysis can
 * fall behind, drop frames or restart without ever touching recording.
 */
public final class MotionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MotionService.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final EventRepository events;
    private final ActivityRepository activity;
    private final ThumbnailSink thumbnails;
    private final Function<Camera, URI> authenticatedAnalysisUrl;
    private final GreyFrameDecoder.Options decodeOptions;
    private final Map<Long, Worker> workers = new ConcurrentHashMap<>();

    /**
     * @param authenticatedAnalysisUrl the stream to analyse with credentials filled in (in memory only)
     * @param analysisFps              pictures per second to analyse
     * @param hwAccels                 hardware decoders to try in order; empty for software only
     */
    public MotionService(EventRepository events, ActivityRepository activity, ThumbnailSink thumbnails,
                         Function<Camera, URI> authenticatedAnalysisUrl, double analysisFps, List<HwAccel> hwAccels) {
        this.events = events;
        this.activity = activity;
        this.thumbnails = thumbnails;
        this.authenticatedAnalysisUrl = authenticatedAnalysisUrl;
        this.decodeOptions = GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(analysisFps).withHwAccels(hwAccels);
    }

    /** Starts analysing {@code camera} unless motion is switched off for it or it runs already. */
    public void start(Camera camera) {
        if (!camera.enabled() || !camera.motionEnabled()) {
            return;
        }
        workers.computeIfAbsent(camera.id(), id -> {
            Worker w = new Worker(camera);
            w.thread.start();
            return w;
        });
    }

    public void stop(long cameraId) {
        Worker w = workers.remove(cameraId);
        if (w != null) {
            w.stop();
        }
    }

    /** Whether analysis of the camera is connected and producing pictures right now. */
    public boolean isAnalysing(long cameraId) {
        Worker w = workers.get(cameraId);
        return w != null && w.connected;
    }

    @Override
    public void close() {
        for (Long id : List.copyOf(workers.keySet())) {
            stop(id);
        }
    }

    private final class Worker implements Runnable {
        private final Camera camera;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile boolean connected;
        private volatile GreyFrameDecoder current;

        Worker(Camera camera) {
            this.camera = camera;
            this.thread = new Thread(this, "motion-" + camera.id());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT
                    .withSensitivity(new Sensitivity(camera.motionSensitivity()))
                    .withMask(MotionMaskJson.parse(camera.motionMasksJson())));
            PeakFrame peak = new PeakFrame();
            CameraMotionRecorder recorder = new CameraMotionRecorder(camera.id(), events, activity, thumbnails, peak);
            MotionEventBuilder builder = new MotionEventBuilder(EventSettings.DEFAULT, recorder);
            Duration retry = FIRST_RETRY;
            GreyFrame frame = new GreyFrame();
            while (running) {
                GreyFrameDecoder decoder = GreyFrameDecoder.create(authenticatedAnalysisUrl.apply(camera).toString(),
                        decodeOptions);
                current = decoder;
                try {
                    if (!running) {
                        break;
                    }
                    decoder.start();
                    connected = true;
                    retry = FIRST_RETRY;
                    detector.reset();
                    while (running && decoder.next(frame)) {
                        Instant at = Instant.now();
                        FrameAnalysis analysis = detector.analyse(frame.pixels(), frame.width(), frame.height());
                        if (analysis.hasMotion()) {
                            peak.offer(frame.pixels(), frame.width(), frame.height(), analysis.score());
                        }
                        builder.accept(at, analysis);
                    }
                } catch (DecodeException e) {
                    if (running) {
                        LOG.info("motion analysis of {} interrupted: {}", Redact.withoutCredentials(camera.analysisUrl()),
                                e.getMessage());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("motion analysis of camera {} failed", camera.id(), e);
                } finally {
                    connected = false;
                    decoder.close();
                    current = null;
                }
                builder.flush();
                recorder.flushActivity();
                if (running) {
                    sleep(jittered(retry));
                    retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
                }
            }
        }

        void stop() {
            running = false;
            GreyFrameDecoder d = current;
            if (d != null) {
                d.interrupt();
            }
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void sleep(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    static Duration jittered(Duration d) {
        long ms = d.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }
}
