package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: every camera connection FFmpeg makes passes the LAN-only policy and the scheme check first. The refused
 * addresses are never contacted: the check happens before any socket is opened.
 */
class CameraAddressPolicyTest {
    private static final InputOptions LIVE = InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    private static void assertRefused(String url, String sentencePart) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> MediaInput.open(url, LIVE, () -> false).close())
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.REFUSED))
                .hasMessageContaining(sentencePart)
                .hasMessageNotContaining("pw");
        // refused at once, not after a connect timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aPublicAddressIsRefusedBeforeAnyConnection() {
        assertRefused("rtsp://user:pw@8.8.8.8/stream", "outside your local network");
        assertRefused("rtsps://user:pw@[2001:4860:4860::8888]:322/stream", "outside your local network");
    }

    @Test
    void theMotionDecoderAndTheLiveDecoderGoThroughTheSameCheck() {
        assertThatThrownBy(() -> GreyFrameDecoder.open("rtsp://8.8.8.8/sub", GreyFrameDecoder.Options.DEFAULT)
                .close()).isInstanceOf(DecodeException.class).hasMessageContaining("outside your local network");
        assertThatThrownBy(() -> VideoDecoder.open("rtsp://8.8.8.8/main", VideoDecoder.Options.live(
                RtspTransport.TCP, Duration.ofSeconds(2), java.util.List.of(), 1)).close())
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.REFUSED));
        // a camera explicitly allowed off the LAN gets through the check (motion: the camera's own allowance)
        assertThat(GreyFrameDecoder.Options.DEFAULT.withAddresses(org.doorstep.common.net.AddressCheck.anyAddress())
                .inputOptions().addresses().isAllowed(java.net.InetAddress.getLoopbackAddress())).isTrue();
    }

    @Test
    void otherSchemesThanRtspAreRefused() {
        assertRefused("file:///etc/passwd", "not a camera stream address");
        assertRefused("http://127.0.0.1:1/video.mjpg", "not a camera stream address");
        assertRefused("concat:/etc/passwd|/etc/hosts", "not a camera stream address");
        assertRefused("rtmp://192.168.1.5/live", "not a camera stream address");
    }

    @Test
    void anExplicitlyAllowedCameraMayLeaveTheLanAndALocalOneIsTriedNormally() {
        // allowed: the policy lets it through, so the failure is a normal connection failure (loopback, nothing there)
        assertThatThrownBy(() -> MediaInput.open("rtsp://127.0.0.1:1/x", LIVE, () -> false).close())
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.OPEN_FAILED));
        InputOptions denyAll = LIVE.withAddresses(a -> false);
        assertThatThrownBy(() -> MediaInput.open("rtsp://127.0.0.1:1/x", denyAll, () -> false).close())
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.REFUSED));
    }

    @Test
    void ffmpegGetsOnlyTheProtocolsOfTheScheme() {
        assertThat(InputOptions.protocolsFor("rtsp://cam/s")).isEqualTo("rtsp,rtp,tcp,udp");
        assertThat(InputOptions.protocolsFor("rtsps://cam/s")).isEqualTo("rtsp,rtp,tcp,udp,tls");
        assertThat(InputOptions.protocolsFor("http://cam/snap.jpg")).isEqualTo("http,tcp");
        assertThat(InputOptions.protocolsFor("https://cam/snap.jpg")).isEqualTo("https,tls,tcp");
        assertThat(InputOptions.protocolsFor("concat://a|b")).isEmpty();
    }
}
