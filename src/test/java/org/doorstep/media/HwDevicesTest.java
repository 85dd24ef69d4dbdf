package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_get_ref_count;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;

import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sharing and reference counting of {@link HwDevices}, with FFmpeg's own reference-counted buffers standing in
 * for devices (this machine may have no GPU; real CUDA devices: GpuDecodeTest, and CameraCostBench on the GPU
 * machine through bench/gpu-device.sh).
 */
class HwDevicesTest {

    @BeforeAll
    static void natives() {
        FfmpegNatives.load();
    }

    /** Makes a stand-in device and counts how often it was asked to. */
    private static final class CountingMaker implements HwDevices.Maker {
        final AtomicInteger made = new AtomicInteger();

        @Override
        public AVBufferRef make() {
            made.incrementAndGet();
            return av_buffer_alloc(64);
        }
    }

    @Test
    void decodersOfOneTypeShareOneDeviceMadeOnce() throws Exception {
        CountingMaker maker = new CountingMaker();
        try (HwDevices devices = new HwDevices()) {
            AVBufferRef a = devices.reference(AV_HWDEVICE_TYPE_CUDA, maker);
            AVBufferRef b = devices.reference(AV_HWDEVICE_TYPE_CUDA, maker);
            assertThat(maker.made).hasValue(1);
            assertThat(a.data().address()).isEqualTo(b.data().address());
            assertThat(av_buffer_get_ref_count(a)).isEqualTo(3); // the kept one and the two decoders'
            AVBufferRef other = devices.reference(AV_HWDEVICE_TYPE_VAAPI, maker);
            assertThat(maker.made).hasValue(2);
            assertThat(devices.size()).isEqualTo(2);
            av_buffer_unref(a);
            av_buffer_unref(b);
            av_buffer_unref(other);
        }
    }

    @Test
    void aDecoderKeepsItsDeviceAfterTheServiceClosedAndLaterOnesGetTheirOwn() throws Exception {
        CountingMaker maker = new CountingMaker();
        HwDevices devices = new HwDevices();
        AVBufferRef running = devices.reference(AV_HWDEVICE_TYPE_CUDA, maker);
        devices.close();
        assertThat(devices.size()).isZero();
        assertThat(av_buffer_get_ref_count(running)).as("only the running decoder's reference is left").isEqualTo(1);
        AVBufferRef late = devices.reference(AV_HWDEVICE_TYPE_CUDA, maker);
        assertThat(maker.made).hasValue(2);
        assertThat(av_buffer_get_ref_count(late)).as("a device of its own, not kept").isEqualTo(1);
        assertThat(devices.size()).isZero();
        av_buffer_unref(running);
        av_buffer_unref(late);
    }

    @Test
    void aDeviceThatCannotBeMadeIsNotRememberedAndIsTriedAgain() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        try (HwDevices devices = new HwDevices()) {
            HwDevices.Maker failing = () -> {
                tries.incrementAndGet();
                throw new DecoderSetup.Unusable("no CUDA device: no NVIDIA driver found");
            };
            assertThatThrownBy(() -> devices.reference(AV_HWDEVICE_TYPE_CUDA, failing))
                    .hasMessageContaining("no NVIDIA driver found");
            assertThatThrownBy(() -> devices.reference(AV_HWDEVICE_TYPE_CUDA, failing));
            assertThat(tries).hasValue(2);
            assertThat(devices.size()).isZero();
        }
    }
}
