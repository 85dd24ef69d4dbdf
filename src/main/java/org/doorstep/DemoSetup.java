package org.doorstep;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;

/**
 * The built-in demo: the virtual doorbell on loopback, added as a camera called "Demo doorbell" so a
 * newcomer sees recording and motion at once. It uses fresh ports and a fresh random password each
 * start, announces nothing on the LAN (no WS-Discovery), and updates the camera entry to match.
 */
public final class DemoSetup {
    public static final String CAMERA_NAME = "Demo doorbell";
    public static final String USER = "demo";
    public static final Duration VISIT_EVERY = Duration.ofSeconds(30);

    private DemoSetup() {}

    /** Starts the demo doorbell, rendering its scene on first use. */
    public static DemoCamera startDoorbell(App app, RenderProgress progress) throws IOException {
        String password = randomPassword();
        DoorbellConfig config = DoorbellConfig.defaults(app.dataDir().cache().resolve("sim"))
                .withCredentials(USER, password, false)
                .withVisitEvery(VISIT_EVERY)
                .withOnvif(0, 0, Duration.ZERO);
        return new DemoCamera(config).start(progress, SimulatedOnvifCamera.NO_DISCOVERY);
    }

    /** Adds the demo camera, or points the existing one at this run's doorbell and password. */
    public static Camera registerCamera(App app, DemoCamera doorbell) throws SQLException {
        CameraRepository cameras = app.cameras();
        String password = doorbell.doorbell().config().password();
        String ref = app.vault().store(password.toCharArray());
        URI main = doorbell.rtspUri(VirtualDoorbell.Stream.MAIN);
        URI sub = doorbell.rtspUri(VirtualDoorbell.Stream.SUB);
        Optional<Camera> existing = cameras.findByName(CAMERA_NAME);
        if (existing.isPresent()) {
            Camera old = existing.get();
            Camera updated = new Camera(old.id(), old.name(), main, sub, null, doorbell.onvifUri(), USER, ref, true,
                    old.retention(), old.rtspTransport(), old.motionEnabled(), old.motionSensitivity(),
                    old.motionMasksJson(), old.createdAt());
            cameras.update(updated);
            app.vault().remove(old.credentialRef());
            return updated;
        }
        try {
            Camera fresh = Camera.newCamera(CAMERA_NAME, main, sub, USER, Camera.DEFAULT_RETENTION)
                    .withOnvif(doorbell.onvifUri(), null).withCredentialRef(ref);
            return cameras.insert(fresh);
        } catch (CameraRepository.DuplicateNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
