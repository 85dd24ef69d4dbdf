package org.doorstep.usecase.demo;

import static org.doorstep.usecase.Indexed.get;
import static org.doorstep.usecase.Indexed.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;

/**
 * The built-in demo: the virtual doorbell on loopback, added as a camera called "Demo doorbell" so a newcomer sees
 * recording and motion at once. It uses fresh ports and a fresh random password each start, announces nothing on
 * the LAN (no WS-Discovery), and updates the camera entry to match.
 */
public final class DemoDoorbell {
    public static final String CAMERA_NAME = "Demo doorbell";
    public static final String USER = "demo";
    public static final Duration VISIT_EVERY = Duration.ofSeconds(30);

    private final Path sceneCache;
    private final CameraRepository cameras;
    private final CredentialVault vault;
    private final SecureRandom random = new SecureRandom();

    public DemoDoorbell(Path sceneCache, CameraRepository cameras, CredentialVault vault) {
        this.sceneCache = sceneCache;
        this.cameras = cameras;
        this.vault = vault;
    }

    /** Progress of the one-time scene rendering, {@code done} of {@code total} steps. */
    @FunctionalInterface
    public interface Rendering {
        void at(int done, int total);
    }

    /** A running demo doorbell and the camera entry that records it; closing stops the doorbell. */
    public record Running(DemoCamera doorbell, Camera camera) implements AutoCloseable {
        @Override
        public void close() {
            doorbell.close();
        }
    }

    /** Starts the doorbell (rendering its scene on first use) and points the demo camera entry at it. */
    public Running start(Rendering rendering) throws IOException {
        String password = randomPassword();
        DoorbellConfig config = DoorbellConfig.defaults(sceneCache)
                .withCredentials(USER, password, false)
                .withVisitEvery(VISIT_EVERY)
                .withOnvif(0, 0, Duration.ZERO);
        RenderProgress progress = rendering::at;
        DemoCamera doorbell = new DemoCamera(config).start(progress, SimulatedOnvifCamera.NO_DISCOVERY);
        try {
            return new Running(doorbell, register(doorbell));
        } catch (RuntimeException e) {
            doorbell.close();
            throw e;
        }
    }

    /** Adds the demo camera, or points the existing one at this run's doorbell and password. */
    private Camera register(DemoCamera doorbell) {
        String password = doorbell.doorbell().config().password();
        String ref = vault.store(password.toCharArray());
        URI main = doorbell.rtspUri(VirtualDoorbell.Stream.MAIN);
        URI sub = doorbell.rtspUri(VirtualDoorbell.Stream.SUB);
        Optional<Camera> existing = get(() -> cameras.findByName(CAMERA_NAME));
        if (existing.isPresent()) {
            Camera old = existing.get();
            Camera updated = new Camera(old.id(), old.name(), main, sub, null, doorbell.onvifUri(), USER, ref, true,
                    old.retention(), old.rtspTransport(), old.motionEnabled(), old.motionSensitivity(),
                    old.motionMasksJson(), old.createdAt(), old.options());
            run(() -> cameras.update(updated));
            vault.remove(old.credentialRef());
            return updated;
        }
        Camera fresh = Camera.newCamera(CAMERA_NAME, main, sub, USER, Camera.DEFAULT_RETENTION)
                .withOnvif(doorbell.onvifUri(), null).withCredentialRef(ref);
        return get(() -> {
            try {
                return cameras.insert(fresh);
            } catch (CameraRepository.DuplicateNameException e) {
                throw new IllegalStateException("the demo camera appeared while it was being added", e);
            }
        });
    }

    private String randomPassword() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
