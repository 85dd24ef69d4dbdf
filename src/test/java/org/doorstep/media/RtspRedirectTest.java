package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.doorstep.common.Messages;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a camera that answers DESCRIBE with 302 to another host must not get FFmpeg (and with it the camera's
 * user name and password) to that host. The virtual doorbell redirects to a listener on 127.0.0.2 that asks for
 * Basic authentication, as a credential collector would.
 */
class RtspRedirectTest {
    private static final InputOptions LIVE = InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    private static VirtualDoorbell bell;

    @BeforeAll
    static void startDoorbell() throws Exception {
        bell = new VirtualDoorbell(DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials("admin", "s3cret-pw", true));
        bell.start();
    }

    @AfterAll
    static void stopDoorbell() {
        if (bell != null) {
            bell.close();
        }
    }

    private static CredentialCatcher catcher() {
        try {
            return new CredentialCatcher(InetAddress.getByName("127.0.0.2"));
        } catch (IOException e) {
            assumeTrue(false, "this system has no 127.0.0.2 loopback address: " + e);
            return null;
        }
    }

    private static String withCredentials(VirtualDoorbell.Stream stream) {
        return bell.rtspUri(stream).toString().replace("rtsp://", "rtsp://admin:s3cret-pw@");
    }

    @Test
    void aRedirectIsRefusedWithASentenceAndNoCredentialsReachTheOtherHost() throws Exception {
        try (CredentialCatcher catcher = catcher()) {
            bell.rtspServer().redirectDescribeTo("rtsp://" + catcher.host() + ":" + catcher.port() + "/main");
            try {
                assertThatThrownBy(() -> MediaInput.open(withCredentials(VirtualDoorbell.Stream.MAIN), LIVE,
                        () -> false).close())
                        .isInstanceOfSatisfying(MediaInputException.class,
                                e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.REFUSED))
                        .hasMessageContaining("redirected to another address (127.0.0.2)")
                        .hasMessageContaining("does not follow redirects")
                        .hasMessageNotContaining("s3cret-pw");
                Thread.sleep(300); // a connection FFmpeg made to the redirect target would have arrived by now
                assertThat(catcher.authorizations).as("credentials sent to the redirect target").isEmpty();
                assertThat(catcher.connections.get()).as("connections to the redirect target").isZero();
            } finally {
                bell.rtspServer().redirectDescribeTo(null);
            }
        }
    }

    @Test
    void theSameCameraPlaysThroughTheRelayWhenItDoesNotRedirect() throws Exception {
        try (MediaInput in = MediaInput.open(withCredentials(VirtualDoorbell.Stream.SUB), LIVE, () -> false)) {
            assertThat(in.firstStream(org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO)).isGreaterThanOrEqualTo(0);
            org.bytedeco.ffmpeg.avcodec.AVPacket p = org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc();
            try {
                for (int i = 0; i < 10; i++) {
                    assertThat(in.read(p)).isGreaterThanOrEqualTo(0);
                    org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(p);
                }
            } finally {
                org.bytedeco.ffmpeg.global.avcodec.av_packet_free(p);
            }
            assertThat(in.displayName()).doesNotContain("s3cret-pw").contains(":" + bell.rtspPort() + "/sub");
        }
    }

    @Test
    void theRefusalIsSaidInGermanToo() {
        String de = Messages.of("net", Locale.GERMAN).get("net.refused.redirect", "rtsp://kamera/main", "10.0.0.9");
        assertThat(de).contains("umgeleitet").contains("10.0.0.9").contains("folgt keinen Umleitungen");
    }
}
