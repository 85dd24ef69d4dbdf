package org.doorstep;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.media.DecodeException;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwAccelSetting;
import org.doorstep.motion.MotionService;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.events.CameraEventService;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.privacy.CameraCredentials;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.record.RecordingListener;
import org.doorstep.record.RecordingService;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs while Doorstep watches cameras, in the window or headless: recording (with retention),
 * motion analysis, and the cameras' own ONVIF events (doorbell rings, camera-side motion). Built from an {@link App}; closed with it.
 */
public final class Services implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    private final App app;
    private final RecordingService recording;
    private final MotionService motion;
    private final EncryptedThumbnails thumbnails;
    private final CameraEventService cameraEvents;
    private boolean closed;

    private Services(App app, RecordingService recording, MotionService motion, EncryptedThumbnails thumbnails,
                     CameraEventService cameraEvents) {
        this.app = app;
        this.recording = recording;
        this.motion = motion;
        this.thumbnails = thumbnails;
        this.cameraEvents = cameraEvents;
    }

    public static Services create(App app, RecordingListener listener) throws IOException {
        RecordingService recording = RecordingService.create(app, listener);
        EncryptedThumbnails thumbnails = new EncryptedThumbnails(app.dataDir(), recording.keys());
        CameraCredentials credentials = new CameraCredentials(app.vault());
        MotionService motion = new MotionService(new EventRepository(app.database()),
                new ActivityRepository(app.database()), thumbnails,
                camera -> credentials.authenticated(camera, camera.analysisUrl()), app.settings().motionFps(),
                hardwareDecoders(app.settings().hwAccel()));
        OnvifHttp http = app.own(new OnvifHttp(AddressPolicy.lanOnly()));
        CameraEventService cameraEvents = new CameraEventService(new EventRepository(app.database()), app.vault(), http,
                new AuthMemory(), thumbnails, Clock.systemUTC());
        return app.own(new Services(app, recording, motion, thumbnails, cameraEvents));
    }

    /** The decoders the setting allows, verified on this machine when the choice is automatic. */
    static List<HwAccel> hardwareDecoders(String setting) {
        HwAccelSetting choice;
        try {
            choice = HwAccelSetting.parse(setting);
        } catch (IllegalArgumentException e) {
            LOG.warn("unknown hardware decoder setting '{}': decoding in software", setting);
            return List.of();
        }
        if (choice.mode() != HwAccelSetting.Mode.AUTO) {
            return choice.resolve(List.of());
        }
        try {
            return choice.resolve(DecoderDoctor.detectWorking());
        } catch (DecodeException | RuntimeException e) {
            LOG.info("no hardware decoder check possible ({}): decoding in software", e.getMessage());
            return List.of();
        }
    }

    /**
     * Starts recording and motion analysis of the named cameras, or of every enabled one when {@code names}
     * is empty; returns how many cameras record.
     */
    public int start(List<String> names) throws SQLException, IOException {
        int dangling = new EventRepository(app.database()).closeDangling();
        if (dangling > 0) {
            LOG.info("closed {} events left open by an earlier stop", dangling);
        }
        int started = recording.start(names);
        List<Camera> chosen = new ArrayList<>();
        for (Camera camera : app.cameras().all()) {
            if (camera.enabled() && (names.isEmpty() || names.contains(camera.name()))) {
                motion.start(camera);
                chosen.add(camera);
            }
        }
        cameraEvents.startAll(chosen);
        return started;
    }

    public RecordingService recording() {
        return recording;
    }

    public MotionService motion() {
        return motion;
    }

    public EncryptedThumbnails thumbnails() {
        return thumbnails;
    }

    /** Doorbell buttons and camera-side motion over ONVIF. */
    public CameraEventService cameraEvents() {
        return cameraEvents;
    }

    /** Stops everything; safe to call again (the App closes what it owns once more on exit). */
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
