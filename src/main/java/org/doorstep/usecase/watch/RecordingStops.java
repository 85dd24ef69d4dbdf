package org.doorstep.usecase.watch;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.RecordingObjections;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * "Stop recording now" for one camera or all, for an objection (someone asks not to be recorded), and resuming it:
 * one click in the window, {@code doorstep camera stop|resume} on the command line. The flag is kept in the data
 * folder, so it outlives a restart; a recorder in this process applies it at once, one in another process within
 * seconds ({@link Watch#honourObjections}). Each request and each stop or restart it causes is in the audit log.
 *
 * <p>Built in two ways: with the data folder opened (cameras checked by name, requests audited, the watch applied at
 * once), or with only the folder's path, for when another Doorstep process holds it: then that process audits and
 * applies the change when it reads the flag.
 */
public final class RecordingStops {
    private final RecordingObjections objections;
    private final CameraRepository cameras;
    private final AuditLog audit;
    private final Supplier<Optional<Watch>> watch;
    private final Clock clock;

    /** With the data folder opened by this process. */
    public RecordingStops(RecordingObjections objections, CameraRepository cameras, AuditLog audit,
                          Supplier<Optional<Watch>> watch, Clock clock) {
        this.objections = objections;
        this.cameras = cameras;
        this.audit = audit;
        this.watch = watch;
        this.clock = clock;
    }

    /** Only the flags, for a data folder another process holds (that process audits and applies them). */
    public static RecordingStops flagsOnly(RecordingObjections objections, Clock clock) {
        return new RecordingStops(objections, null, null, Optional::empty, clock);
    }

    /** Whether this instance can audit and apply at once (false: another process will). */
    public boolean direct() {
        return cameras != null;
    }

    /** Stops recording of {@code camera} (null: every camera) now and until it is resumed. */
    public void stop(String camera) {
        String name = checked(camera);
        Optional<Camera> known = known(name);
        if (known.isPresent()) {
            io(() -> objections.set(name, known.get().id(), clock.instant()));
        } else {
            io(() -> objections.set(name, clock.instant()));
        }
        audit("recording-stop", name);
        watch.get().ifPresent(Watch::honourObjections);
    }

    /** Lifts the stop of {@code camera} (null: every stop). Refused for one camera while all cameras are stopped. */
    public void resume(String camera) {
        String name = checked(camera);
        if (name != null && io(() -> objections.read()).stream().anyMatch(o -> o.camera() == null)) {
            throw new UserException(text().get("stop.error.allStopped", name), UserException.EXIT_USAGE);
        }
        Optional<Camera> known = known(name);
        if (known.isPresent()) {
            io(() -> objections.clear(name, known.get().id()));
        } else {
            io(() -> objections.clear(name));
        }
        audit("recording-resume", name);
        watch.get().ifPresent(Watch::honourObjections);
    }

    /** Whether recording of {@code camera} is stopped (by its own stop or the one for all). */
    public boolean stopped(String camera) {
        Optional<Camera> known = known(camera);
        return known.isPresent() ? io(() -> objections.stops(camera, known.get().id()))
                : io(() -> objections.stops(camera));
    }

    /** The camera in the database (empty for "all", or when only the flags are at hand). */
    private Optional<Camera> known(String name) {
        if (name == null || cameras == null) {
            return Optional.empty();
        }
        try {
            return cameras.findByName(name);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Whether every camera is stopped at once. */
    public boolean allStopped() {
        return io(() -> objections.read()).stream().anyMatch(o -> o.camera() == null);
    }

    /** The stops in force, for {@code camera list} and the window. */
    public List<RecordingObjections.Objection> stops() {
        return io(objections::read);
    }

    private String checked(String camera) {
        if (camera == null || cameras == null) {
            return camera == null ? null : CameraCatalog.validName(camera);
        }
        try {
            return cameras.findByName(camera).map(Camera::name)
                    .orElseThrow(() -> CameraCatalog.unknownCamera(camera, UserException.EXIT_USAGE));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void audit(String action, String camera) {
        if (audit == null) {
            return;
        }
        try {
            String detail = camera == null ? "all cameras" : "camera=" + cameras.findByName(camera)
                    .map(c -> Long.toString(c.id())).orElse("?");
            audit.record(clock.instant(), action, detail + (action.endsWith("stop") ? " (objection: recording off)"
                    : " (recording on again)"));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @FunctionalInterface
    private interface FileCall<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    private interface FileAction {
        void run() throws IOException;
    }

    private static <T> T io(FileCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UserException(text().get("stop.error.file", e.getMessage()));
        }
    }

    private static void io(FileAction action) {
        io(() -> {
            action.run();
            return null;
        });
    }

    private static Messages text() {
        return Messages.of("stop");
    }
}
