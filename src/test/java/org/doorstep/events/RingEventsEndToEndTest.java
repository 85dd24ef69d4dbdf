package org.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.Visit;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifCameraAdder;
import org.doorstep.onvif.OnvifCameraSetup;
import org.doorstep.onvif.OnvifHttp;
/**
 * The whole ring path against the virtual doorbell as {@code --demo} runs it ({@link DemoCamera}): real RTSP
 * server and scene, real ONVIF server with a
 * 90 s clock skew and Digest auth over loopback, camera added through ONVIF, password in the vault, events
 * in a real H2 file database. Every bell press of the doorbell's ground truth must come back as a ring
 * event within a second, with a snapshot thumbnail.
 */
class RingEventsEndToEndTest {
    static final Duration SKEW = Duration.ofSeconds(90);
    static final String USER = "admin";
    static final String PASSWORD = "door-secret";

    @TempDir
    Path dir;

    @Test
    void everyBellPressBecomesARingEventWithAThumbnail() throws Exception {
        DataDir data = new DataDir(dir).create();
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, false).withOnvif(0, 0, SKEW);
        List<CameraEventService.Status> statuses = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(data);
             DemoCamera demo = new DemoCamera(cfg);
             OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly())) {
            demo.start(RenderProgress.NONE, SimulatedOnvifCamera.NO_DISCOVERY);
            VirtualDoorbell doorbell = demo.doorbell();
            SimulatedOnvifCamera onvif = demo.onvif();
            // The button is "held" when Doorstep subscribes: the camera reports that current state
            // (Initialized, State=true). That is no press and must not become a ring.
            onvif.publish(SimEvent.visitor(Instant.now(), true));
            onvif.publish(SimEvent.motion(Instant.now(), true));

            CredentialVault vault = new CredentialVault(data.keys());
            OnvifCameraSetup setup = new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC())
                    .add(onvif.deviceServiceUri().toString(), USER, PASSWORD.toCharArray(), null, null);
            Camera camera = new CameraRepository(db).insert(Camera.newCamera("Front door", setup.mainUrl(), setup.subUrl(), USER, null)
                    .withOnvif(setup.onvifUrl(), setup.snapshotUrl())
                    .withCredentialRef(vault.store(PASSWORD.toCharArray())));
            assertThat(camera.snapshotUrl()).isNotNull();
            EventRepository events = new EventRepository(db);

            try (CameraEventService service = new CameraEventService(events, vault, http, new AuthMemory(),
                    new FileThumbnailSink(dir), Clock.systemUTC())) {
                service.addStatusListener(statuses::add);
                service.start(camera);
                await().atMost(Duration.ofSeconds(15)).until(() -> service.status(camera.id())
                        .map(s -> s.state() == CameraEventService.State.SUBSCRIBED).orElse(false));
                Thread.sleep(500); // the Initialized messages are delivered with the first pull

                Visit first = doorbell.triggerVisit().get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(first.ring()));
                Visit second = doorbell.triggerVisit().get(25, TimeUnit.SECONDS); // after the first clip ends
                // the second ring and its release (1 s later)
                await().atMost(Duration.ofSeconds(20)).until(() -> ringsEnded(events, camera.id()) >= 2);
                await().atMost(Duration.ofSeconds(15)).until(() -> motionsEnded(events, camera.id()) >= 2);
                assertThat(List.of(first, second)).isEqualTo(doorbell.schedule());
            }

            List<Visit> truth = doorbell.schedule();
            List<StoredEvent> rings = events.find(camera.id(), StoredEvent.RING, null, null);
            assertThat(rings).as("one ring per bell press, none for the held button at subscription")
                    .hasSameSizeAs(truth);
            for (int i = 0; i < truth.size(); i++) {
                StoredEvent ring = rings.get(i);
                Duration diff = Duration.between(truth.get(i).ring(), ring.start());
                System.out.printf("ring %d: stored start - bell press = %+d ms (end - start = %d ms)%n", i + 1,
                        diff.toMillis(), Duration.between(ring.start(), ring.end()).toMillis());
                assertThat(diff.abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
                assertThat(Duration.between(ring.start(), ring.end()))
                        .as("ends at the button release (held 1 s)")
                        .isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
                assertThat(ring.thumbnailKeyId()).isEqualTo(FileThumbnailSink.KEY_ID);
                byte[] jpeg = Files.readAllBytes(dir.resolve(ring.thumbnail()));
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertThat(img).as("thumbnail is a picture").isNotNull();
                assertThat(img.getWidth()).isEqualTo(cfg.mainWidth());
            }

            List<StoredEvent> motions = events.find(camera.id(), StoredEvent.CAMERA_MOTION, null, null);
            assertThat(motions).as("camera-side motion: one per visit, none for the motion state at subscription")
                    .hasSameSizeAs(truth);
            for (int i = 0; i < truth.size(); i++) {
                Duration startDiff = Duration.between(truth.get(i).arrive(), motions.get(i).start());
                Duration endDiff = Duration.between(truth.get(i).leave(), motions.get(i).end());
                System.out.printf("camera-motion %d: start - arrive = %+d ms, end - leave = %+d ms%n", i + 1,
                        startDiff.toMillis(), endDiff.toMillis());
                assertThat(startDiff.abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
                assertThat(endDiff.abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            }
        }
        assertThat(statuses).extracting(CameraEventService.Status::state)
                .startsWith(CameraEventService.State.CONNECTING, CameraEventService.State.SUBSCRIBED)
                .endsWith(CameraEventService.State.STOPPED);
        assertThat(statuses).allSatisfy(s -> assertThat(s.message()).doesNotContain(PASSWORD));
    }

    private static long ringsEnded(EventRepository events, long cameraId) throws Exception {
        return events.find(cameraId, StoredEvent.RING, null, null).stream()
                .filter(e -> e.end() != null && e.end().isAfter(e.start())).count();
    }

    private static long motionsEnded(EventRepository events, long cameraId) throws Exception {
        return events.find(cameraId, StoredEvent.CAMERA_MOTION, null, null).stream()
                .filter(e -> e.end() != null).count();
    }
}
