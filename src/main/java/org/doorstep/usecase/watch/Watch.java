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

    public Watch(CameraRepository cameras, EventRepository events, RecordingService recording,
                 RecordingListeners listeners, MotionService motion, CameraEventService cameraEvents) {
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
        int recordingNow;
        try {
            recordingNow = recording.start(names);
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (IOException e) {
            throw new UserException(Messages.of("record").get("cli.failed", e.getMessage()));
        }
        List<Camera> chosen = new ArrayList<>();
        for (Camera camera : get(cameras::all)) {
            if (camera.enabled() && (names.isEmpty() || names.contains(camera.name()))) {
                motion.start(camera);
                chosen.add(camera);
            }
        }
        cameraEvents.startAll(chosen);
        started = true;
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
        recording.start(camera);
        motion.start(camera);
        cameraEvents.start(camera);
    }

    /** What each recorder is doing now. */
    public List<CameraStatus> status() {
        return recording.status();
    }

    /** Stops everything; safe to call again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cameraEvents.close();
        motion.close();
        recording.close();
    }
}
