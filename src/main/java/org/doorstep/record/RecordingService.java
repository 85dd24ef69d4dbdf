package org.doorstep.record;

import org.doorstep.common.Threads;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.privacy.CameraCredentials;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.privacy.SegmentCrypto;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentFiles;
/**
 * Records every enabled camera's main stream, one {@link StreamRecorder} thread each, plus retention. Owned by the
 * App; {@link #close()} closes all open segments cleanly.
 *
 * <p>Start-up order matters: reconcile the index with the disk first (recover or trim what a crash left), warm up
 * the cipher (the JIT makes AES-GCM several times cheaper once compiled), then start the cameras.
 */
public final class RecordingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
    private final CameraRepository cameras;
    private final CredentialVault vault;
    private final Settings settings;
    private final SegmentFiles files;
    private final SegmentKeyStore keys;
    private final SegmentIndex index;
    private final RecordingListener listener;
    private final Clock clock;
    private final RetentionService retention;
    private final Map<Long, Running> running = new LinkedHashMap<>();
    /** The H.264 encoders that open here, probed once when the first masked camera connects. */
    private List<org.doorstep.media.H264Encoders.Result> encoders;
    private final DiskSpace disk;

    private record Running(StreamRecorder recorder, Thread thread) {}

    public RecordingService(CameraRepository cameras, CredentialVault vault, Settings settings, SegmentFiles files,
                            SegmentKeyStore keys, SegmentIndex index, RetentionService retention,
                            RecordingListener listener, Clock clock) {
        this(cameras, vault, settings, files, keys, index, retention, listener, clock, DiskSpace.system());
    }

    /** @param disk where free space is read; the recorders stop before the database's disk is full */
    public RecordingService(CameraRepository cameras, CredentialVault vault, Settings settings, SegmentFiles files,
                            SegmentKeyStore keys, SegmentIndex index, RetentionService retention,
                            RecordingListener listener, Clock clock, DiskSpace disk) {
        this.disk = disk;
        this.cameras = cameras;
        this.vault = vault;
        this.settings = settings;
        this.files = files;
        this.keys = keys;
        this.index = index;
        this.retention = retention;
        this.listener = listener == null ? RecordingListener.NONE : listener;
        this.clock = clock;
    }

    public SegmentIndex index() {
        return index;
    }

    public SegmentKeyStore keys() {
        return keys;
    }

    public SegmentFiles files() {
        return files;
    }

    /** Reconciles, warms up and starts the given cameras (all enabled ones when {@code names} is empty). */
    public synchronized int start(List<String> names) throws SQLException, IOException {
        return start(names, cam -> false);
    }

    /**
     * As {@link #start(List)}, leaving out the cameras {@code heldBack} names (a "stop recording now" objection):
     * they never record a frame, not even until a later check would stop them.
     */
    public synchronized int start(List<String> names, java.util.function.Predicate<Camera> heldBack)
            throws SQLException, IOException {
        Reconciler.Result r = new Reconciler(index, files, keys, clock).reconcile();
        LOG.info("reconciled: {}", r);
        SegmentCrypto.warmUp();
        int started = 0;
        for (Camera cam : cameras.all()) {
            if (!cam.enabled() || (!names.isEmpty() && !names.contains(cam.name())) || heldBack.test(cam)) {
                continue;
            }
            start(cam);
            started++;
        }
        if (retention != null) {
            retention.start();
        }
        return started;
    }

    public synchronized void start(Camera cam) {
        if (running.containsKey(cam.id())) {
            return;
        }
        StreamRecorder rec = new StreamRecorder(cam.id(), cam.name(), "main", withCredentials(cam), cam.rtspTransport(),
                cam.options().recordAudio(), settings.segmentSeconds(), files, keys, index, listener, clock,
                privacyMasking(cam), cam.addresses(),
                new StorageGuard(disk, retention == null ? () -> { } : retention::runSoon,
                        retention == null ? () -> 0 : retention::configuredReserve));
        Thread t = Threads.daemon(rec, "record-" + cam.id());
        running.put(cam.id(), new Running(rec, t));
        t.start();
    }

    /**
     * The camera's privacy masks as the recorder burns them in, or null when it has none (its packets are copied).
     * A mask that cannot be read is a reason not to record rather than to record unmasked.
     */
    private PrivacyMasking privacyMasking(Camera cam) {
        org.doorstep.motion.MotionMask mask;
        try {
            mask = org.doorstep.motion.MotionMaskJson.parse(cam.options().privacyMasksJson());
        } catch (IllegalArgumentException e) {
            LOG.error("camera {}: its privacy masks cannot be read; the whole picture is blacked out", cam.name());
            return new PrivacyMasking((w, h) -> new byte[w * h], this::maskEncoder);
        }
        return mask.isEmpty() ? null : new PrivacyMasking(mask::raster, this::maskEncoder);
    }

    /** The encoder masked cameras use: the first that opens, hardware first (see H264Encoders). */
    public String maskEncoder() {
        return org.doorstep.media.H264Encoders.choose(maskEncoders());
    }

    /** Every H.264 encoder candidate and whether it opens here (probed once). */
    public synchronized List<org.doorstep.media.H264Encoders.Result> maskEncoders() {
        if (encoders == null) {
            encoders = org.doorstep.media.H264Encoders.probeAll();
            LOG.info("encoders for privacy masks: {}", encoders);
        }
        return encoders;
    }

    /**
     * How a camera's video reaches the disk: "copy" (packets as the camera sent them) or the name of the encoder
     * that burns its privacy masks in; null when it is not being recorded.
     */
    public synchronized String videoPath(long cameraId) {
        Running r = running.get(cameraId);
        return r == null ? null : r.recorder().videoPath();
    }

    /** Stops one camera and waits until its segment is closed. */
    public void stop(long cameraId) {
        Running r;
        synchronized (this) {
            r = running.remove(cameraId);
        }
        if (r != null) {
            r.recorder().requestStop();
            join(r.thread());
        }
    }

    /**
     * Closes the segments the given cameras are writing (at their next keyframe) and waits until they are indexed,
     * at most {@code timeout}; cameras that are not recording are done at once. Recording goes on in new segments.
     * Returns false when a camera did not close its segment in time.
     */
    public boolean cutSegments(java.util.Collection<Long> cameraIds, Duration timeout) {
        List<java.util.concurrent.CompletableFuture<Void>> cuts = new ArrayList<>();
        synchronized (this) {
            for (Long id : cameraIds) {
                Running r = running.get(id);
                if (r != null) {
                    cuts.add(r.recorder().requestCut());
                }
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(cuts.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ids of the cameras being recorded now. */
    public synchronized List<Long> recordingCameras() {
        return new ArrayList<>(running.keySet());
    }

    public synchronized List<CameraStatus> status() {
        List<CameraStatus> out = new ArrayList<>();
        for (Running r : running.values()) {
            out.add(r.recorder().status());
        }
        return out;
    }

    private URI withCredentials(Camera cam) {
        return new CameraCredentials(vault).authenticated(cam, cam.mainUrl());
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
            running.clear();
        }
        if (retention != null) {
            retention.close();
        }
        for (Running r : all) {
            r.recorder().requestStop();
        }
        for (Running r : all) {
            join(r.thread());
        }
    }
}
