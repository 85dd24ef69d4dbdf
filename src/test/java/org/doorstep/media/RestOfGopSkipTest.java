package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.ffmpeg;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analysing 5 of 15 pictures a second, the pictures after the last due one before a keyframe are never decoded
 * when the keyframes come regularly; what is analysed stays exactly what full decoding gives, also when a keyframe
 * comes later than foreseen.
 */
class RestOfGopSkipTest {

    private static final int FPS = 15;
    private static final int FRAMES = 150;

    @TempDir
    Path dir;

    /** 10 s of FFmpeg's moving test picture, 320x180 at 15 fps, keyframes only where {@code keys} says. */
    private Path clip(String name, String keys) throws Exception {
        Path file = dir.resolve(name);
        StreamCheck.Result r = StreamCheck.run(ffmpeg.class, "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=320x180:rate=" + FPS, "-frames:v", String.valueOf(FRAMES), "-c:v",
                TestClipEncoder.h264EncoderName(), "-g", "1000", "-force_key_frames", "expr:" + keys, "-y",
                file.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        return file;
    }

    private record Decoded(Map<Long, byte[]> pictures, GreyFrameDecoder.Stats stats) {
    }

    private static Decoded decode(Path clip, double fps) throws Exception {
        return decode(clip, fps, true);
    }

    private static Decoded decode(Path clip, double fps, boolean skipRestOfGop) throws Exception {
        Map<Long, byte[]> pictures = new HashMap<>();
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(fps).withSkipRestOfGop(skipRestOfGop))) {
            GreyFrame f = new GreyFrame();
            while (d.next(f)) {
                pictures.put(f.ptsMicros(), f.pixels().clone());
            }
            return new Decoded(pictures, d.stats());
        }
    }

    private static List<Long> sorted(Map<Long, byte[]> pictures) {
        List<Long> pts = new ArrayList<>(pictures.keySet());
        pts.sort(null);
        return pts;
    }

    /** Every analysed picture is the one full decoding gives at that instant, byte for byte. */
    private static void assertSamePictures(Decoded analysed, Decoded every) {
        assertThat(every.pictures()).hasSize(FRAMES);
        for (Map.Entry<Long, byte[]> e : analysed.pictures().entrySet()) {
            assertThat(every.pictures()).containsKey(e.getKey());
            assertThat(Arrays.equals(e.getValue(), every.pictures().get(e.getKey())))
                    .as("the picture at %d us is the one full decoding gives", e.getKey()).isTrue();
        }
    }

    /**
     * Analyses {@code clip} at 5 pictures a second: every analysed picture as full decoding gives it, and exactly
     * {@code undecoded} pictures left undecoded.
     */
    private static Decoded analyse(Path clip, Decoded every, int undecoded) throws Exception {
        Decoded analysed = decode(clip, 5);
        assertSamePictures(analysed, every);
        assertThat(analysed.stats().undecodedRestOfGop()).isEqualTo(undecoded);
        assertThat(analysed.stats().decodedFrames()).isEqualTo(FRAMES - undecoded);
        assertThat(every.stats().undecodedRestOfGop()).isZero();
        return analysed;
    }

    @Test
    void regularKeyframesLeaveTheLastTwoPicturesOfEverySecondUndecoded() throws Exception {
        Path clip = clip("regular.mp4", "not(mod(n,15))");
        Decoded every = decode(clip, 0);
        // from the fourth keyframe on (three equal intervals seen), pictures 13 and 14 of each second: 7 x 2
        Decoded analysed = analyse(clip, every, 14);
        // 5 a second, none missing
        assertThat(analysed.pictures()).hasSize(FRAMES / 3);

        Decoded whole = decode(clip, 5, false);
        assertThat(whole.stats().decodedFrames()).isEqualTo(FRAMES);
        assertThat(whole.pictures().keySet()).isEqualTo(analysed.pictures().keySet());
        assertSamePictures(whole, every);
    }

    @Test
    void aKeyframeLaterThanForeseenLosesOnlyThePicturesBeforeItAndEndsTheSkipping() throws Exception {
        // keyframes every second up to 4 s, then 85 (not 75), then every 15 again
        Path clip = clip("late-key.mp4", "lt(n,61)*not(mod(n,15))+gte(n,85)*not(mod(n-85,15))");
        // undecoded: 58, 59 (rest of the 3 s second), 73, 74 (foreseen rest) and 75..84 (the keyframe was late)
        Decoded analysed = analyse(clip, decode(clip, 0), 14);
        long frame = 1_000_000L / FPS;
        List<Long> pts = sorted(analysed.pictures());
        assertThat(pts).noneMatch(t -> t > 72 * frame + frame / 2 && t < 85 * frame - frame / 2);
        // after the late keyframe every due picture is there again: 85, 88, ... 148
        assertThat(pts.stream().filter(t -> t >= 85 * frame - frame / 2)).hasSize(22);
    }

    /**
     * Over RTSP from the virtual doorbell (keyframe every second): the rest of every second goes undecoded, every due
     * picture still comes; with B-pictures (decoding order is not time order) nothing is skipped.
     */
    @Test
    void liveStreamSkipsTheRestOfEachSecondButNotWithBPictures() throws Exception {
        DoorbellConfig plain = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withSizes(640, 360, 640, 360, FPS);
        GreyFrameDecoder.Stats without = analyseLive(plain);
        GreyFrameDecoder.Stats with = analyseLive(plain.withBFrames(2));
        // keyframes seen with times at 1, 2, 3, 4 s (the first comes without one): from then on two per second
        assertThat(without.undecodedRestOfGop()).as(without.toString()).isGreaterThanOrEqualTo(2);
        assertThat(without.decodedFrames() + without.undecodedRestOfGop()).isLessThanOrEqualTo(without.packets());
        assertThat(with.undecodedRestOfGop()).isZero();
    }

    /** 40 analysed pictures (8 s) of the doorbell's sub stream at 5 a second, evenly spaced. */
    private static GreyFrameDecoder.Stats analyseLive(DoorbellConfig config) throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(config)) {
            bell.start();
            try (GreyFrameDecoder d = GreyFrameDecoder.open(bell.rtspUri(VirtualDoorbell.Stream.SUB).toString(),
                    GreyFrameDecoder.Options.DEFAULT.withAddresses(AddressCheck.LAN_ONLY))) {
                GreyFrame f = new GreyFrame();
                List<Long> pts = new ArrayList<>();
                while (pts.size() < 40 && d.next(f)) {
                    pts.add(f.ptsMicros());
                }
                assertThat(pts).hasSize(40);
                // evenly spaced, but for once: the schedule starts again at the first keyframe
                int uneven = 0;
                for (int i = 1; i < pts.size(); i++) {
                    long gap = pts.get(i) - pts.get(i - 1);
                    assertThat(gap).as("picture " + i + " of " + pts).isBetween(60_000L, 220_000L);
                    uneven += gap < 180_000L ? 1 : 0;
                }
                assertThat(uneven).as(pts.toString()).isLessThanOrEqualTo(1);
                return d.stats();
            }
        }
    }

    @Test
    void everyPictureDueMeansNothingIsSkipped() throws Exception {
        Path clip = clip("every.mp4", "not(mod(n,15))");
        Decoded every = decode(clip, 15);
        assertThat(every.pictures()).hasSize(FRAMES);
        assertThat(every.stats().undecodedRestOfGop()).isZero();
    }
}
