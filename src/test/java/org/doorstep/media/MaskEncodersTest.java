package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each H.264 encoder candidate burns a mask in: a clip is decoded, masked over its left third and encoded, and the
 * encoded pictures, decoded again, are black there and keep the clip elsewhere. Encoders that do not open on this
 * machine (no GPU, not in this FFmpeg build) skip themselves and say why; the software encoder always runs.
 */
class MaskEncodersTest {
    @TempDir
    Path dir;

    static List<String> encoders() {
        return H264Encoders.CANDIDATES;
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void encoderBurnsTheMaskIn(String encoder) throws Exception {
        H264Encoders.Result probe = H264Encoders.probe(encoder);
        Assumptions.assumeTrue(probe.works(), () -> encoder + " skipped: " + probe.reason());
        Path clip = MaskingCost.writeClip(dir, 320, 180, 15, 1);
        List<int[]> lumaStats = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.start();
            AVStream v = g.getFormatContext().streams(g.getVideoStream());
            AVCodecContext dec = null;
            AVFrame frame = av_frame_alloc();
            try (MaskingTranscoder t = new MaskingTranscoder(v.codecpar(), v.time_base(), v.avg_frame_rate(),
                    MaskingCost.leftThird(), encoder)) {
                List<AVPacket> out = new ArrayList<>();
                AVPacket pkt;
                int keyframes = 0;
                while ((pkt = g.grabPacket()) != null) {
                    t.send(pkt, p -> out.add(avcodec.av_packet_clone(p)));
                }
                t.flush(p -> out.add(avcodec.av_packet_clone(p)));
                assertThat(t.outputParameters().codec_id()).isEqualTo(avcodec.AV_CODEC_ID_H264);
                assertThat(t.outputParameters().width()).isEqualTo(320);
                dec = avcodec_alloc_context3(avcodec_find_decoder(avcodec.AV_CODEC_ID_H264));
                avcodec_parameters_to_context(dec, t.outputParameters());
                assertThat(avcodec_open2(dec, avcodec_find_decoder(avcodec.AV_CODEC_ID_H264), (AVDictionary) null))
                        .isZero();
                for (AVPacket p : out) {
                    keyframes += (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0 ? 1 : 0;
                    avcodec_send_packet(dec, p);
                    while (avcodec_receive_frame(dec, frame) >= 0) {
                        lumaStats.add(luma(frame));
                        av_frame_unref(frame);
                    }
                    avcodec.av_packet_free(p);
                }
                assertThat(keyframes).as("the clip's keyframes (every 2 s) are kept").isGreaterThanOrEqualTo(1);
            } finally {
                av_frame_free(frame);
                if (dec != null) {
                    avcodec_free_context(dec);
                }
            }
        }
        assertThat(lumaStats).hasSizeGreaterThanOrEqualTo(14);
        for (int[] s : lumaStats) {
            assertThat(s[0]).as("brightest pixel in the mask").isLessThanOrEqualTo(20);
            assertThat(s[1]).as("mean brightness outside").isGreaterThan(60);
        }
    }

    /** {max luma inside the left third (4 px margin), mean luma of the right half}. */
    private static int[] luma(AVFrame f) {
        org.bytedeco.javacpp.BytePointer y = f.data(0);
        int stride = f.linesize(0);
        int max = 0;
        long sum = 0;
        int n = 0;
        for (int row = 0; row < f.height(); row++) {
            for (int x = 0; x < f.width() / 3 - 4; x++) {
                max = Math.max(max, y.get((long) row * stride + x) & 0xff);
            }
            for (int x = f.width() / 2; x < f.width(); x++) {
                sum += y.get((long) row * stride + x) & 0xff;
                n++;
            }
        }
        return new int[] {max, (int) (sum / n)};
    }
}
