package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.doorstep.sim.Audio;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Test;

/**
 * Doorstep's own RTSP reader behind {@link StreamInput}, against the virtual doorbell over loopback: which streams it
 * takes and which it leaves to FFmpeg, what its packets and stream parameters look like, authentication, the camera's
 * clock, and stopping.
 */
class OwnRtspReaderTest {
    private static final Duration OPEN = Duration.ofSeconds(10);
    private static final Duration STALL = Duration.ofSeconds(5);

    private static DoorbellConfig config() {
        return DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null);
    }

    /** What one stream's first packets say. */
    private record Read(List<Long> videoPts, List<Boolean> keys, List<Long> audioPts) { }

    private static Read read(StreamInput in, int videoPackets) throws Exception {
        List<Long> pts = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        List<Long> audio = new ArrayList<>();
        AVPacket pkt = av_packet_alloc();
        try {
            while (pts.size() < videoPackets) {
                in.read(pkt);
                assertThat(pkt.size()).isPositive();
                if (in.ownReader()) {
                    assertThat(pkt.dts()).as("pictures in order: decoded when shown").isEqualTo(pkt.pts());
                }
                if (pkt.stream_index() == in.videoIndex()) {
                    pts.add(pkt.pts());
                    keys.add((pkt.flags() & AV_PKT_FLAG_KEY) != 0);
                    // Annex B, as FFmpeg's reader hands H.264 out: every picture starts with a start code
                    assertThat(pkt.data().get(0)).isZero();
                    assertThat(pkt.data().get(2) == 1 || pkt.data().get(3) == 1).isTrue();
                } else if (pkt.stream_index() == in.audioIndex()) {
                    audio.add(pkt.pts());
                }
                av_packet_unref(pkt);
            }
        } finally {
            av_packet_free(pkt);
        }
        return new Read(pts, keys, audio);
    }

    @Test
    void readsTheDoorbellsH264ItselfWithItsParametersAndKeyframes() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config())) {
            bell.start();
            try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.SUB), "tcp", OPEN, STALL,
                    () -> false)) {
                assertThat(in.ownReader()).isTrue();
                assertThat(in.audio()).isNull();
                assertThat(in.video().codecpar().codec_id()).isEqualTo(AV_CODEC_ID_H264);
                assertThat(in.video().codecpar().width()).isEqualTo(640);
                assertThat(in.video().codecpar().height()).isEqualTo(360);
                assertThat(in.video().codecpar().extradata_size()).isGreaterThan(8);
                assertThat(in.video().time_base().den()).isEqualTo(90_000);
                assertThat(in.video().avg_frame_rate().num() / (double) in.video().avg_frame_rate().den())
                        .isCloseTo(15.0, org.assertj.core.data.Offset.offset(0.01));
                Read r = read(in, 45);
                // 15 fps: 6000 ticks of 90 kHz apart, in order; a keyframe every second (GOP 15)
                for (int i = 1; i < r.videoPts().size(); i++) {
                    assertThat(r.videoPts().get(i) - r.videoPts().get(i - 1)).isEqualTo(6000);
                }
                int firstKey = r.keys().indexOf(true);
                assertThat(firstKey).isBetween(0, 14);
                assertThat(r.keys().get(firstKey + 15)).isTrue();
                assertThat(r.keys().stream().filter(k -> k).count()).isBetween(2L, 3L);
            }
        }
    }

    @Test
    void picturesOutOfOrderAreLeftToFfmpeg() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config().withBFrames(2))) {
            bell.start();
            try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.SUB), "tcp", OPEN, STALL,
                    () -> false)) {
                assertThat(in.ownReader()).isFalse();
                assertThat(read(in, 10).videoPts()).hasSize(10);
            }
        }
    }

    @Test
    void udpRtspsAndTheReaderPropertyAreLeftToFfmpeg() {
        String url = "rtsp://192.168.1.20/stream";
        assertThat(PacketSources.ownReaderTakes(url, RtspTransport.TCP)).isEqualTo(URI.create(url));
        assertThat(PacketSources.ownReaderTakes(url, RtspTransport.UDP)).isNull();
        assertThat(PacketSources.ownReaderTakes("rtsps://192.168.1.20/stream", RtspTransport.TCP)).isNull();
        assertThat(PacketSources.ownReaderTakes("rtsp://bad host/stream", RtspTransport.TCP)).isNull();
        String before = System.getProperty(PacketSources.READER_PROPERTY);
        System.setProperty(PacketSources.READER_PROPERTY, "ffmpeg");
        try {
            assertThat(PacketSources.ownReaderTakes(url, RtspTransport.TCP)).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(PacketSources.READER_PROPERTY);
            } else {
                System.setProperty(PacketSources.READER_PROPERTY, before);
            }
        }
    }

    @Test
    void decodersGetTheOwnReaderEvenWithPicturesOutOfOrder() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config().withBFrames(2).withAudio(Audio.AAC))) {
            bell.start();
            InputOptions options = InputOptions.live(RtspTransport.TCP, OPEN, STALL);
            try (PacketSource in = PacketSources.open(bell.rtspUri(VirtualDoorbell.Stream.SUB).toString(), options,
                    () -> false, PacketSources.Use.ANALYSIS)) {
                assertThat(in).isInstanceOf(RtspTcpInput.class);
                assertThat(in.context().nb_streams()).as("no audio for a decoder").isEqualTo(1);
                AVPacket pkt = av_packet_alloc();
                boolean outOfOrder = false;
                long last = Long.MIN_VALUE;
                try {
                    for (int i = 0; i < 30; i++) {
                        assertThat(in.read(pkt)).isZero();
                        outOfOrder |= pkt.pts() < last;
                        last = pkt.pts();
                        av_packet_unref(pkt);
                    }
                } finally {
                    av_packet_free(pkt);
                }
                assertThat(outOfOrder).as("B-frames come out of order, as sent").isTrue();
            }
        }
    }

    @Test
    void g711AndAacAudioComeWithTheirParametersInTimeWithThePictures() throws Exception {
        for (Audio audio : List.of(Audio.PCMU, Audio.AAC)) {
            try (VirtualDoorbell bell = new VirtualDoorbell(config().withAudio(audio))) {
                bell.start();
                try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.MAIN), "tcp", OPEN, STALL,
                        () -> false)) {
                    assertThat(in.ownReader()).isTrue();
                    assertThat(in.audio()).as(audio.name()).isNotNull();
                    int rate = audio == Audio.PCMU ? 8000 : 16000;
                    assertThat(in.audio().codecpar().codec_id())
                            .isEqualTo(audio == Audio.PCMU ? AV_CODEC_ID_PCM_MULAW : AV_CODEC_ID_AAC);
                    assertThat(in.audio().codecpar().sample_rate()).isEqualTo(rate);
                    assertThat(in.audio().time_base().den()).isEqualTo(rate);
                    if (audio == Audio.AAC) {
                        assertThat(in.audio().codecpar().extradata_size()).isEqualTo(2);
                    }
                    Read r = read(in, 60);
                    assertThat(r.audioPts()).as(audio.name()).hasSizeGreaterThan(10);
                    for (int i = 1; i < r.audioPts().size(); i++) {
                        assertThat(r.audioPts().get(i)).isGreaterThan(r.audioPts().get(i - 1));
                    }
                    // the last audio frame read is within half a second of the last picture, on one timeline
                    double audioSeconds = r.audioPts().get(r.audioPts().size() - 1) / (double) rate;
                    double videoSeconds = r.videoPts().get(r.videoPts().size() - 1) / 90_000.0;
                    assertThat(Math.abs(audioSeconds - videoSeconds)).as(audio.name()).isLessThan(0.5);
                }
            }
        }
    }

    @Test
    void digestAuthenticationAndAWrongPassword() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config().withCredentials("admin", "s3cret:/@", false))) {
            bell.start();
            URI plain = bell.rtspUri(VirtualDoorbell.Stream.SUB);
            URI good = URI.create(plain.toString().replace("rtsp://", "rtsp://admin:s3cret%3A%2F%40@"));
            try (StreamInput in = StreamInput.open(good, "tcp", OPEN, STALL, () -> false)) {
                assertThat(in.ownReader()).isTrue();
                assertThat(read(in, 5).videoPts()).hasSize(5);
            }
            URI bad = URI.create(plain.toString().replace("rtsp://", "rtsp://admin:wrong@"));
            assertThatThrownBy(() -> StreamInput.open(bad, "tcp", OPEN, STALL, () -> false))
                    .isInstanceOfSatisfying(IngestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IngestException.Reason.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("user name or password").doesNotContain("wrong");
                    });
            assertThatThrownBy(() -> StreamInput.open(plain, "tcp", OPEN, STALL, () -> false))
                    .isInstanceOfSatisfying(IngestException.class,
                            e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.AUTH_FAILED));
        }
    }

    @Test
    void basicAuthenticationWhenTheCameraOffersIt() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config().withCredentials("admin", "pw", true))) {
            bell.start();
            URI good = URI.create(bell.rtspUri(VirtualDoorbell.Stream.SUB).toString()
                    .replace("rtsp://", "rtsp://admin:pw@"));
            try (StreamInput in = StreamInput.open(good, "tcp", OPEN, STALL, () -> false)) {
                assertThat(in.ownReader()).isTrue();
                assertThat(read(in, 3).videoPts()).hasSize(3);
            }
        }
    }

    @Test
    void theCamerasClockComesFromItsSenderReports() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config())) {
            bell.start();
            try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.SUB), "tcp", OPEN, STALL,
                    () -> false)) {
                read(in, 30);
                Long start = in.cameraStartMicros();
                assertThat(start).as("camera clock at the first picture").isNotNull();
                // the doorbell's clock is this machine's: its first picture was sent in the last few seconds
                long now = Instant.now().toEpochMilli() * 1000;
                assertThat(now - start).isBetween(0L, 10_000_000L);
            }
        }
    }

    @Test
    void interruptEndsABlockedReadAtOnce() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config())) {
            bell.start();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.SUB), "tcp", OPEN,
                    Duration.ofSeconds(60), () -> false)) {
                read(in, 2);
                timer.schedule(in::interrupt, 200, TimeUnit.MILLISECONDS);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> {
                    AVPacket pkt = av_packet_alloc();
                    try {
                        while (true) {
                            in.read(pkt);
                            av_packet_unref(pkt);
                        }
                    } finally {
                        av_packet_free(pkt);
                    }
                }).isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.STOPPED));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            } finally {
                timer.shutdownNow();
            }
        }
    }

    @Test
    void aCameraThatDropsOffLosesTheStreamWithASentence() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config().withDropAfter(Duration.ofSeconds(3)))) {
            bell.start();
            try (StreamInput in = StreamInput.open(bell.rtspUri(VirtualDoorbell.Stream.SUB), "tcp", OPEN, STALL,
                    () -> false)) {
                assertThat(in.ownReader()).isTrue();
                assertThatThrownBy(() -> read(in, 10_000)).isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IngestException.Reason.STREAM_ENDED);
                    assertThat(e.getMessage()).startsWith("Lost the stream from rtsp://127.0.0.1:");
                });
            }
        }
    }

    @Test
    void aPeerThatSaysNothingOrNoRtspGetsASentenceInTime() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress());
             java.net.ServerSocket garbage = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread talker = new Thread(() -> {
                try (java.net.Socket s = garbage.accept()) {
                    byte[] junk = new byte[70_000];
                    java.util.Arrays.fill(junk, (byte) 'x');
                    s.getOutputStream().write(junk);
                    Thread.sleep(5000);
                } catch (Exception ignored) {
                    // the reader hung up
                }
            });
            talker.setDaemon(true);
            talker.start();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> StreamInput.open(URI.create("rtsp://127.0.0.1:" + silent.getLocalPort() + "/x"),
                    "tcp", Duration.ofSeconds(1), STALL, () -> false)).isInstanceOfSatisfying(IngestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IngestException.Reason.UNREACHABLE);
                        assertThat(e.getMessage()).isEqualTo("Could not open rtsp://127.0.0.1:" + silent.getLocalPort()
                                + "/x: no answer to OPTIONS within 1 s.");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThatThrownBy(() -> StreamInput.open(URI.create("rtsp://127.0.0.1:" + garbage.getLocalPort() + "/x"),
                    "tcp", OPEN, STALL, () -> false)).isInstanceOfSatisfying(IngestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IngestException.Reason.UNREACHABLE);
                        assertThat(e.getMessage()).endsWith("does not speak RTSP.");
                    });
        }
    }

    @Test
    void receiverReportsCarryTheHighestSequenceAndTheLastSenderReport() {
        long now = System.nanoTime();
        byte[] r = RtspTcpInput.receiverReport(0x446f6f72, 0x11223344L, 0x10005L,
                new RtspTcpInput.SenderReport(0, 0, 0xaabbccddL, now - 500_000_000L), now);
        assertThat(r).containsExactly(0x81, 201, 0, 7, 'D', 'o', 'o', 'r', 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0,
                0, 1, 0, 5, 0, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd, 0, 0, 0x80, 0);
        assertThat(RtspTcpInput.receiverReport(1, 2, -1, null, now)).as("before any packet or report")
                .containsExactly(0x81, 201, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0);
    }
}
