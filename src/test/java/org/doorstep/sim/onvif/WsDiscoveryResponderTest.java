package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class WsDiscoveryResponderTest {
    private static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    private static final String URN = "urn:uuid:6f1c1a52-6c0e-4a7b-9c55-1f1f7d2b2c01";
    private static final URI XADDR = URI.create("http://127.0.0.1:8080/onvif/device_service");

    private DatagramSocket listener;
    private DatagramSocket client;
    private WsDiscoveryResponder responder;

    @BeforeEach
    void sockets() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        listener = new DatagramSocket(new InetSocketAddress(lo, 0));
        client = new DatagramSocket(new InetSocketAddress(lo, 0));
    }

    @AfterEach
    void close() {
        if (responder != null) {
            responder.close();
        }
        listener.close();
        client.close();
    }

    private WsDiscoveryConfig config(boolean multicast) {
        return new WsDiscoveryConfig(InetAddress.getLoopbackAddress(), 0, multicast, URN,
                WsDiscoveryConfig.standardScopes("Front Door", "VDB1"), List.of(XADDR),
                List.of((InetSocketAddress) listener.getLocalSocketAddress()), 1);
    }

    private WsDiscoveryResponder startUnicast() throws IOException {
        responder = new WsDiscoveryResponder(config(false)).start();
        Document hello = receive(listener, Duration.ofSeconds(3));
        assertThat(hello).as("Hello on start").isNotNull();
        return responder;
    }

    static String probe(String messageId, String types, String scopes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"" + WSA + "\" xmlns:d=\"" + WSD + "\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Header><a:MessageID>" + messageId
                + "</a:MessageID><a:ReplyTo><a:Address>" + WSA + "/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To><a:Action>" + WSD + "/Probe</a:Action>"
                + "</s:Header><s:Body><d:Probe>" + (types == null ? "" : "<d:Types>" + types + "</d:Types>")
                + (scopes == null ? "" : "<d:Scopes>" + scopes + "</d:Scopes>") + "</d:Probe></s:Body></s:Envelope>";
    }

    private void sendTo(DatagramSocket from, String message, InetSocketAddress to) throws IOException {
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(data, data.length, to));
    }

    private InetSocketAddress responderAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), responder.port());
    }

    /** The next datagram parsed, or null after the timeout. */
    private static Document receive(DatagramSocket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return OnvifTestSupport.parse(new String(Arrays.copyOf(p.getData(), p.getLength()), StandardCharsets.UTF_8));
    }

    private static String text(Document d, String ns, String local) {
        return OnvifTestSupport.text(d, ns, local);
    }

    private Document probeAndReceive(String types, String scopes) throws IOException {
        return probeAndReceive(types, scopes, Duration.ofSeconds(3));
    }

    /** Unicast replies are immediate, so a short wait is enough to tell "no reply". */
    private Document probeExpectingSilence(String types, String scopes) throws IOException {
        return probeAndReceive(types, scopes, Duration.ofMillis(500));
    }

    private Document probeAndReceive(String types, String scopes, Duration wait) throws IOException {
        String id = "urn:uuid:" + UUID.randomUUID();
        sendTo(client, probe(id, types, scopes), responderAddress());
        Document reply = receive(client, wait);
        if (reply != null) {
            assertThat(text(reply, WSA, "RelatesTo")).isEqualTo(id);
        }
        return reply;
    }

    @Test
    void helloAnnouncesTheDeviceAndByeSaysGoodbye() throws IOException {
        responder = new WsDiscoveryResponder(config(false)).start();
        Document hello = receive(listener, Duration.ofSeconds(3));
        assertThat(hello).isNotNull();
        assertThat(text(hello, WSA, "Action")).isEqualTo(WSD + "/Hello");
        assertThat(text(hello, WSA, "Address")).isEqualTo(URN);
        assertThat(text(hello, WSD, "XAddrs")).isEqualTo(XADDR.toString());
        assertThat(text(hello, WSD, "Types").split(" ")).containsExactly("dn:NetworkVideoTransmitter", "tds:Device");

        responder.close();
        responder = null;
        Document bye = receive(listener, Duration.ofSeconds(3));
        assertThat(bye).isNotNull();
        assertThat(text(bye, WSA, "Action")).isEqualTo(WSD + "/Bye");
        assertThat(text(bye, WSA, "Address")).isEqualTo(URN);
    }

    @Test
    void typedAndUntypedProbesGetAProbeMatch() throws IOException {
        startUnicast();
        for (String types : Arrays.asList("dn:NetworkVideoTransmitter", "tds:Device", null,
                "dn:NetworkVideoTransmitter tds:Device")) {
            Document match = probeAndReceive(types, null);
            assertThat(match).as("reply to " + types).isNotNull();
            assertThat(text(match, WSA, "Action")).isEqualTo(WSD + "/ProbeMatches");
            assertThat(text(match, WSA, "Address")).isEqualTo(URN);
            assertThat(text(match, WSD, "XAddrs")).isEqualTo(XADDR.toString());
            assertThat(text(match, WSD, "MetadataVersion")).isEqualTo("1");
            assertThat(text(match, WSD, "Scopes").split(" ")).contains(
                    "onvif://www.onvif.org/name/Front%20Door", "onvif://www.onvif.org/hardware/VDB1",
                    "onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/Profile/Streaming");
        }
    }

    @Test
    void probesWithTypesOrScopesWeLackGetNoReply() throws IOException {
        startUnicast();
        assertThat(probeExpectingSilence("dn:Printer", null)).isNull();
        // right local name, wrong namespace
        String wrongNs = probe("urn:uuid:" + UUID.randomUUID(), "p:NetworkVideoTransmitter", null)
                .replace("<d:Types>", "<d:Types xmlns:p=\"http://example.invalid/printers\">");
        sendTo(client, wrongNs, responderAddress());
        assertThat(receive(client, Duration.ofMillis(500))).isNull();
        assertThat(probeExpectingSilence(null, "onvif://www.onvif.org/location/city/Atlantis")).isNull();
        // scope prefixes match segment-wise
        assertThat(probeAndReceive("dn:NetworkVideoTransmitter", "onvif://www.onvif.org/name")).isNotNull();
        assertThat(probeExpectingSilence(null, "onvif://www.onvif.org/hardware/VDB")).isNull();
    }

    @Test
    void undeclaredPrefixesAreMatchedOnLocalNames() throws IOException {
        startUnicast();
        String id = "urn:uuid:" + UUID.randomUUID();
        String quirky = probe(id, "dn:NetworkVideoTransmitter", null)
                .replace(" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"", "");
        sendTo(client, quirky, responderAddress());
        Document reply = receive(client, Duration.ofSeconds(3));
        assertThat(reply).isNotNull();
        assertThat(text(reply, WSA, "RelatesTo")).isEqualTo(id);
    }

    @Test
    void garbageIsIgnoredAndTheResponderKeepsAnswering() throws IOException {
        startUnicast();
        sendTo(client, "this is not xml", responderAddress());
        sendTo(client, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                responderAddress());
        sendTo(client, probe("", "dn:NetworkVideoTransmitter", null), responderAddress()); // no MessageID
        byte[] binary = new byte[512];
        new java.util.Random(7).nextBytes(binary);
        client.send(new DatagramPacket(binary, binary.length, responderAddress()));
        assertThat(receive(client, Duration.ofMillis(500))).isNull();
        assertThat(probeAndReceive("dn:NetworkVideoTransmitter", null)).isNotNull();
    }

    @Test
    void forServerTakesTheIdentityAndAddressOfARunningServer() throws IOException {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "u", "p", Duration.ZERO);
        try (OnvifSimServer server = new OnvifSimServer(cfg, t -> URI.create("rtsp://127.0.0.1/" + t), () -> new byte[0]).start()) {
            WsDiscoveryConfig dc = WsDiscoveryConfig.forServer(server, 0).withJoinMulticast(false);
            assertThat(dc.endpointUrn()).isEqualTo(cfg.endpointUrn());
            assertThat(dc.xaddrs()).containsExactly(server.deviceServiceUri());
            assertThat(dc.scopes()).contains("onvif://www.onvif.org/name/Virtual%20Doorbell");
            responder = new WsDiscoveryResponder(dc).start();
            Document match = probeAndReceive("tds:Device", null);
            assertThat(match).isNotNull();
            assertThat(text(match, WSD, "XAddrs")).isEqualTo("http://127.0.0.1:" + server.port() + "/onvif/device_service");
        }
    }

    @Test
    void multicastProbeIsAnsweredWhereTheHostAllowsLoopbackMulticast() throws IOException {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        assumeTrue(loopbackMulticastWorks(lo), "this host does not loop multicast back on the loopback interface");
        responder = new WsDiscoveryResponder(config(true)).start();
        assumeTrue(responder.multicastJoined(), "the OS refused joining 239.255.255.250 on loopback");
        try (MulticastSocket probeSocket = new MulticastSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            probeSocket.setNetworkInterface(lo);
            probeSocket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            probeSocket.setTimeToLive(1);
            String id = "urn:uuid:" + UUID.randomUUID();
            sendTo(probeSocket, probe(id, "dn:NetworkVideoTransmitter", null), WsDiscoveryResponder.MULTICAST_GROUP);
            Document reply = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (reply == null && System.nanoTime() < deadline) {
                Document d = receive(probeSocket, Duration.ofSeconds(1));
                if (d != null && d.getElementsByTagNameNS(WSD, "ProbeMatches").getLength() > 0) {
                    reply = d;
                }
            }
            assertThat(reply).as("ProbeMatch to a multicast probe").isNotNull();
            assertThat(text(reply, WSA, "RelatesTo")).isEqualTo(id);
            assertThat(text(reply, WSA, "Address")).isEqualTo(URN);
        }
    }

    /** Sends one datagram to a private test group on lo and checks it comes back. */
    private static boolean loopbackMulticastWorks(NetworkInterface lo) {
        if (lo == null) {
            return false;
        }
        InetSocketAddress group = new InetSocketAddress("239.255.255.251", 0);
        try (MulticastSocket s = new MulticastSocket(0)) {
            group = new InetSocketAddress(group.getAddress(), s.getLocalPort());
            s.setNetworkInterface(lo);
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            s.joinGroup(group, lo);
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, group));
            s.setSoTimeout(1000);
            DatagramPacket p = new DatagramPacket(new byte[16], 16);
            s.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII).equals("ping");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
