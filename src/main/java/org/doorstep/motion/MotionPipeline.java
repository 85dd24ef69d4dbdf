package org.doorstep.motion;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.doorstep.media.DecodeException;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.common.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motion analysis of one camera: decoder → detector → event builder. Live, it decodes on one thread
 * and analyses on another, handing over through a one-frame mailbox: when analysis falls behind the
 * older waiting frame is dropped (counted), decoding never waits. A lost stream is reopened after a
 * pause, with a fresh background. Only analysis is affected by any of this — recording runs elsewhere.
 */
public final class MotionPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MotionPipeline.class);

    /** Counters, for diagnostics. */
    /** How far frame times may trail their arrival (see decodeLoop). */
    static final Duration MAX_LAG = Duration.ofSeconds(1);

    /** @param keyframesOnly whether only keyframes are decoded now because the scene is still */
    public record Stats(long analysed, long droppedBehind, long reconnects, String hwAccel, boolean keyframesOnly) {
    }

    /**
     * How long a scene analysed on a camera's main stream (no sub stream), or on a sub stream when the user chose to
     * save processor time, must be still before only its keyframes are decoded. Motion then shows on the next
     * keyframe, and the pictures after it are decoded at once (they were held back): an event starts at most one
     * keyframe interval late (the recording itself is continuous, and a clip has its pre-roll).
     */
    static final Duration STILL_BEFORE_KEYFRAMES = Duration.ofSeconds(10);
    /**
     * Streams taller than this are main streams, where decoding everything is what costs; smaller ones decode only
     * keyframes while still when {@link #keyframesWhileStillOnSmallStreams} says so.
     */
    public static final int MAIN_STREAM_HEIGHT = 480;
    /** With keyframes further apart than this, a late start would be too late: such streams are always decoded. */
    public static final Duration LONGEST_KEYFRAME_INTERVAL = Duration.ofSeconds(4);

    private final String url;
    private final GreyFrameDecoder.Options decodeOptions;
    private final MotionDetector detector;
    private final MotionEventBuilder events;
    private final MotionListener listener;
    private final Duration retryDelay;
    /** Privacy masks: blacked out before analysis, so neither motion nor thumbnails ever see them. */
    private final MotionMask blackout;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong analysed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile String hwAccel = "software";
    private volatile GreyFrameDecoder current;
    /** Analysis thread: when motion (or calibration) was last seen, for the still-scene keyframes mode. */
    private Instant lastMotionAt;
    private FrameAnalysis lastResult = FrameAnalysis.CALIBRATING;
    private volatile boolean keyframesOnly;
    private volatile boolean smallStreamsToo;
    /** The stream as last opened (decode thread writes, anyone reads): what the cost figure is about. */
    private volatile int streamWidth;
    private volatile int streamHeight;
    private volatile double streamFps;
    private GreyFrameDecoder toldDecoder;
    /** Volatile: {@link #cpuNanos()} reads them from other threads without waiting for a closing pipeline. */
    private volatile Thread decodeThread;
    private volatile Thread analysisThread;

    // mailbox: the decoder fills 'pending' and swaps it with 'spare'; the analyser takes it
    private final Object lock = new Object();
    private GreyFrame pending;
    private GreyFrame spare = new GreyFrame();
    private Instant pendingAt;
    private boolean decoderDone;

    public MotionPipeline(String url, GreyFrameDecoder.Options decodeOptions, DetectorSettings detectorSettings,
                          EventSettings eventSettings, MotionListener listener, Duration retryDelay) {
        this(url, decodeOptions, detectorSettings, eventSettings, listener, retryDelay, MotionMask.NONE);
    }

    /** @param privacy areas blacked out in every analysed picture (and so in every thumbnail) */
    public MotionPipeline(String url, GreyFrameDecoder.Options decodeOptions, DetectorSettings detectorSettings,
                          EventSettings eventSettings, MotionListener listener, Duration retryDelay,
                          MotionMask privacy) {
        this.blackout = privacy;
        this.url = url;
        this.decodeOptions = decodeOptions;
        this.detector = new MotionDetector(detectorSettings);
        this.listener = listener;
        this.events = new MotionEventBuilder(eventSettings, listener);
        this.retryDelay = retryDelay;
    }

    /** Whether a sub-stream-sized picture, too, is decoded at keyframes only while still; takes effect at once. */
    public void keyframesWhileStillOnSmallStreams(boolean on) {
        smallStreamsToo = on;
    }

    public Stats stats() {
        return new Stats(analysed.get(), dropped.get(), reconnects.get(), hwAccel, keyframesOnly);
    }

    /** The analysed stream's picture width as last opened; 0 before it opened. */
    public int streamWidth() {
        return streamWidth;
    }

    /** The analysed stream's picture height as last opened; 0 before it opened. */
    public int streamHeight() {
        return streamHeight;
    }

    /** The analysed stream's frame rate as it states it; 0 when unknown or not open yet. */
    public double streamFps() {
        return streamFps;
    }

    /**
     * CPU time the live analysis's two threads (decoding and analysis) have used so far, in nanoseconds; 0 before
     * {@link #start()}. A thread that has ended counts no more, so read it while the pipeline runs.
     */
    public long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return threadCpu(mx, decodeThread) + threadCpu(mx, analysisThread);
    }

    private static long threadCpu(java.lang.management.ThreadMXBean mx, Thread thread) {
        if (thread == null || !mx.isThreadCpuTimeSupported()) {
            return 0;
        }
        long nanos = mx.getThreadCpuTime(thread.getId());
        return Math.max(0, nanos); // -1: ended or not started
    }

    /**
     * Analyses a whole file on the calling thread, every due frame, nothing dropped (benchmarks,
     * re-analysis of recordings). Frame instants are {@code start} plus the frame's timestamp.
     */
    public void runFile(Instant start) throws DecodeException {
        try (GreyFrameDecoder decoder = GreyFrameDecoder.open(url, decodeOptions)) {
            hwAccel = decoder.activeHwAccel() == null ? "software" : decoder.activeHwAccel().id();
            GreyFrame frame = new GreyFrame();
            while (decoder.next(frame)) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                analyse(frame, start.plusNanos(frame.ptsMicros() * 1000));
            }
        } finally {
            events.flush();
        }
    }

    /** Starts live analysis: frame instants come from the wall clock at the first frame plus timestamps. */
    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        decodeThread = new Thread(this::decodeLoop, "motion-decode " + Redact.displayUrl(url));
        analysisThread = new Thread(this::analysisLoop, "motion-analyse " + Redact.displayUrl(url));
        decodeThread.setDaemon(true);
        analysisThread.setDaemon(true);
        analysisThread.start();
        decodeThread.start();
    }

    /** Stops both threads and closes the stream; pending events are delivered. */
    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        GreyFrameDecoder d = current;
        if (d != null) {
            d.interrupt();
        }
        decodeThread.interrupt();
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            decodeThread.join(5000);
            analysisThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void decodeLoop() {
        GreyFrame frame = new GreyFrame();
        while (running.get()) {
            GreyFrameDecoder decoder = GreyFrameDecoder.create(url, decodeOptions);
            current = decoder;
            try (decoder) {
                if (!running.get()) {
                    break;
                }
                decoder.start();
                hwAccel = decoder.activeHwAccel() == null ? "software" : decoder.activeHwAccel().id();
                streamWidth = decoder.sourceWidth();
                streamHeight = decoder.streamHeight();
                streamFps = decoder.sourceFps();
                listener.streamOpened(streamWidth, streamHeight, streamFps);
                Instant base = null;
                while (running.get() && decoder.next(frame)) {
                    // Wall clock of pts 0: the earliest arrival relative to its timestamp. The first pictures
                    // come late (held back while the stream was probed, then handed out in a burst), so
                    // anchoring on the first one alone put every event of the session that much late. Never
                    // more than MAX_LAG below the latest arrival, so a camera clock that runs slow cannot
                    // drag the times ever further behind.
                    Instant candidate = Instant.now().minusNanos(frame.ptsMicros() * 1000);
                    if (base == null || candidate.isBefore(base)) {
                        base = candidate;
                    } else if (candidate.minus(MAX_LAG).isAfter(base)) {
                        base = candidate.minus(MAX_LAG);
                    }
                    offer(frame, base.plusNanos(frame.ptsMicros() * 1000));
                }
                if (!running.get()) {
                    break;
                }
                LOG.info("{}: stream ended", decoder.displayUrl());
            } catch (DecodeException e) {
                if (!running.get()) {
                    break;
                }
                LOG.warn("{}", e.getMessage());
            }
            reconnects.incrementAndGet();
            try {
                Thread.sleep(retryDelay.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
        synchronized (lock) {
            decoderDone = true;
            lock.notifyAll();
        }
    }

    private void offer(GreyFrame frame, Instant at) {
        synchronized (lock) {
            if (pending != null) {
                dropped.incrementAndGet(); // analysis is behind: the older frame goes
            } else {
                pending = spare;
            }
            frame.copyInto(pending);
            pendingAt = at;
            lock.notifyAll();
        }
    }

    /** Frames whose analysis failed; analysis thread only. */
    private long analysisFailures;

    private void analysisLoop() {
        GreyFrame mine = new GreyFrame();
        try {
            while (true) {
                Instant at;
                synchronized (lock) {
                    while (pending == null && !decoderDone) {
                        lock.wait();
                    }
                    if (pending == null) {
                        break;
                    }
                    GreyFrame taken = pending;
                    pending = null;
                    spare = mine;
                    mine = taken;
                    at = pendingAt;
                }
                try {
                    analyse(mine, at);
                    decideKeyframesOnly(at, lastResult);
                } catch (RuntimeException e) {
                    // one bad frame must not end motion analysis for good; say so once per thousand
                    if (analysisFailures++ % 1000 == 0) {
                        LOG.error("motion analysis of a frame failed for {}; going on", Redact.displayUrl(url), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("motion analysis stopped for {}", Redact.displayUrl(url), e);
        } finally {
            events.flush();
        }
    }

    private void blackOut(GreyFrame frame) {
        if (blackout.isEmpty()) {
            return;
        }
        byte[] keep = blackout.raster(frame.width(), frame.height());
        byte[] px = frame.pixels();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] == 0) {
                px[i] = 0;
            }
        }
    }

    private void analyse(GreyFrame frame, Instant at) {
        blackOut(frame);
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
        FrameAnalysis result = detector.analyse(frame.pixels(), frame.width(), frame.height(), micros);
        lastResult = result;
        analysed.incrementAndGet();
        listener.frame(at, result, frame);
        events.accept(at, result);
    }

    /** Live analysis only: a stream whose scene has been still decodes keyframes only (see STILL_BEFORE_KEYFRAMES). */
    private void decideKeyframesOnly(Instant at, FrameAnalysis result) {
        GreyFrameDecoder decoder = current;
        if (decoder == null) {
            return;
        }
        if (decoder != toldDecoder) { // a reconnect: the new decoder starts decoding everything
            toldDecoder = decoder;
            keyframesOnly = false;
        }
        if (result.hasMotion() || result.calibrating() || lastMotionAt == null || at.isBefore(lastMotionAt)) {
            lastMotionAt = at;
        }
        Duration keyframes = decoder.keyframeInterval();
        boolean still = (decoder.streamHeight() > MAIN_STREAM_HEIGHT || smallStreamsToo) && !keyframes.isZero()
                && keyframes.compareTo(LONGEST_KEYFRAME_INTERVAL) <= 0
                && Duration.between(lastMotionAt, at).compareTo(STILL_BEFORE_KEYFRAMES) >= 0;
        if (still != keyframesOnly) {
            keyframesOnly = still;
            decoder.keyframesWhileStill(still);
            LOG.debug("{}: {}", Redact.displayUrl(url), still ? "scene still, keyframes only" : "motion, all frames");
        }
    }
}
