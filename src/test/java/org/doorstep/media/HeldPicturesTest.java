package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.zip.CRC32;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.ffmpeg;
import org.doorstep.sim.StreamCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a scene is still, the pictures between keyframes are held back rather than decoded: those decoded later
 * (motion seen) come out exactly as full decoding gives them, those a keyframe made unneeded are never decoded, and
 * the analysis goes on right after the keyframe that showed the motion instead of waiting for the next one.
 */
class HeldPicturesTest {
    private static final int FPS = 15;
    private static final int FRAMES = 60;

    @TempDir
    static Path dir;
    private static Path clip;

    /** 4 s of FFmpeg's moving test picture, 320x180 at 15 fps, a keyframe every 15 pictures. */
    @BeforeAll
    static void clip() throws Exception {
        FfmpegNatives.load();
        clip = dir.resolve("moving.mp4");
        StreamCheck.Result r = StreamCheck.run(ffmpeg.class, "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=320x180:rate=" + FPS, "-frames:v", String.valueOf(FRAMES), "-c:v",
                TestClipEncoder.h264EncoderName(), "-g", "15", "-y", clip.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
    }

    /** Decodes the clip through DecoderCore, holding back the packets (in decoding order) that {@code hold} names. */
    private static Map<Long, Long> decode(IntPredicate hold, long[] heldCounts) throws Exception {
        Map<Long, Long> luma = new LinkedHashMap<>();
        int[] index = {0};
        DecoderCore.Tuning tuning = new DecoderCore.Tuning() {
            @Override
            public void configure(AVCodecContext codec) {
                codec.thread_count(1);
            }

            @Override
            public DecoderCore.Handling beforeSend(AVCodecContext codec, AVPacket packet, boolean key) {
                return hold.test(index[0]++) ? DecoderCore.Handling.HOLD : DecoderCore.Handling.DECODE;
            }
        };
        AVFrame frame = av_frame_alloc();
        try (DecoderCore core = new DecoderCore(clip.toString(), GreyFrameDecoder.Options.DEFAULT.inputOptions(),
                List.of(), null, tuning, PacketSources.Use.ANALYSIS)) {
            core.start(() -> false, false);
            while (core.receive(frame)) {
                CRC32 crc = new CRC32();
                byte[] row = new byte[frame.width()];
                for (int y = 0; y < frame.height(); y++) {
                    frame.data(0).position((long) y * frame.linesize(0)).get(row);
                    crc.update(row);
                }
                luma.put(frame.pts(), crc.getValue());
                av_frame_unref(frame);
            }
            heldCounts[0] = core.heldDecoded();
            heldCounts[1] = core.heldNeverDecoded();
        } finally {
            av_frame_free(frame);
        }
        return luma;
    }

    @Test
    void heldPicturesDecodeAsFullDecodingGivesThemOrNotAtAll() throws Exception {
        long[] none = new long[2];
        Map<Long, Long> every = decode(i -> false, none);
        assertThat(every).hasSize(FRAMES);
        assertThat(none).containsExactly(0, 0);

        long[] counts = new long[2];
        // pictures 16-22 held, then 23 decoded (so 16-22 first); 31-44 held until keyframe 45 makes them unneeded
        Map<Long, Long> held = decode(i -> (i >= 16 && i <= 22) || (i >= 31 && i <= 44), counts);
        assertThat(counts).as("held then decoded, held and never decoded").containsExactly(7, 14);
        List<Long> times = new ArrayList<>(every.keySet());
        List<Long> expected = new ArrayList<>(times.subList(0, 31));
        expected.addAll(times.subList(45, FRAMES));
        assertThat(new ArrayList<>(held.keySet())).as("decoded pictures, in order").isEqualTo(expected);
        for (Map.Entry<Long, Long> e : held.entrySet()) {
            assertThat(e.getValue()).as("the picture at %d as full decoding gives it", e.getKey())
                    .isEqualTo(every.get(e.getKey()));
        }
    }

    @Test
    void afterStillKeyframesTheAnalysisGoesOnRightAfterTheKeyframeThatShowedMotion() throws Exception {
        Map<Long, byte[]> every = new LinkedHashMap<>();
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(), GreyFrameDecoder.Options.DEFAULT)) {
            GreyFrame f = new GreyFrame();
            while (d.next(f)) {
                every.put(f.ptsMicros(), f.pixels().clone());
            }
        }
        List<Long> analysed = new ArrayList<>();
        GreyFrameDecoder.Stats stats;
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(), GreyFrameDecoder.Options.DEFAULT)) {
            d.keyframesWhileStill(true);
            GreyFrame f = new GreyFrame();
            while (d.next(f)) {
                analysed.add(f.ptsMicros());
                assertThat(f.pixels()).as("the picture at %d us", f.ptsMicros())
                        .isEqualTo(every.get(f.ptsMicros()));
                if (analysed.size() == 2) {
                    d.keyframesWhileStill(false); // "motion" on the second keyframe
                }
            }
            stats = d.stats();
        }
        // still: the keyframes at 0 s and 1 s, nothing between; then every due picture from the one after 1 s on
        assertThat(analysed.get(1) - analysed.get(0)).isEqualTo(1_000_000L);
        assertThat(analysed.get(2) - analysed.get(1)).as("the first picture after the keyframe with motion")
                .isLessThanOrEqualTo(200_000L);
        assertThat(stats.heldNeverDecoded()).isEqualTo(14);
        // from there on every picture full decoding analyses, none lost to the still spell
        List<Long> after = every.keySet().stream().filter(t -> t > analysed.get(1)).sorted().toList();
        assertThat(analysed.subList(2, analysed.size())).isEqualTo(after);
    }
}
