package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HelloByeListenerTest {

    static String hello(String endpoint, String xaddrs) {
        return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><s:Header>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action></s:Header><s:Body>"
                + "<d:Hello><a:EndpointReference><a:Address>" + endpoint + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter</d:Types>"
                + "<d:Scopes>onvif://www.onvif.org/name/Gate</d:Scopes><d:XAddrs>" + xaddrs + "</d:XAddrs>"
                + "<d:MetadataVersion>1</d:MetadataVersion></d:Hello></s:Body></s:Envelope>";
    }

    static String bye(String endpoint) {
        return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><s:Body>"
                + "<d:Bye><a:EndpointReference><a:Address>" + endpoint + "</a:Address></a:EndpointReference>"
                + "</d:Bye></s:Body></s:Envelope>";
    }

    @Test
    void helloAddsAndByeRemoves() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        var lo = InetAddress.getByName("127.0.0.1");
        try (var l = new HelloByeListener(AddressPolicy.lanOnly(), 0, List.of(), List.of(), x -> changes.incrementAndGet());
             var device = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            var to = new InetSocketAddress(lo, l.port());
            send(device, to, hello("urn:uuid:gate", "http://0.0.0.0:2020/onvif/device_service"));
            await().atMost(Duration.ofSeconds(5)).until(() -> l.current().size() == 1);
            assertThat(l.current().get(0).onvifUrl()).isEqualTo(URI.create("http://127.0.0.1:2020/onvif/device_service"));
            assertThat(l.current().get(0).name()).isEqualTo("Gate");
            send(device, to, SafeXmlTest.BILLION_LAUGHS); // ignored, listener keeps running
            send(device, to, bye("urn:uuid:gate"));
            await().atMost(Duration.ofSeconds(5)).until(() -> l.current().isEmpty());
            assertThat(changes.get()).isEqualTo(2);
        }
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }
}
