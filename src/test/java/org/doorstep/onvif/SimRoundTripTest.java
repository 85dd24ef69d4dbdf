package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.sim.onvif.AuthMode;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Round trips against the virtual doorbell from the sim package: discovery, add, each auth style, events. */
class SimRoundTripTest {
    static final InetAddress LO = InetAddress.getLoopbackAddress();
    final OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly());
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        http.close();
    }

    SimulatedOnvifCamera camera(AuthMode auth, Duration skew, int discoveryPort, List<InetSocketAddress> announce)
            throws Exception {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", skew).withAuthMode(auth);
        var cam = new SimulatedOnvifCamera(cfg, SimProfile.defaults(),
                token -> URI.create("rtsp://127.0.0.1:8554/" + token), () -> new byte[] {(byte) 0xff, (byte) 0xd8},
                discoveryPort, announce).start();
        open.add(cam);
        return cam;
    }

    OnvifCameraSetup add(URI onvifUrl, String password) throws OnvifException {
        return new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC())
                .add(onvifUrl.toString(), "admin", password.toCharArray(), null, null);
    }

    @Test
    void discoverByUnicastThenAddWithDigest() throws Exception {
        var cam = camera(AuthMode.DIGEST_ONLY, Duration.ZERO, 0, List.of());
        var found = new WsDiscoveryClient(AddressPolicy.lanOnly(), List::of)
                .probeHost(LO, cam.discovery().port(), Duration.ofSeconds(1), null, null);
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.onvifUrl()).isEqualTo(cam.deviceServiceUri());
            assertThat(d.name()).isEqualTo("Virtual Doorbell");
            assertThat(d.endpoint()).isEqualTo(cam.server().config().endpointUrn());
        });
        OnvifCameraSetup s = add(found.get(0).onvifUrl(), "door-secret");
        assertThat(s.authMode()).isEqualTo(org.doorstep.onvif.AuthMode.DIGEST);
        assertThat(s.mainProfile().resolution()).isEqualTo("1280x720");
        assertThat(s.subProfile().resolution()).isEqualTo("640x360");
        assertThat(s.mainUrl()).isEqualTo(URI.create("rtsp://127.0.0.1:8554/main"));
        assertThat(s.subUrl()).isEqualTo(URI.create("rtsp://127.0.0.1:8554/sub"));
        assertThat(s.snapshotUrl()).isNotNull();
        assertThat(s.device().manufacturer()).isEqualTo("Doorstep");
        assertThat(OnvifClient.needsAuth(http, found.get(0).onvifUrl())).isTrue();
    }

    @Test
    void usernameTokenOnlyWithA90SecondClockSkew() throws Exception {
        var cam = camera(AuthMode.WSSE_ONLY, Duration.ofSeconds(90), SimulatedOnvifCamera.NO_DISCOVERY, List.of());
        OnvifCameraSetup s = add(cam.deviceServiceUri(), "door-secret");
        assertThat(s.authMode()).isEqualTo(org.doorstep.onvif.AuthMode.USERNAME_TOKEN);
        assertThat(s.clockOffset()).isBetween(Duration.ofSeconds(88), Duration.ofSeconds(92));
        assertThat(s.mainProfile().token()).isEqualTo("main");
    }

    @Test
    void digestOrUsernameTokenWithSkewUsesDigest() throws Exception {
        var cam = camera(AuthMode.DIGEST_OR_WSSE, Duration.ofSeconds(-90), SimulatedOnvifCamera.NO_DISCOVERY, List.of());
        OnvifCameraSetup s = add(cam.deviceServiceUri(), "door-secret");
        assertThat(s.authMode()).isEqualTo(org.doorstep.onvif.AuthMode.DIGEST);
        assertThat(s.clockOffset()).isBetween(Duration.ofSeconds(-92), Duration.ofSeconds(-88));
    }

    @Test
    void openCameraNeedsNoAuth() throws Exception {
        var cam = camera(AuthMode.NONE, Duration.ZERO, SimulatedOnvifCamera.NO_DISCOVERY, List.of());
        assertThat(OnvifClient.needsAuth(http, cam.deviceServiceUri())).isFalse();
        assertThat(add(cam.deviceServiceUri(), "anything").mainProfile().token()).isEqualTo("main");
    }

    @Test
    void wrongPasswordSaysSoForEveryAuthStyle() throws Exception {
        for (AuthMode mode : new AuthMode[] {AuthMode.DIGEST_ONLY, AuthMode.WSSE_ONLY, AuthMode.DIGEST_OR_WSSE}) {
            var cam = camera(mode, Duration.ofSeconds(90), SimulatedOnvifCamera.NO_DISCOVERY, List.of());
            assertThatThrownBy(() -> add(cam.deviceServiceUri(), "not-the-password"))
                    .as(mode.name())
                    .isInstanceOfSatisfying(OnvifAuthException.class,
                            e -> assertThat(e.userMessage()).isEqualTo("wrong user name or password"));
        }
    }

    @Test
    void doorbellAndMotionEventsFromTheSimulator() throws Exception {
        var cam = camera(AuthMode.DIGEST_OR_WSSE, Duration.ofSeconds(90), SimulatedOnvifCamera.NO_DISCOVERY, List.of());
        var client = new OnvifClient(http, cam.deviceServiceUri(), "admin", "door-secret".toCharArray(),
                new AuthMemory(), Clock.systemUTC());
        client.getSystemDateAndTime();
        List<CameraEvent> events = new CopyOnWriteArrayList<>();
        try (var ev = new OnvifEventClient(client, events::add, null).start()) {
            // the simulator first reports the current states (Initialized): wait for those, then ring
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
            Instant hostNow = Instant.now(); // the simulator shifts it by its 90 s skew
            cam.publish(SimEvent.visitor(hostNow, true));
            cam.publish(SimEvent.motion(hostNow, true));
            await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().filter(CameraEvent::state).count() >= 2);
        }
        assertThat(events).filteredOn(CameraEvent::state).extracting(CameraEvent::type)
                .containsExactly(CameraEvent.Type.RING, CameraEvent.Type.MOTION);
        assertThat(events).allSatisfy(e -> assertThat(Duration.between(e.at(), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(10)));
    }

    @Test
    void helloAndByeReachTheListener() throws Exception {
        try (var listener = new HelloByeListener(AddressPolicy.lanOnly(), 0, List.of(), List.of(), null)) {
            var cam = camera(AuthMode.DIGEST_ONLY, Duration.ZERO, 0, List.of(new InetSocketAddress(LO, listener.port())));
            String urn = cam.server().config().endpointUrn();
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.current().stream()
                    .anyMatch(d -> d.endpoint().equals(urn)));
            cam.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.current().stream()
                    .noneMatch(d -> d.endpoint().equals(urn)));
        }
    }

    @Test
    void discoverByMulticastOnLoopbackWhereTheHostAllowsIt() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(LO);
        assumeTrue(loopbackMulticastWorks(lo), "this host does not loop multicast back on the loopback interface");
        var cam = camera(AuthMode.DIGEST_ONLY, Duration.ZERO, 0, List.of());
        assumeTrue(cam.discovery().multicastJoined(), "the OS refused joining 239.255.255.250 on loopback");
        // loopback interface only: nothing leaves this machine
        var found = new WsDiscoveryClient(AddressPolicy.lanOnly(), () -> List.of(lo))
                .discover(Duration.ofSeconds(2), WsDiscovery.PORT, null, null);
        assertThat(found).extracting(DiscoveredDevice::endpoint).contains(cam.server().config().endpointUrn());
    }

    private static boolean loopbackMulticastWorks(NetworkInterface lo) {
        if (lo == null) {
            return false;
        }
        try (MulticastSocket s = new MulticastSocket(0)) {
            var group = new InetSocketAddress(InetAddress.getByName("239.255.255.251"), s.getLocalPort());
            s.setNetworkInterface(lo);
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            s.joinGroup(group, lo);
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, group));
            s.setSoTimeout(1000);
            DatagramPacket p = new DatagramPacket(new byte[16], 16);
            s.receive(p);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
