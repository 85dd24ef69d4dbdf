package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SimulatedOnvifCameraTest {
    private static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    @Test
    void startsServerAndDiscoveryTogetherAndStopsWithBye() throws Exception {
        OnvifSimConfig config = OnvifSimConfig.demo(0, "admin", "pw", Duration.ofSeconds(90));
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            listener.setSoTimeout(3000);
            SimulatedOnvifCamera camera = new SimulatedOnvifCamera(config, SimProfile.defaults(),
                    t -> URI.create("rtsp://127.0.0.1:8554/" + t), () -> new byte[0], 0,
                    List.of((InetSocketAddress) listener.getLocalSocketAddress()));
            try (camera) {
                camera.start();
                Document hello = receive(listener);
                assertThat(OnvifTestSupport.text(hello, "http://schemas.xmlsoap.org/ws/2005/04/discovery", "XAddrs"))
                        .isEqualTo(camera.deviceServiceUri().toString());
                assertThat(camera.discovery().port()).isPositive();

                OnvifTestSupport.Reply time = OnvifTestSupport.post(camera.deviceServiceUri(),
                        OnvifTestSupport.envelope(null, "<tds:GetSystemDateAndTime/>"));
                assertThat(time.status()).isEqualTo(200);
                camera.publish(SimEvent.motion(Instant.now(), true)); // no subscriber: must simply not fail
            }
            assertThat(OnvifTestSupport.text(receive(listener), WSA, "Action")).endsWith("/Bye");
        }
    }

    @Test
    void discoveryCanBeLeftOff() throws Exception {
        OnvifSimConfig config = OnvifSimConfig.demo(0, "admin", "pw", Duration.ZERO);
        try (SimulatedOnvifCamera camera = new SimulatedOnvifCamera(config, SimProfile.defaults(),
                t -> URI.create("rtsp://127.0.0.1/" + t), () -> new byte[0], SimulatedOnvifCamera.NO_DISCOVERY).start()) {
            assertThat(camera.discovery()).isNull();
            assertThat(camera.server().port()).isPositive();
        }
    }

    private static Document receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
        s.receive(p);
        return OnvifTestSupport.parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
    }
}
