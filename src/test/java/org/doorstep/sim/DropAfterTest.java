package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

import org.doorstep.sim.SimTestSupport.RawClient;
import org.doorstep.sim.SimTestSupport.Response;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.Test;

/**
 * dropAfter: every connection is reset, connections are refused for 10 s while the port stays the camera's, then the
 * camera serves again on it.
 */
class DropAfterTest {

    @Test
    void dropResetsRefusesThenServesAgain() throws Exception {
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config().withDropAfter(Duration.ofSeconds(3)))) {
            Instant started = Instant.now();
            doorbell.start();
            int port = doorbell.rtspPort();
            String uri = doorbell.rtspUri(Stream.SUB).toString();

            Instant dropped;
            long bytes = 0;
            try (RawClient c = new RawClient(port)) {
                Response setup = c.request("SETUP " + uri + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                        + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
                String session = setup.header("Session").split(";")[0];
                assertThat(c.request("PLAY " + uri + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n").status())
                        .isEqualTo(200);
                byte[] buf = new byte[16384];
                try {
                    int n;
                    while ((n = c.in.read(buf)) >= 0) {
                        bytes += n;
                    }
                } catch (IOException e) {
                    // a reset is what a camera dropping off the network looks like
                }
                dropped = Instant.now();
            }
            assertThat(bytes).as("RTP received before the drop").isGreaterThan(10_000);
            assertThat(Duration.between(started, dropped).toMillis()).isBetween(2500L, 6000L);

            try (Socket intruder = new Socket()) {
                assertThatThrownBy(() -> intruder.bind(new InetSocketAddress("127.0.0.1", port)))
                        .as("while refusing, the port stays the camera's: nothing else on the machine may bind it")
                        .isInstanceOf(BindException.class);
            }

            int refused = 0;
            Instant servedAgain = null;
            while (Duration.between(dropped, Instant.now()).getSeconds() < 15) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    assertThat(s.isConnected()).isTrue();
                    servedAgain = Instant.now();
                    break;
                } catch (ConnectException e) {
                    refused++;
                }
                Thread.sleep(200);
            }
            assertThat(refused).isGreaterThan(10);
            assertThat(servedAgain).isNotNull();
            assertThat(Duration.between(dropped, servedAgain).toMillis()).isBetween(8500L, 11_500L);

            try (RawClient c = new RawClient(port)) {
                assertThat(c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").status()).isEqualTo(200);
            }
            var probe = SimTestSupport.ffprobe("-v", "error", "-show_entries", "stream=width", "-of", "default=nw=1", uri);
            assertThat(probe.stdout()).as(probe.stderr()).contains("width=640");
        }
    }
}
