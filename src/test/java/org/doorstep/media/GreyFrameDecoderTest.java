package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreyFrameDecoderTest {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FPS = 15;
    private static final int FRAMES = 45;

    @TempDir
    static Path dir;
    static Path clip;

    /** Left half dark, right half bright; a bright square moves 10 px per frame along the top. */
    @BeforeAll
    static void writeClip() throws Exception {
        clip = dir.resolve("test.mp4");
        TestClipEncoder.write(clip, W, H, FPS, FRAMES, 1.0, (i, grey) -> {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int v = x < W / 2 ? 40 : 200;
                    if (y < 60 && x >= 10 * i && x < 10 * i + 60) {
                        v = 250;
                    }
                    grey[y * W + x] = (byte) v;
                }
            }
        }, null, null);
    }

    private static List<Long> decodeAll(GreyFrameDecoder d, List<GreyFrame> copies) throws DecodeException {
        List<Long> pts = new ArrayList<>();
        GreyFrame f = new GreyFrame();
        while (d.next(f)) {
            pts.add(f.ptsMicros());
            if (copies != null) {
                copies.add(f.copyInto(new GreyFrame()));
            }
        }
        return pts;
    }

    @Test
    void h264EncoderIsFoundInTheBundledBuild() {
        assertThat(TestClipEncoder.h264EncoderName()).isNotNull();
    }

    @Test
    void decodesEveryFrameToSmallGreyWithAspectKept() throws Exception {
        List<GreyFrame> frames = new ArrayList<>();
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0).withTargetHeight(144).withFastDecode(false))) {
            assertThat(d.codecName()).isEqualTo("h264");
            assertThat(d.sourceWidth()).isEqualTo(W);
            assertThat(d.activeHwAccel()).isNull();
            decodeAll(d, frames);
            assertThat(d.stats().decodedFrames()).isEqualTo(FRAMES);
        }
        assertThat(frames).hasSize(FRAMES);
        GreyFrame f = frames.get(20);
        assertThat(f.width()).isEqualTo(256);
        assertThat(f.height()).isEqualTo(144);
        byte[] p = f.pixels();
        int dark = p[100 * 256 + 40] & 0xff;
        int bright = p[100 * 256 + 220] & 0xff;
        assertThat(dark).isBetween(25, 60);
        assertThat(bright).isBetween(180, 215);
        // the moving square at x = 200..260 source px -> 80..104 output px, top rows
        int square = p[10 * 256 + (int) ((10 * 20 + 30) * 256.0 / W)] & 0xff;
        assertThat(square).isGreaterThan(230);
    }

    @Test
    void analysisRateDropsFramesBeforeScaling() throws Exception {
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(), GreyFrameDecoder.Options.DEFAULT)) {
            List<Long> pts = decodeAll(d, null);
            assertThat(pts).hasSize(FRAMES / 3);
            for (int i = 1; i < pts.size(); i++) {
                assertThat(pts.get(i) - pts.get(i - 1)).isBetween(190_000L, 210_000L);
            }
            assertThat(d.stats().skippedBeforeScale()).isEqualTo(d.stats().decodedFrames() - pts.size());
        }
    }

    @Test
    void keyframesOnlyDecodesOnePerSecond() throws Exception {
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0).withKeyframesOnly(true))) {
            List<Long> pts = decodeAll(d, null);
            assertThat(pts).hasSize(3);
            assertThat(pts).containsExactly(0L, 1_000_000L, 2_000_000L);
        }
    }

    @Test
    void targetHeightIsHonoured() throws Exception {
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withTargetHeight(100))) {
            GreyFrame f = new GreyFrame();
            assertThat(d.next(f)).isTrue();
            assertThat(f.height()).isEqualTo(100);
            assertThat(f.width()).isEqualTo(178);
        }
    }

    @Test
    void missingFileGivesAClearMessage() {
        assertThatThrownBy(() -> GreyFrameDecoder.open(dir.resolve("nope.mp4").toString(),
                GreyFrameDecoder.Options.DEFAULT))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("Could not open")
                .hasMessageContaining("nope.mp4");
    }

    @Test
    void unreachableRtspTimesOutWithoutCredentialsInTheMessage() {
        long t0 = System.nanoTime();
        // nothing listens on this loopback port: refused quickly, and the password never shows
        assertThatThrownBy(() -> GreyFrameDecoder.open("rtsp://admin:secret@127.0.0.1:1/stream",
                GreyFrameDecoder.Options.DEFAULT))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("rtsp://127.0.0.1:1/stream")
                .hasMessageNotContaining("secret");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
    }

    @Test
    void interruptStopsABlockedOpen() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            String url = "rtsp://127.0.0.1:" + silent.getLocalPort() + "/x";
            GreyFrameDecoder.Options slow = new GreyFrameDecoder.Options(144, 5, java.time.Duration.ofSeconds(30),
                    List.of(), false, 1, false);
            java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
            GreyFrameDecoder decoder = GreyFrameDecoder.create(url, slow);
            Thread t = new Thread(() -> {
                try {
                    decoder.start();
                    decoder.close();
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            long t0 = System.nanoTime();
            t.start();
            Thread.sleep(500);
            // the server accepts but never answers; the only way out is the interrupt callback
            decoder.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(error.get()).isInstanceOf(DecodeException.class);
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        }
    }
}
