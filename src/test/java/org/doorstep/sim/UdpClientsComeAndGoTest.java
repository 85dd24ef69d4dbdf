package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import org.doorstep.sim.SimTestSupport.RawClient;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.api.Test;

/**
 * The doorbell sends every UDP client's RTP through one shared socket. Clients that hang up while their RTP flows
 * must not take it down for the next one: a sender thread interrupted in the middle of a send closed the shared
 * channel, and every later UDP client's connection was closed right after PLAY (RtspStreamsTest's UDP cases failed
 * now and then).
 */
class UdpClientsComeAndGoTest {

    @Test
    void aClientAfterTwentyThatHungUpMidStreamStillGetsItsRtp() throws Exception {
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config())) {
            doorbell.start();
            String uri = doorbell.rtspUri(Stream.SUB).toString();
            for (int i = 0; i < 20; i++) {
                try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                     RawClient c = play(doorbell, uri, rtp)) {
                    rtp.receive(new DatagramPacket(new byte[2048], 2048)); // its RTP flows; then it hangs up
                }
            }
            try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                 RawClient c = play(doorbell, uri, rtp)) {
                int received = 0;
                try {
                    while (received < 50) {
                        rtp.receive(new DatagramPacket(new byte[2048], 2048));
                        received++;
                    }
                } catch (SocketTimeoutException e) {
                    // counted below
                }
                assertThat(received).as("RTP datagrams for the last client").isEqualTo(50);
            }
        }
    }

    /** SETUP of the video track over UDP to {@code rtp}'s port (RTCP to the next one, unbound) and PLAY. */
    private static RawClient play(VirtualDoorbell doorbell, String uri, DatagramSocket rtp) throws Exception {
        rtp.setSoTimeout(5000);
        RawClient c = new RawClient(doorbell.rtspPort());
        SimTestSupport.Response setup = c.request("SETUP " + uri + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                + "Transport: RTP/AVP;unicast;client_port=" + rtp.getLocalPort() + "-" + (rtp.getLocalPort() + 1)
                + "\r\n\r\n");
        assertThat(setup.status()).isEqualTo(200);
        String session = setup.header("Session").split(";")[0];
        assertThat(c.request("PLAY " + uri + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n").status())
                .isEqualTo(200);
        return c;
    }
}
