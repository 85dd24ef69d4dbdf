package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BGRA straight into a target buffer: from a decoded clip, at odd sizes, and the pixel layout JavaFX expects. */
class BgraScalerTest {
    @TempDir
    Path dir;

    /** A target that keeps each published frame's pixels, as a surface would show them. */
    static final class CollectingTarget implements FrameTarget {
        final Size box;
        ByteBuffer buffer;
        int width;
        int height;
        int published;

        CollectingTarget(Size box) {
            this.box = box;
        }

        @Override
        public Size wanted() {
            return box;
        }

        @Override
        public ByteBuffer acquire(int w, int h) {
            if (buffer == null || w != width || h != height) {
                buffer = ByteBuffer.allocateDirect(w * h * 4);
                width = w;
                height = h;
            }
            return buffer;
        }

        @Override
        public void publish() {
            published++;
        }

        int argb(int x, int y) {
            return buffer.order(ByteOrder.LITTLE_ENDIAN).getInt((y * width + x) * 4);
        }
    }

    @Test
    void decodedClipFramesArriveAsOpaqueBgraAtTheTargetsSize() throws Exception {
        Path clip = dir.resolve("ramp.mp4");
        // left half dark, right half bright: the scaled picture must keep that
        TestClipEncoder.write(clip, 320, 240, 15, 10, 1.0, (i, grey) -> {
            for (int y = 0; y < 240; y++) {
                for (int x = 0; x < 320; x++) {
                    grey[y * 320 + x] = (byte) (x < 160 ? 30 : 220);
                }
            }
        }, null, null);
        CollectingTarget target = new CollectingTarget(new Size(160, 160));
        VideoDecoder.Options options = new VideoDecoder.Options(
                InputOptions.live(RtspTransport.TCP, Duration.ofSeconds(5), Duration.ofSeconds(5)), List.of(), 1);
        try (VideoDecoder decoder = VideoDecoder.open(clip.toString(), options)) {
            int frames = 0;
            while (decoder.next(target)) {
                frames++;
            }
            assertThat(frames).isEqualTo(10);
        }
        assertThat(target.published).isEqualTo(10);
        assertThat(target.width).isEqualTo(160); // 320x240 fitted into 160x160 keeps 4:3
        assertThat(target.height).isEqualTo(120);
        int dark = target.argb(20, 60);
        int bright = target.argb(140, 60);
        assertThat(dark >>> 24).isEqualTo(0xff);
        assertThat(bright >>> 24).isEqualTo(0xff);
        assertThat(red(dark)).isBetween(15, 45);
        assertThat(red(bright)).isBetween(200, 240);
        // grey stays grey: blue and red in the right bytes
        assertThat(Math.abs(red(bright) - blue(bright))).isLessThan(8);
    }

    @Test
    void scalesToOddSizesWithoutWritingPastTheBuffer() throws Exception {
        AVFrame frame = av_frame_alloc();
        try (BgraScaler scaler = new BgraScaler()) {
            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(64);
            frame.height(48);
            assertThat(av_frame_get_buffer(frame, 0)).isZero();
            fill(frame, 0, 64, 48, (byte) 200); // luma
            fill(frame, 1, 32, 24, (byte) 128); // neutral chroma
            fill(frame, 2, 32, 24, (byte) 128);
            int w = 33;
            int h = 17;
            ByteBuffer target = ByteBuffer.allocateDirect(w * h * 4 + 64);
            for (int i = w * h * 4; i < target.capacity(); i++) {
                target.put(i, (byte) 0x5a);
            }
            target.position(10); // the scaler writes from 0 whatever the position
            scaler.scale(frame, target, w, h);
            int px = target.order(ByteOrder.LITTLE_ENDIAN).getInt(((h - 1) * w + w - 1) * 4);
            assertThat(px >>> 24).isEqualTo(0xff);
            assertThat(red(px)).isBetween(190, 240);
            assertThat(target.getInt(0) >>> 24).isEqualTo(0xff);
            for (int i = w * h * 4; i < target.capacity(); i++) {
                assertThat(target.get(i)).as("byte %d after the picture", i).isEqualTo((byte) 0x5a);
            }
            assertThat(target.position()).isEqualTo(10);
        } finally {
            av_frame_free(frame);
        }
    }

    private static void fill(AVFrame frame, int plane, int width, int height, byte value) {
        int stride = frame.linesize(plane);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                frame.data(plane).put((long) y * stride + x, value);
            }
        }
    }

    private static int red(int argb) {
        return (argb >> 16) & 0xff;
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }
}
