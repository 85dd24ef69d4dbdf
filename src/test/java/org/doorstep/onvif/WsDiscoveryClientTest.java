package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WsDiscoveryClientTest {
    static final InetAddress LOCAL = WsDiscovery.literal("127.0.0.1");
    static final String NVT = "dn:NetworkVideoTransmitter";
    static final String SCOPES = "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/Front%20Door "
            + "onvif://www.onvif.org/hardware/DB11 onvif://www.onvif.org/mfr/Acme onvif://www.onvif.org/location/";
    final WsDiscoveryClient client = new WsDiscoveryClient(AddressPolicy.lanOnly(), List::of);

    List<DiscoveredDevice> probe(FakeWsdResponder r, Duration timeout) throws Exception {
        return client.probeHost(LOCAL, r.port(), timeout, null, null);
    }

    @Test
    void xaddrsHostZeroIsReplacedBySender() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(FakeWsdResponder.probeMatch(id,
                "urn:uuid:dev-1", NVT + " tds:Device", SCOPES, "http://0.0.0.0:8000/onvif/device_service")))) {
            List<DiscoveredDevice> found = probe(r, Duration.ofMillis(800));
            assertThat(found).hasSize(1);
            DiscoveredDevice d = found.get(0);
            assertThat(d.onvifUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/onvif/device_service"));
            assertThat(d.name()).isEqualTo("Front Door");
            assertThat(d.model()).isEqualTo("DB11");
            assertThat(d.manufacturer()).isEqualTo("Acme");
            assertThat(d.address()).isEqualTo(LOCAL);
            assertThat(d.types()).contains("NetworkVideoTransmitter", "Device");
            assertThat(d.needsAuth()).isNull();
            assertThat(d.endpoint()).isEqualTo("urn:uuid:dev-1");
        }
    }

    @Test
    void staleIpIsReplacedBySenderKeepingPortAndPath() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(FakeWsdResponder.probeMatch(id,
                "urn:uuid:dev-2", NVT, SCOPES, "http://192.168.77.9:2020/onvif/service")))) {
            assertThat(probe(r, Duration.ofMillis(800))).singleElement()
                    .extracting(DiscoveredDevice::onvifUrl)
                    .isEqualTo(URI.create("http://127.0.0.1:2020/onvif/service"));
        }
    }

    @Test
    void severalXaddrsPreferTheSendersAddressThenIpv4() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(
                FakeWsdResponder.probeMatch(id, "urn:uuid:dev-3", NVT, SCOPES,
                        "http://[fe80::1]/onvif/device_service http://10.1.2.3:8080/onvif/ds "
                                + "http://127.0.0.1:8899/onvif/device_service"),
                FakeWsdResponder.probeMatch(id, "urn:uuid:dev-4", NVT, SCOPES,
                        "http://[fd00::5]/a http://10.0.0.9:81/b")))) {
            List<DiscoveredDevice> found = probe(r, Duration.ofMillis(800));
            assertThat(found).extracting(DiscoveredDevice::endpoint, DiscoveredDevice::onvifUrl).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("urn:uuid:dev-3",
                            URI.create("http://127.0.0.1:8899/onvif/device_service")),
                    org.assertj.core.groups.Tuple.tuple("urn:uuid:dev-4", URI.create("http://127.0.0.1:81/b")));
        }
    }

    @Test
    void replyFromAnotherPortIsReadOnTheSendingSocket() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, true, (p, id) -> List.of(FakeWsdResponder.probeMatch(id,
                "urn:uuid:dev-5", NVT, SCOPES, "http://127.0.0.1/onvif/device_service")))) {
            assertThat(probe(r, Duration.ofMillis(800))).extracting(DiscoveredDevice::endpoint)
                    .containsExactly("urn:uuid:dev-5");
            assertThat(r.otherPortSocket.getLocalPort()).isNotEqualTo(r.port());
        }
    }

    @Test
    void deviceAnsweringOnlyTypedProbesIsFound() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> FakeWsdResponder.isTyped(p,
                "NetworkVideoTransmitter") ? List.of(FakeWsdResponder.probeMatch(id, "urn:uuid:typed-only", NVT,
                SCOPES, "http://127.0.0.1/onvif/device_service")) : List.of())) {
            assertThat(probe(r, Duration.ofMillis(800))).extracting(DiscoveredDevice::endpoint)
                    .containsExactly("urn:uuid:typed-only");
            assertThat(r.received).anyMatch(FakeWsdResponder::isUntyped);
        }
    }

    @Test
    void deviceIgnoringTdsDeviceAndNvtButAnsweringUntypedIsFound() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> FakeWsdResponder.isUntyped(p)
                ? List.of(FakeWsdResponder.probeMatch(id, "urn:uuid:untyped", "", SCOPES,
                "http://127.0.0.1/onvif/device_service")) : List.of())) {
            assertThat(probe(r, Duration.ofMillis(800))).extracting(DiscoveredDevice::endpoint)
                    .containsExactly("urn:uuid:untyped");
            // every probe kind went out, each type alone
            assertThat(r.received).anyMatch(p -> FakeWsdResponder.isTyped(p, "tds:Device"));
            assertThat(r.received).anyMatch(p -> FakeWsdResponder.isTyped(p, NVT));
            assertThat(r.received).noneMatch(p -> FakeWsdResponder.isTyped(p, "tds:Device")
                    && FakeWsdResponder.isTyped(p, NVT));
        }
    }

    @Test
    void deviceIgnoringTdsDeviceIsFoundThroughTheOtherProbes() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> FakeWsdResponder.isTyped(p, "tds:Device")
                ? List.of() : List.of(FakeWsdResponder.probeMatch(id, "urn:uuid:no-tds", NVT, SCOPES,
                "http://127.0.0.1/onvif/device_service")))) {
            assertThat(probe(r, Duration.ofMillis(800))).extracting(DiscoveredDevice::endpoint)
                    .containsExactly("urn:uuid:no-tds");
        }
    }

    @Test
    void soapFaultToUnicastProbeStillListsTheHost() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(FakeWsdResponder.fault(id)))) {
            List<DiscoveredDevice> found = probe(r, Duration.ofMillis(800));
            assertThat(found).singleElement().satisfies(d -> {
                assertThat(d.address()).isEqualTo(LOCAL);
                assertThat(d.onvifUrl()).isEqualTo(URI.create("http://127.0.0.1/onvif/device_service"));
            });
        }
    }

    @Test
    void undeclaredPrefixesAreTolerated() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(
                FakeWsdResponder.undeclaredPrefixMatch(id, "urn:uuid:reolink", "http://0.0.0.0:8000/onvif/device_service")))) {
            assertThat(probe(r, Duration.ofMillis(800))).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("Reolink Video Doorbell");
                assertThat(d.model()).isEqualTo("D340P");
                assertThat(d.onvifUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/onvif/device_service"));
            });
        }
    }

    @Test
    void relatesToMismatchIsIgnoredAndRepliesAreDedupedWithMergedXaddrs() throws Exception {
        var n = new java.util.concurrent.atomic.AtomicInteger();
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(FakeWsdResponder.probeMatch(
                "urn:uuid:not-yours", "urn:uuid:dup", NVT, SCOPES,
                "http://127.0.0.1:" + (8000 + n.getAndIncrement() % 2) + "/onvif/device_service")))) {
            List<DiscoveredDevice> found = probe(r, Duration.ofMillis(800));
            assertThat(r.received.size()).isGreaterThanOrEqualTo(6); // 3 kinds, 2 rounds at least
            assertThat(found).singleElement().satisfies(d -> assertThat(d.xaddrs()).containsExactlyInAnyOrder(
                    "http://127.0.0.1:8000/onvif/device_service", "http://127.0.0.1:8001/onvif/device_service"));
        }
    }

    @Test
    void hostileDatagramsAreIgnored() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of(SafeXmlTest.BILLION_LAUGHS,
                "<not-xml", FakeWsdResponder.probeMatch(id, "urn:uuid:after-junk", NVT, SCOPES,
                        "http://127.0.0.1/onvif/device_service")))) {
            assertThat(probe(r, Duration.ofMillis(800))).extracting(DiscoveredDevice::endpoint)
                    .containsExactly("urn:uuid:after-junk");
        }
    }

    @Test
    void silentHostGivesEmptyResultAfterTheTimeout() throws Exception {
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> List.of())) {
            long t0 = System.nanoTime();
            assertThat(probe(r, Duration.ofMillis(700))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.received).isNotEmpty();
        }
    }

    @Test
    void subnetProbeOfLoopback24FindsTheResponderWithinTenSeconds() throws Exception {
        InetAddress seven = WsDiscovery.literal("127.0.0.7");
        try (var r = new FakeWsdResponder(seven, 0, false, (p, id) -> List.of(FakeWsdResponder.probeMatch(id,
                "urn:uuid:at-7", NVT, SCOPES, "http://0.0.0.0/onvif/device_service")))) {
            Subnet net = Subnet.parse("127.0.0.0/24");
            assertThat(net.hosts()).hasSize(254)
                    .allMatch(a -> a.getHostAddress().startsWith("127.0.0.") && !a.getHostAddress().equals("127.0.0.0"));
            long t0 = System.nanoTime();
            List<DiscoveredDevice> found = client.probeSubnet(net, r.port(), Duration.ofSeconds(3), null, null);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("unicast /24 probe took " + took.toMillis() + " ms");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(found).singleElement().satisfies(d -> {
                assertThat(d.address()).isEqualTo(seven);
                assertThat(d.onvifUrl()).isEqualTo(URI.create("http://127.0.0.7/onvif/device_service"));
            });
        }
    }

    @Test
    void deniedAddressGetsNoPacketAtAll() throws Exception {
        InetAddress nine = WsDiscovery.literal("127.0.0.9");
        var denying = new WsDiscoveryClient(AddressPolicy.lanOnly().denying(nine), List::of);
        try (var r = new FakeWsdResponder(nine, 0, false, (p, id) -> List.of())) {
            assertThatThrownBy(() -> denying.probeHost(nine, r.port(), Duration.ofMillis(300), null, null))
                    .isInstanceOf(AddressNotAllowedException.class);
            assertThatThrownBy(() -> denying.probeSubnet(Subnet.parse("127.0.0.0/24"), r.port(),
                    Duration.ofMillis(300), null, null)).isInstanceOf(AddressNotAllowedException.class);
            Thread.sleep(200);
            assertThat(r.received).isEmpty();
        }
    }

    @Test
    void cancellationStopsTheProbe() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        try (var r = new FakeWsdResponder(LOCAL, 0, false, (p, id) -> {
            cancel.set(true);
            return List.of();
        })) {
            assertThatThrownBy(() -> client.probeHost(LOCAL, r.port(), Duration.ofSeconds(30), null, cancel::get))
                    .isInstanceOf(CancellationException.class);
        }
    }
}
