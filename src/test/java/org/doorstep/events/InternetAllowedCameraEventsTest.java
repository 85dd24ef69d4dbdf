package org.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.doorstep.common.net.LanAddresses;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.PorchSnapshot;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a camera the owner explicitly allowed outside the LAN ({@code --allow-internet-address}) recorded, but
 * its ONVIF events and ring snapshots still went through the LAN-only policy and failed. Here the loopback
 * addresses count as "not the local network" (the policy's classification is injected), so the simulated camera on
 * 127.0.0.1 is "on the internet" without anything leaving the machine.
 */
class InternetAllowedCameraEventsTest {
    static final String USER = "admin";
    static final String PASSWORD = "door-secret";

    @TempDir
    Path dir;
    Database db;
    CredentialVault vault;
    EventRepository events;
    OnvifHttp http;
    SimulatedOnvifCamera onvif;

    @BeforeEach
    void setUp() throws Exception {
        DataDir data = new DataDir(dir).create();
        db = Database.open(data);
        vault = new CredentialVault(data.keys());
        events = new EventRepository(db);
        http = new OnvifHttp(AddressPolicy.lanOnly(a -> LanAddresses.isLocal(a) && !a.isLoopbackAddress()));
        onvif = new SimulatedOnvifCamera(OnvifSimConfig.demo(0, USER, PASSWORD, Duration.ZERO),
                SimProfile.defaults(), t -> URI.create("rtsp://127.0.0.1:1/" + t), new PorchSnapshot(320, 180, 15),
                SimulatedOnvifCamera.NO_DISCOVERY).start();
    }

    @AfterEach
    void tearDown() {
        onvif.close();
        http.close();
        db.close();
    }

    private Camera camera(URI snapshotUrl, boolean allowInternet) throws Exception {
        Camera c = Camera.newCamera("Far porch", URI.create("rtsp://127.0.0.1:1/main"), null, USER, null)
                .withOnvif(onvif.deviceServiceUri(), snapshotUrl).withCredentialRef(vault.store(PASSWORD.toCharArray()));
        c = c.withOptions(c.options().withAllowInternetAddress(allowInternet));
        return new CameraRepository(db).insert(c);
    }

    private CameraEventService service() {
        return new CameraEventService(events, vault, http, new AuthMemory(), new FileThumbnailSink(dir),
                Clock.systemUTC());
    }

    private static boolean is(CameraEventService s, long id, CameraEventService.State state) {
        return s.status(id).map(x -> x.state() == state).orElse(false);
    }

    @Test
    void anAllowedCameraOutsideTheLanDeliversRingsWithSnapshots() throws Exception {
        Camera cam = camera(null, true);
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.SUBSCRIBED)
                    || is(s, cam.id(), CameraEventService.State.UNREACHABLE));
            assertThat(s.status(cam.id()).orElseThrow().state()).as(s.status(cam.id()).toString())
                    .isEqualTo(CameraEventService.State.SUBSCRIBED);
            onvif.publish(SimEvent.visitor(Instant.now(), true));
            await().atMost(Duration.ofSeconds(15)).until(() -> !events.find(cam.id(), StoredEvent.RING, null, null)
                    .isEmpty() && events.find(cam.id(), StoredEvent.RING, null, null).get(0).thumbnail() != null);
        }
        StoredEvent ring = events.find(cam.id(), StoredEvent.RING, null, null).get(0);
        assertThat(dir.resolve(ring.thumbnail())).isRegularFile();
    }

    @Test
    void withoutTheAllowanceTheSameCameraStaysRefused() throws Exception {
        Camera cam = camera(null, false);
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.UNREACHABLE));
            assertThat(s.status(cam.id()).orElseThrow().message()).contains("127.0.0.1");
        }
    }

    /** The allowance covers the configured host only: a snapshot address on another outside host is never contacted. */
    @Test
    void aSnapshotOnAnotherHostOutsideTheLanIsNotFetchedAndGetsNoCredentials() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.2"))) {
            other.setSoTimeout(200);
            URI elsewhere = URI.create("http://127.0.0.2:" + other.getLocalPort() + "/snapshot.jpg");
            Camera cam = camera(elsewhere, true);
            try (CameraEventService s = service()) {
                s.start(cam);
                await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.SUBSCRIBED));
                onvif.publish(SimEvent.visitor(Instant.now(), true));
                await().atMost(Duration.ofSeconds(15)).until(() -> !events.find(cam.id(), StoredEvent.RING, null, null)
                        .isEmpty());
                Thread.sleep(500);
            }
            assertThat(events.find(cam.id(), StoredEvent.RING, null, null).get(0).thumbnail()).isNull();
            boolean contacted;
            try (var ignored = other.accept()) {
                contacted = true;
            } catch (SocketTimeoutException e) {
                contacted = false;
            }
            assertThat(contacted).as("the other host was contacted").isFalse();
        }
    }
}
