package org.doorstep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifClient;
import org.doorstep.onvif.OnvifHttp;
/** CameraEventService against the simulated ONVIF camera alone (no video): failures and their statuses. */
class CameraEventServiceTest {
    static final String USER = "admin";
    static final String PASSWORD = "door-secret";

    @TempDir
    Path dir;
    DataDir data;
    Database db;
    CredentialVault vault;
    EventRepository events;
    OnvifHttp http;
    SimulatedOnvifCamera onvif;
    final List<CameraEventService.Status> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        data = new DataDir(dir).create();
        db = Database.open(data);
        vault = new CredentialVault(data.keys());
        events = new EventRepository(db);
        http = new OnvifHttp(AddressPolicy.lanOnly());
        onvif = new SimulatedOnvifCamera(OnvifSimConfig.demo(0, USER, PASSWORD, Duration.ofSeconds(-37)),
                SimProfile.defaults(), t -> URI.create("rtsp://127.0.0.1:1/" + t), new PorchSnapshot(320, 180, 15),
                SimulatedOnvifCamera.NO_DISCOVERY).start();
    }

    @AfterEach
    void tearDown() {
        onvif.close();
        http.close();
        db.close();
    }

    Camera camera(String name, URI onvifUrl, URI snapshotUrl, String password) throws Exception {
        Camera c = Camera.newCamera(name, URI.create("rtsp://127.0.0.1:1/main"), null, USER, null)
                .withOnvif(onvifUrl, snapshotUrl).withCredentialRef(vault.store(password.toCharArray()));
        return new CameraRepository(db).insert(c);
    }

    CameraEventService service() {
        CameraEventService s = new CameraEventService(events, vault, http, new AuthMemory(),
                new FileThumbnailSink(dir), Clock.systemUTC());
        s.addStatusListener(statuses::add);
        return s;
    }

    static boolean is(CameraEventService s, long id, CameraEventService.State state) {
        return s.status(id).map(x -> x.state() == state).orElse(false);
    }

    @Test
    void aRingWhoseSnapshotFailsIsStoredWithoutAThumbnail() throws Exception {
        URI missing = onvif.deviceServiceUri().resolve("/no/such/snapshot.jpg");
        Camera cam = camera("Porch", onvif.deviceServiceUri(), missing, PASSWORD);
        Instant press;
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.SUBSCRIBED));
            press = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            onvif.publish(SimEvent.visitor(press, true));
            onvif.publish(SimEvent.visitor(press.plusMillis(700), false));
            await().atMost(Duration.ofSeconds(15)).until(() -> events.find(cam.id(), StoredEvent.RING, null, null)
                    .stream().anyMatch(e -> e.end().isAfter(e.start())));
        }
        StoredEvent ring = events.find(cam.id(), StoredEvent.RING, null, null).get(0);
        System.out.printf("ring with -37 s camera skew: stored start - press = %+d ms%n",
                Duration.between(press, ring.start()).toMillis());
        assertThat(Duration.between(press, ring.start()).abs()).isLessThanOrEqualTo(Duration.ofMillis(300));
        assertThat(ring.thumbnail()).isNull();
        assertThat(ring.thumbnailKeyId()).isNull();
        assertThat(Duration.between(ring.start(), ring.end())).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void ringListenersHearEachPressUntilTheyStopListening() throws Exception {
        Camera cam = camera("Porch", onvif.deviceServiceUri(), null, PASSWORD);
        List<Long> rang = new CopyOnWriteArrayList<>();
        try (CameraEventService s = service()) {
            AutoCloseable listening = s.addRingListener(rang::add);
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.SUBSCRIBED));
            onvif.publish(SimEvent.visitor(Instant.now(), true));
            await().atMost(Duration.ofSeconds(15)).until(() -> rang.size() == 1);
            assertThat(rang).containsExactly(cam.id());
            listening.close();
            onvif.publish(SimEvent.visitor(Instant.now(), false));
            onvif.publish(SimEvent.visitor(Instant.now(), true));
            await().atMost(Duration.ofSeconds(15)).until(() -> events.find(cam.id(), StoredEvent.RING, null, null)
                    .size() == 2);
        }
        assertThat(rang).hasSize(1);
    }

    @Test
    void withoutASnapshotUrlTheCameraIsAskedForOne() throws Exception {
        Camera cam = camera("Porch", onvif.deviceServiceUri(), null, PASSWORD);
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.SUBSCRIBED));
            onvif.publish(SimEvent.visitor(Instant.now(), true));
            await().atMost(Duration.ofSeconds(15)).until(() -> !events.find(cam.id(), StoredEvent.RING, null, null)
                    .isEmpty());
        }
        StoredEvent ring = events.find(cam.id(), StoredEvent.RING, null, null).get(0);
        assertThat(ring.thumbnail()).isNotNull();
        assertThat(dir.resolve(ring.thumbnail())).isRegularFile();
        assertThat(ring.end()).as("never released: ends where it started").isEqualTo(ring.start());
    }

    @Test
    void aWrongPasswordShowsAsAuthFailedWithoutThePassword() throws Exception {
        Camera cam = camera("Porch", onvif.deviceServiceUri(), null, "not-" + PASSWORD);
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.AUTH_FAILED));
            assertThat(s.status(cam.id()).orElseThrow().message())
                    .isEqualTo("the camera refused the events: wrong user name or password");
        }
        assertThat(statuses).noneMatch(x -> x.state() == CameraEventService.State.SUBSCRIBED);
        assertThat(statuses).allSatisfy(x -> assertThat(x.message()).doesNotContain(PASSWORD));
    }

    @Test
    void aCameraThatDoesNotAnswerShowsAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket ss = new ServerSocket(0)) {
            closedPort = ss.getLocalPort();
        }
        Camera cam = camera("Gone", URI.create("http://127.0.0.1:" + closedPort + "/onvif/device_service"), null,
                PASSWORD);
        try (CameraEventService s = service()) {
            s.start(cam);
            await().atMost(Duration.ofSeconds(10)).until(() -> is(s, cam.id(), CameraEventService.State.UNREACHABLE));
        }
        assertThat(statuses).extracting(CameraEventService.Status::state).containsExactly(
                CameraEventService.State.CONNECTING, CameraEventService.State.UNREACHABLE,
                CameraEventService.State.STOPPED);
    }

    @Test
    void camerasWithoutOnvifOrSwitchedOffAreNotWatched() throws Exception {
        Camera plain = new CameraRepository(db).insert(
                Camera.newCamera("Plain", URI.create("rtsp://127.0.0.1:1/main"), null, null, null));
        try (CameraEventService s = service()) {
            s.startAll(List.of(plain));
            assertThat(s.status(plain.id())).isEmpty();
        }
        assertThat(statuses).isEmpty();
    }

    @Test
    void theClockOffsetIsMeasuredToAFewTenthsOfASecond() throws Exception {
        var client = new OnvifClient(http, onvif.deviceServiceUri(), USER, PASSWORD.toCharArray(), new AuthMemory(),
                Clock.systemUTC());
        Duration offset = client.measureClockOffset(() -> false);
        System.out.printf("measured camera clock offset %d ms (camera is set to -37000 ms)%n", offset.toMillis());
        assertThat(offset.minusSeconds(-37).abs()).isLessThanOrEqualTo(Duration.ofMillis(200));
    }

}
