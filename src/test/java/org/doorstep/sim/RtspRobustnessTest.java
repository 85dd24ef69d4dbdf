package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;

import org.doorstep.sim.SimTestSupport.RawClient;
import org.doorstep.sim.SimTestSupport.Response;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get a proper RTSP error and never stop the server. */
class RtspRobustnessTest {
    private static VirtualDoorbell doorbell;
    private static String uri;

    @BeforeAll
    static void start() throws Exception {
        doorbell = new VirtualDoorbell(SimTestSupport.config());
        doorbell.start();
        uri = doorbell.rtspUri(Stream.SUB).toString();
    }

    @AfterAll
    static void stop() {
        if (doorbell != null) {
            doorbell.close();
        }
    }

    /** After every misbehaving client, a well-behaved one is still served. */
    @AfterEach
    void serverStillServes() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response r = c.request("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("H264/90000");
        }
    }

    @Test
    void garbageBytesGet400AndTheConnectionIsClosed() throws Exception {
        byte[] garbage = new byte[12_000];
        new Random(42).nextBytes(garbage);
        garbage[0] = 'x';
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            c.send(garbage);
            assertThat(c.read().status()).isEqualTo(400);
            assertThat(readUntilClosed(c)).isTrue();
        }
    }

    @Test
    void garbageLineGets400() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            assertThat(c.request("\u0001\u0002 hello there\r\n\r\n").status()).isEqualTo(400);
        }
    }

    @Test
    void oversizedHeadersGet400() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            String big = "X-Filler: " + "a".repeat(9000) + "\r\n";
            Response r = c.request("OPTIONS " + uri + " RTSP/1.0\r\nCSeq: 1\r\n" + big + "\r\n");
            assertThat(r.status()).isEqualTo(400);
        }
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response r = c.request("SET_PARAMETER " + uri + " RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 100000\r\n\r\n");
            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void unknownMethodGets501AndTheConnectionKeepsWorking() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response r = c.request("BREW " + uri + " RTSP/1.0\r\nCSeq: 7\r\n\r\n");
            assertThat(r.status()).isEqualTo(501);
            assertThat(r.header("CSeq")).isEqualTo("7");
            Response options = c.request("OPTIONS " + uri + " RTSP/1.0\r\nCSeq: 8\r\n\r\n");
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.header("Public")).contains("DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "GET_PARAMETER");
        }
    }

    @Test
    void recordingMethodsGet405() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response r = c.request("ANNOUNCE " + uri + " RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 0\r\n\r\n");
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).contains("DESCRIBE");
        }
    }

    @Test
    void stateErrors() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            assertThat(c.request("PLAY " + uri + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").status()).isEqualTo(455);
            assertThat(c.request("PLAY " + uri + " RTSP/1.0\r\nCSeq: 2\r\nSession: 1234\r\n\r\n").status()).isEqualTo(454);
            assertThat(c.request("DESCRIBE " + uri + "/nothing-here RTSP/1.0\r\nCSeq: 3\r\n\r\n").status()).isEqualTo(404);
            assertThat(c.request("DESCRIBE rtsp://127.0.0.1/elsewhere RTSP/1.0\r\nCSeq: 4\r\n\r\n").status()).isEqualTo(404);
            assertThat(c.request("SETUP " + uri + "/trackID=0 RTSP/1.0\r\nCSeq: 5\r\nTransport: RTP/AVP;multicast\r\n\r\n")
                    .status()).isEqualTo(461);
            assertThat(c.request("SETUP " + uri + "/trackID=9 RTSP/1.0\r\nCSeq: 6\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n")
                    .status()).isEqualTo(404);
            assertThat(c.request("OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n\r\n").status()).isEqualTo(505);
            assertThat(c.request("OPTIONS * RTSP/1.0\r\nNoCSeq: here\r\n\r\n").status()).isEqualTo(400);
            assertThat(c.request("OPTIONS * RTSP/1.0\r\nCSeq: 9\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @Test
    void interleavedPlayOverRawSocketDeliversRtp() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            Response setup = c.request("SETUP " + uri + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
            assertThat(setup.status()).isEqualTo(200);
            assertThat(setup.header("Transport")).contains("interleaved=0-1");
            String session = setup.header("Session").split(";")[0];
            Response play = c.request("PLAY " + uri + "/ RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n");
            assertThat(play.status()).isEqualTo(200);
            assertThat(play.header("RTP-Info")).contains("seq=", "rtptime=");
            // the first RTP packet carries the SPS of an IDR picture (clients start at a key frame)
            int b = c.in.read();
            assertThat(b).isEqualTo('$');
            assertThat(c.in.read()).isZero();
            int len = (c.in.read() << 8) | c.in.read();
            byte[] packet = c.in.readNBytes(len);
            assertThat(packet[0] & 0xc0).isEqualTo(0x80);
            assertThat(packet[1] & 0x7f).isEqualTo(96);
            assertThat(packet[12] & 0x1f).isEqualTo(7);
            // garbage interleaved "RTCP" from the client is skipped, keep-alives still answered
            c.send(new byte[] {'$', 1, 0, 3, 9, 9, 9});
            Response keepAlive = c.request("GET_PARAMETER " + uri + "/ RTSP/1.0\r\nCSeq: 3\r\nSession: " + session + "\r\n\r\n");
            assertThat(keepAlive.status()).isEqualTo(200);
            Response teardown = c.request("TEARDOWN " + uri + "/ RTSP/1.0\r\nCSeq: 4\r\nSession: " + session + "\r\n\r\n");
            assertThat(teardown.status()).isEqualTo(200);
        }
    }

    @Test
    void clientVanishingMidRequestDoesNotHurt() throws Exception {
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            c.send("DESCRIBE " + uri + " RTSP/1.0\r\nCSeq: 1\r\nContent-Le");
        }
        try (RawClient c = new RawClient(doorbell.rtspPort())) {
            c.send("$\u0000");
        }
        assertThatThrownBy(() -> {
            try (RawClient c = new RawClient(doorbell.rtspPort())) {
                c.socket.shutdownOutput();
                c.read();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void connectionsBeyondTheCapGet503() throws Exception {
        java.util.List<RawClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < RtspServer.MAX_CONNECTIONS; i++) {
                RawClient c = new RawClient(doorbell.rtspPort());
                open.add(c);
                assertThat(c.request("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n").status()).isEqualTo(200);
            }
            try (RawClient extra = new RawClient(doorbell.rtspPort())) {
                assertThat(extra.read().status()).isEqualTo(503);
            }
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(5, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> doorbell.rtspServer().connectionCount() == 0);
    }

    private static boolean readUntilClosed(RawClient c) {
        try {
            while (c.in.read() >= 0) {
                // drain
            }
            return true;
        } catch (IOException e) {
            return true; // reset counts as closed too
        }
    }
}
