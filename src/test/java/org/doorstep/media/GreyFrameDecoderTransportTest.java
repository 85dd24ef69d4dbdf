package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The motion decoder opens RTSP with the transport it is given (it used to force TCP whatever the camera setting),
 * against the virtual doorbell, which serves RTP over TCP and UDP on loopback.
 */
class GreyFrameDecoderTransportTest {
    private static VirtualDoorbell doorbell;

    @BeforeAll
    static void start() throws Exception {
        doorbell = new VirtualDoorbell(DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null));
        doorbell.start();
    }

    @AfterAll
    static void stop() {
        if (doorbell != null) {
            doorbell.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RtspTransport.class)
    void decodesOverTheTransportItIsGiven(RtspTransport transport) throws Exception {
        try (RtspRecordingProxy proxy = new RtspRecordingProxy(doorbell.rtspPort());
             GreyFrameDecoder d = GreyFrameDecoder.open(
                     proxy.via(doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString()),
                     GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0).withRtspTransport(transport))) {
            GreyFrame f = new GreyFrame();
            for (int i = 0; i < 10; i++) {
                assertThat(d.next(f)).as("picture %d", i).isTrue();
            }
            assertThat(d.sourceWidth()).isEqualTo(640);
            String expected = transport == RtspTransport.UDP ? "RTP/AVP/UDP;" : "RTP/AVP/TCP;";
            assertThat(proxy.requestedTransports()).isNotEmpty().allMatch(t -> t.startsWith(expected));
        }
    }
}
