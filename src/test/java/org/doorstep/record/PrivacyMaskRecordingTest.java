package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.media.H264Encoders;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cameras on the same virtual doorbell, one with a privacy mask over the left half: the masked camera's real
 * recorded, encrypted segments are decrypted and decoded, and the left half is black in every picture while the
 * right half shows the porch; the unmasked camera's segments hold the doorbell's own H.264 packets (packet copy).
 */
class PrivacyMaskRecordingTest {
    private static final String LEFT_HALF = "[[[0,0],[0.5,0],[0.5,1],[0,1]]]";

    @TempDir
    Path dir;

    @Test
    void maskedAreaIsBlackInTheRecordedSegmentsAndUnmaskedCamerasAreCopied() throws Exception {
        List<Frame> masked;
        List<Frame> plain;
        byte[] maskedSlice;
        byte[] copiedSlice;
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera m = t.addCamera("masked", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            m = m.withOptions(new Camera.Options(LEFT_HALF, null, 0, "auto", false, false));
            t.app.cameras().update(m);
            Camera p = t.addCamera("plain", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            Camera mc = m;
            await().atMost(Duration.ofSeconds(30)).until(() -> t.index.find(mc.id(), null, null).size() >= 2
                    && t.index.find(p.id(), null, null).size() >= 2);
            assertThat(t.service.videoPath(m.id())).isEqualTo(H264Encoders.choose(t.service.maskEncoders()));
            assertThat(t.service.videoPath(p.id())).isEqualTo("copy");
            t.service.close();

            SegmentRow mr = t.index.find(m.id(), null, null).get(0);
            SegmentRow pr = t.index.find(p.id(), null, null).get(0);
            assertThat(mr.videoCodec()).isEqualTo("h264");
            assertThat(mr.width()).isEqualTo(1280);
            Path maskedPlain = decrypt(t, mr, "masked.mp4");
            Path copiedPlain = decrypt(t, pr, "plain.mp4");
            masked = greyFrames(maskedPlain);
            plain = greyFrames(copiedPlain);
            maskedSlice = firstSlice(maskedPlain);
            copiedSlice = firstSlice(copiedPlain);
        }
        assertThat(masked).hasSizeGreaterThan(10);
        assertThat(plain).hasSizeGreaterThan(10);
        for (Frame f : masked) {
            // inside the mask (a margin of 16 px from its edge for the encoder's blocks): black
            assertThat(max(f, 0, 0, 640 - 16, 720)).as("masked left half").isLessThanOrEqualTo(20);
            // outside: the porch as the camera sees it
            assertThat(mean(f, 656, 0, 1280, 720)).as("right half").isGreaterThan(40);
        }
        for (Frame f : plain) {
            assertThat(mean(f, 0, 0, 624, 720)).as("unmasked camera's left half").isGreaterThan(40);
        }
        // packet copy: the plain camera's first picture is byte for byte one the doorbell sends; the masked one's not
        byte[] source = sceneClips();
        assertThat(indexOf(source, copiedSlice)).as("copied slice in the doorbell's clips").isGreaterThanOrEqualTo(0);
        assertThat(indexOf(source, maskedSlice)).as("re-encoded slice in the doorbell's clips").isEqualTo(-1);
    }

    /**
     * Art. 15 access request: an export with a blur region over the left half. Decoded, the left half has lost its
     * detail (neighbouring pixels alike) while the right half matches the plain export of the same range.
     */
    @Test
    void exportWithBlurRegionsBlursThemAndLeavesTheRest() throws Exception {
        Path plainOut = dir.resolve("plain-export.mp4");
        Path blurOut = dir.resolve("blur-export.mp4");
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera c = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> t.index.find(c.id(), null, null).size() >= 2);
            t.service.close();
            List<SegmentRow> rows = t.index.find(c.id(), null, null);
            java.time.Instant from = rows.get(0).start();
            java.time.Instant to = rows.get(rows.size() - 1).end();
            org.doorstep.playback.ExportService export = new org.doorstep.playback.ExportService(t.index, t.files,
                    t.keys);
            export.export(c.id(), from, to, plainOut, f -> { }, () -> false);
            org.doorstep.motion.MotionMask left = org.doorstep.motion.MotionMaskJson.parse(LEFT_HALF);
            export.export(c.id(), from, to, blurOut, f -> { }, () -> false,
                    new org.doorstep.playback.ExportService.Blur(left::raster, H264Encoders.SOFTWARE));
        }
        List<Frame> plain = greyFrames(plainOut);
        List<Frame> blurred = greyFrames(blurOut);
        assertThat(blurred.size()).isBetween(plain.size() - 2, plain.size());
        for (int i = 0; i < blurred.size(); i += 5) {
            Frame p = plain.get(i);
            Frame b = blurred.get(i);
            double plainDetail = detail(p, 0, 0, 600, 720);
            double blurDetail = detail(b, 0, 0, 600, 720);
            assertThat(plainDetail).as("detail in the original's left half").isGreaterThan(1.5);
            assertThat(blurDetail).as("detail left after blurring").isLessThan(plainDetail / 3);
            assertThat(meanAbsDiff(p, b, 680, 0, 1280, 720)).as("right half unchanged-ish").isLessThan(6);
        }
    }

    /** Mean absolute difference of neighbouring pixels (right and below): fine detail, which a blur removes. */
    private static double detail(Frame f, int x0, int y0, int x1, int y1) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        long sum = 0;
        for (int y = y0; y < y1 - 1; y++) {
            for (int x = x0; x < x1 - 1; x++) {
                int v = b.get(y * f.imageStride + x) & 0xff;
                sum += Math.abs(v - (b.get(y * f.imageStride + x + 1) & 0xff))
                        + Math.abs(v - (b.get((y + 1) * f.imageStride + x) & 0xff));
            }
        }
        return sum / (double) ((x1 - x0 - 1) * (y1 - y0 - 1));
    }

    private static double meanAbsDiff(Frame a, Frame b, int x0, int y0, int x1, int y1) {
        ByteBuffer pa = (ByteBuffer) a.image[0];
        ByteBuffer pb = (ByteBuffer) b.image[0];
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += Math.abs((pa.get(y * a.imageStride + x) & 0xff) - (pb.get(y * b.imageStride + x) & 0xff));
            }
        }
        return sum / (double) ((x1 - x0) * (y1 - y0));
    }

    private Path decrypt(RecordTestSupport t, SegmentRow row, String name) throws Exception {
        Path out = dir.resolve(name);
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(t.files.resolve(row.file()), t.keys)) {
            Files.write(out, r.stream(0).readAllBytes());
        }
        return out;
    }

    private static List<Frame> greyFrames(Path file) throws Exception {
        List<Frame> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                out.add(f.clone());
            }
            g.stop();
        }
        return out;
    }

    /** The first 48 bytes of the largest NAL unit of the first video packet (the keyframe's slice). */
    private static byte[] firstSlice(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            AVPacket pkt = g.grabPacket();
            byte[] data = new byte[pkt.size()];
            pkt.data().get(data);
            int best = -1;
            int bestLen = 0;
            for (int i = 0; i + 4 <= data.length; ) {
                int len = ByteBuffer.wrap(data, i, 4).getInt();
                if (len > bestLen) {
                    best = i + 4;
                    bestLen = len;
                }
                i += 4 + len;
            }
            g.stop();
            byte[] slice = new byte[Math.min(48, bestLen)];
            System.arraycopy(data, best, slice, 0, slice.length);
            return slice;
        }
    }

    private static byte[] sceneClips() throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (var files = Files.list(Path.of("target", "sim-cache"))) {
            for (Path d : files.filter(f -> f.getFileName().toString().contains("1280x720")).toList()) {
                try (var clips = Files.list(d)) {
                    for (Path c : clips.toList()) {
                        all.write(Files.readAllBytes(c));
                    }
                }
            }
        }
        return all.toByteArray();
    }

    private static int max(Frame f, int x0, int y0, int x1, int y1) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        int max = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                max = Math.max(max, b.get(y * f.imageStride + x) & 0xff);
            }
        }
        return max;
    }

    private static double mean(Frame f, int x0, int y0, int x1, int y1) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += b.get(y * f.imageStride + x) & 0xff;
            }
        }
        return sum / (double) ((x1 - x0) * (y1 - y0));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
