package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.doorstep.common.JsonMapper;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (Hello/Bye): {@code discover --listen} lists cameras that announce themselves with WS-Discovery Hello,
 * on loopback only: the virtual doorbell says Hello to the listening port when it starts.
 */
class DiscoverListenTest {
    @TempDir
    Path dir;

    @Test
    void aCameraThatSaysHelloIsListed() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRunner cli = new CliRunner(dir);
        CompletableFuture<CliRunner.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("discover", "--listen", "3s", "--port", Integer.toString(port), "--json"));
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", Duration.ZERO);
        try (SimulatedOnvifCamera cam = new SimulatedOnvifCamera(cfg, SimProfile.defaults(),
                token -> URI.create("rtsp://127.0.0.1:8554/" + token), () -> new byte[] {(byte) 0xff, (byte) 0xd8},
                0, List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).start()) {
            // the command needs a moment to start listening: the camera repeats its Hello until the listen ends
            while (!run.isDone()) {
                cam.discovery().announceHello();
                Thread.sleep(300);
            }
            CliRunner.Result r = run.get();
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode found = JsonMapper.create().readTree(r.out());
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("name").asText()).isEqualTo("Virtual Doorbell");
            assertThat(found.get(0).get("address").asText()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aBadDurationIsSaid() {
        CliRunner.Result r = new CliRunner(dir).run("discover", "--listen", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("soon");
    }
}
