package org.doorstep.usecase.watch;

import static org.doorstep.usecase.Indexed.get;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.common.Messages;
import org.doorstep.events.CameraEventService;
import org.doorstep.motion.MotionService;
import org.doorstep.record.CameraStatus;
import org.doorstep.record.RecordingListener;
import org.doorstep.record.RecordingListeners;
import org.doorstep.record.RecordingService;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.EventRepository;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watching the cameras, in the window or headless: recording (with retention), motion analysis of the sub stream,
 * and the cameras' own ONVIF events (doorbell rings, camera-side motion). One per open data folder; closing it
 * closes every open segment and event cleanly.
 */
public final class Watch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    private final CameraRepository cameras;
    private final EventRepository events;
    private final RecordingService recording;
    private final RecordingListeners listeners;
    private final MotionService motion;
    private final CameraEventService cameraEvents;
    private boolean started;
    private boolean closed;
    /** "Stop recording now" flags, read every {@link #OBJECTION_CHECK}; null: none (tests of plain watching). */
    private final org.doorstep.store.RecordingObjections objections;
    private final org.doorstep.store.AuditLog audit;
    /** Cameras this watch does not run because of an objection: started again once it is lifted. */
    private final java.util.Set<Long> heldBack = new java.util.HashSet<>();
    private java.util.concurrent.ScheduledExecutorService objectionCheck;
    /** The cameras {@link #start} was asked for (empty: all): a lifted stop restarts only those. */
    private List<String> watched = List.of();
    /** How soon a flag set by another process ({@code doorstep camera stop}) stops the camera. */
    static final java.time.Duration OBJECTION_CHECK = java.time.Duration.ofSeconds(2);
    /** The flag file as the last periodic check saw it (null: not checked yet). */
    private org.doorstep.store.RecordingObjections.Stamp lastObjectionStamp;
    /** Whether the last pass could not read the flag file (then its stamp is not remembered). */
    private volatile boolean flagsUnreadable;

    public Watch(CameraRepository cameras, EventRepository events, RecordingService recording,
                 RecordingListeners listeners, MotionService motion, CameraEventService cameraEvents) {
        this(cameras, events, recording, listeners, motion, cameraEvents, null, null);
    }

    public Watch(CameraRepository cameras, EventRepository events, RecordingService recording,
                 RecordingListeners listeners, MotionService motion, CameraEventService cameraEvents,
                 org.doorstep.store.RecordingObjections objections, org.doorstep.store.AuditLog audit) {
        this.objections = objections;
        this.audit = audit;
        this.cameras = cameras;
        this.events = events;
        this.recording = recording;
        this.listeners = listeners;
        this.motion = motion;
        this.cameraEvents = cameraEvents;
    }

    /** Tells {@code listener} about recorder states and new segments until the returned handle is closed. */
    public AutoCloseable listen(RecordingListener listener) {
        return listeners.add(listener);
    }

    /** Tells {@code cameraId} of each doorbell press as it comes in (on an event thread), until the handle is closed. */
    public AutoCloseable onRing(java.util.function.LongConsumer cameraId) {
        return cameraEvents.addRingListener(cameraId);
    }

    /**
     * Starts recording, motion analysis and camera events of the named cameras, or of every enabled one when
     * {@code names} is empty; returns how many cameras record. An unknown name is refused before anything starts.
     */
    public synchronized int start(List<String> names) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        for (String name : names) {
            if (get(() -> cameras.findByName(name)).isEmpty()) {
                throw CameraCatalog.unknownCamera(name, UserException.EXIT_USAGE);
            }
        }
        int dangling = get(events::closeDangling);
        if (dangling > 0) {
            LOG.info("closed {} events left open by an earlier stop", dangling);
        }
        watched = List.copyOf(names);
        int recordingNow;
        try {
            recordingNow = recording.start(names, this::objectedTo);
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            throw new UserException(Messages.of("record").get("cli.failed", e.getMessage()));
        }
        List<Camera> chosen = new ArrayList<>();
        for (Camera camera : get(cameras::all)) {
            if (camera.enabled() && (names.isEmpty() || names.contains(camera.name()))) {
                if (objectedTo(camera)) {
                    heldBack.add(camera.id());
                    LOG.info("camera {} not started: recording is stopped by an objection", camera.id());
                    continue;
                }
                motion.start(camera);
                chosen.add(camera);
            }
        }
        cameraEvents.startAll(chosen);
        started = true;
        if (objections != null && objectionCheck == null) {
            objectionCheck = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    org.doorstep.common.Threads.named("objections"));
            objectionCheck.scheduleWithFixedDelay(this::honourObjectionsSafely, OBJECTION_CHECK.toMillis(),
                    OBJECTION_CHECK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return recordingNow;
    }

    /**
     * Starts one camera added while watching (the window's "Add camera"), without touching the others; does
     * nothing before {@link #start} or for a camera that is switched off.
     */
    public synchronized void startCamera(String name) {
        if (!started || closed) {
            return;
        }
        Camera camera = get(() -> cameras.findByName(name))
                .orElseThrow(() -> CameraCatalog.unknownCamera(name, UserException.EXIT_USAGE));
        if (!camera.enabled()) {
            return;
        }
        if (objectedTo(camera)) {
            heldBack.add(camera.id());
            return;
        }
        recording.start(camera);
        motion.start(camera);
        cameraEvents.start(camera);
    }

    /**
     * Applies a camera's changed settings while it runs: stops its recorder (closing the open segment), motion
     * analysis and camera events, then starts them again from the stored camera, unless it is now switched off.
     * Does nothing before {@link #start}; other cameras are not touched.
     */
    public synchronized void restartCamera(String name) {
        if (!started || closed) {
            return;
        }
        Camera camera = get(() -> cameras.findByName(name))
                .orElseThrow(() -> CameraCatalog.unknownCamera(name, UserException.EXIT_USAGE));
        stopParts(camera.id());
        startCamera(camera.name());
    }

    /** Stops one camera's recording, analysis and events now ("Stop recording now"); the others go on. */
    public synchronized void stopCamera(String name) {
        Camera camera = get(() -> cameras.findByName(name))
                .orElseThrow(() -> CameraCatalog.unknownCamera(name, UserException.EXIT_USAGE));
        stopParts(camera.id());
    }

    private void stopParts(long cameraId) {
        cameraEvents.stop(cameraId);
        motion.stop(cameraId);
        recording.stop(cameraId);
    }

    /** Whether a "stop recording now" flag covers the camera (a flag that cannot be read stops nothing). */
    private boolean objectedTo(Camera camera) {
        if (objections == null) {
            return false;
        }
        try {
            if (objections.stops(camera.name(), camera.id())) {
                objections.identify(camera.name(), camera.id()); // from now on the flag follows a rename
                return true;
            }
            return false;
        } catch (IOException e) {
            LOG.warn("the recording stop flags could not be read: {}", e.toString());
            flagsUnreadable = true;
            return false;
        }
    }

    /**
     * The periodic check: the flags change only through their file, so while its stamp stays the same there is
     * nothing to apply (reading every camera from the database every two seconds cost more than a recorder's idle
     * minute, measured in CameraCostBench).
     */
    private void honourObjectionsSafely() {
        try {
            org.doorstep.store.RecordingObjections.Stamp now = objections.stamp();
            if (now.equals(lastObjectionStamp)) {
                return;
            }
            flagsUnreadable = false;
            honourObjections();
            if (!flagsUnreadable) { // a file that could not be read is tried again at the next check
                lastObjectionStamp = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("applying the recording stop flags failed: {}", e.toString());
        }
    }

    /**
     * Applies the "stop recording now" flags at once: stops every running camera a flag covers and starts again the
     * ones it held back whose flag is gone. Each change is written to the audit log. Runs every two seconds after
     * {@link #start}; the window calls it right after the owner's click. Returns how many cameras changed.
     */
    public synchronized int honourObjections() {
        if (!started || closed || objections == null) {
            return 0;
        }
        int changed = 0;
        java.util.List<Long> running = recording.recordingCameras();
        for (Camera camera : get(cameras::all)) {
            boolean objected = objectedTo(camera);
            if (objected && running.contains(camera.id())) {
                stopParts(camera.id());
                heldBack.add(camera.id());
                audit("recording-stopped", "camera=" + camera.id() + " (objection: recording off)");
                changed++;
            } else if (objected && camera.enabled() && (watched.isEmpty() || watched.contains(camera.name()))) {
                heldBack.add(camera.id()); // not running (failed to start, or switched on while objected)
            } else if (!objected && heldBack.remove(camera.id())) {
                startCamera(camera.name());
                audit("recording-resumed", "camera=" + camera.id());
                changed++;
            }
        }
        return changed;
    }

    private void audit(String action, String detail) {
        if (audit == null) {
            return;
        }
        try {
            audit.record(java.time.Instant.now(), action, detail);
        } catch (SQLException e) {
            LOG.warn("audit row not written: {}", e.toString());
        }
    }

    /** What each recorder is doing now. */
    public List<CameraStatus> status() {
        return recording.status();
    }

    /**
     * What the camera's motion analysis costs in this process now (its threads' CPU, measured) and on which stream
     * it runs; null when it is not analysed here.
     */
    public org.doorstep.motion.MotionCost motionCost(long cameraId) {
        return motion.cost(cameraId);
    }

    /** Stops everything; safe to call again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (objectionCheck != null) {
            objectionCheck.shutdownNow();
        }
        cameraEvents.close();
        motion.close();
        recording.close();
    }
}
