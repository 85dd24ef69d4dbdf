package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaInputTest {
    private static final InputOptions LIVE = InputOptions.live(RtspTransport.UDP, Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = DecoderProbe.writeTestClip(dir.resolve("clip.mp4"), 160, 90, 10, 10);
    }

    @Test
    void rtspGetsTheTransportTheSocketTimeoutAndOnlyItsProtocols() {
        Map<String, String> o = MediaInput.ffmpegOptions("rtsp://u:p@cam/stream", LIVE);
        assertThat(o).containsEntry("rtsp_transport", "udp").containsEntry("timeout", "5000000")
                .containsEntry("protocol_whitelist", "rtsp,rtp,tcp,udp").containsEntry("fflags", "+genpts+discardcorrupt")
                .doesNotContainKey("rw_timeout");
        assertThat(MediaInput.ffmpegOptions("RTSPS://cam/stream", LIVE.withTransport(RtspTransport.TCP)))
                .containsEntry("rtsp_transport", "tcp").containsEntry("protocol_whitelist", "rtsp,rtp,tcp,udp,tls");
    }

    @Test
    void otherSourcesGetTheirOwnTimeoutAndProtocols() {
        assertThat(MediaInput.ffmpegOptions("http://cam/video.mjpg", LIVE)).containsEntry("rw_timeout", "5000000")
                .containsEntry("protocol_whitelist", "http,tcp").doesNotContainKey("rtsp_transport");
        assertThat(MediaInput.ffmpegOptions("/videos/a.mp4", LIVE)).containsEntry("protocol_whitelist", "file")
                .doesNotContainKeys("rw_timeout", "timeout", "rtsp_transport");
        assertThat(MediaInput.ffmpegOptions("/videos/odd://name.mp4", LIVE)).containsEntry("protocol_whitelist",
                "file");
        // not a camera protocol Doorstep speaks: nothing allowed (MediaInput refuses it before FFmpeg sees it)
        assertThat(InputOptions.protocolsFor("rtmp://cam/live")).isEmpty();
        assertThat(MediaInput.ffmpegOptions(null, InputOptions.RECORDING)).containsOnly(
                Map.entry("protocol_whitelist", ""));
        assertThat(MediaInput.ffmpegOptions("rtsp://cam/s", LIVE.withProbe(2_000_000, Duration.ofSeconds(1))))
                .containsEntry("probesize", "2000000").containsEntry("analyzeduration", "1000000");
    }

    @Test
    void cameraSettingReadsAsTransport() {
        assertThat(RtspTransport.fromSetting("udp")).isEqualTo(RtspTransport.UDP);
        assertThat(RtspTransport.fromSetting(" UDP ")).isEqualTo(RtspTransport.UDP);
        assertThat(RtspTransport.fromSetting("tcp")).isEqualTo(RtspTransport.TCP);
        assertThat(RtspTransport.fromSetting(null)).isEqualTo(RtspTransport.TCP);
    }

    @Test
    void opensAFileAndFindsItsStreams() throws Exception {
        try (MediaInput in = MediaInput.open(clip.toString(), LIVE, () -> false)) {
            assertThat(in.firstStream(AVMEDIA_TYPE_VIDEO)).isZero();
            assertThat(in.firstStream(AVMEDIA_TYPE_AUDIO)).isEqualTo(-1);
            assertThat(in.displayName()).isEqualTo(clip.toString());
        }
    }

    @Test
    void theWhitelistIsEnforced() {
        // a source that may only use the network protocols of RTSP cannot read a local file
        assertThatThrownBy(() -> MediaInput.open(clip.toString(),
                LIVE.withProtocolWhitelist("rtsp,rtp,tcp,udp"), () -> false))
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.OPEN_FAILED))
                .hasMessageStartingWith("Could not open " + clip);
    }

    @Test
    void aStopBeforeOpeningEndsTheOpen() {
        assertThatThrownBy(() -> MediaInput.open("rtsp://127.0.0.1:1/x", LIVE, () -> true))
                .isInstanceOfSatisfying(MediaInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaInputException.Kind.STOPPED))
                .hasMessage("Stopped while opening rtsp://127.0.0.1:1/x.");
    }
}
