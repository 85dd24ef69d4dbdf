package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_hw_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_get_type_name;

import java.io.File;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecHWConfig;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;

/**
 * What a decoder needs before {@code avcodec_open2}: the decoder itself (a dedicated one such as h264_cuvid, or the
 * normal one), and for FFmpeg's generic hwaccel the device and the pixel format its frames come back in. The only
 * place that creates hardware devices, so every decoder gets the same checks and the same explanations; failures come
 * back as reasons a person can act on ("no NVIDIA driver found") rather than "Operation not permitted".
 */
final class DecoderSetup implements AutoCloseable {

    /** Why an accelerator cannot be used here. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    private final AVCodec decoder;
    private final int hwPixelFormat;
    private AVBufferRef device;

    private DecoderSetup(AVCodec decoder, int hwPixelFormat, AVBufferRef device) {
        this.decoder = decoder;
        this.hwPixelFormat = hwPixelFormat;
        this.device = device;
    }

    /**
     * Finds the decoder for {@code codecId} and, for a hardware accelerator, its device: the shared one of
     * {@code shared}, or one of its own.
     *
     * @param accel  null for the software decoder
     * @param shared the devices this decoder's service shares; null: a device of its own (probes, tests)
     */
    static DecoderSetup prepare(int codecId, HwAccel accel, HwDevices shared) throws Unusable {
        AVCodec decoder = findDecoder(codecId, accel);
        if (accel == null || accel.deviceType() == AV_HWDEVICE_TYPE_NONE) {
            return new DecoderSetup(decoder, AV_PIX_FMT_NONE, null);
        }
        return withDevice(decoder, accel, shared);
    }

    private static AVCodec findDecoder(int codecId, HwAccel accel) throws Unusable {
        String codecName = avcodec_get_name(codecId).getString();
        if (accel == null || accel.decoderSuffix() == null) {
            AVCodec decoder = avcodec_find_decoder(codecId);
            if (decoder == null) {
                throw new Unusable("no decoder for " + codecName);
            }
            return decoder;
        }
        String name = codecName + accel.decoderSuffix();
        AVCodec decoder = avcodec_find_decoder_by_name(name);
        if (decoder == null) {
            throw new Unusable("decoder " + name + " is not in this FFmpeg build");
        }
        return decoder;
    }

    private static DecoderSetup withDevice(AVCodec decoder, HwAccel accel, HwDevices shared) throws Unusable {
        String deviceName = av_hwdevice_get_type_name(accel.deviceType()).getString();
        int pixelFormat = AV_PIX_FMT_NONE;
        for (int i = 0; ; i++) {
            AVCodecHWConfig config = avcodec_get_hw_config(decoder, i);
            if (config == null) {
                break;
            }
            if ((config.methods() & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0
                    && config.device_type() == accel.deviceType()) {
                pixelFormat = config.pix_fmt();
                break;
            }
        }
        if (pixelFormat == AV_PIX_FMT_NONE) {
            throw new Unusable("the " + decoder.name().getString() + " decoder of this FFmpeg build cannot use "
                    + deviceName);
        }
        AVBufferRef device = shared == null ? newDevice(accel, deviceName)
                : shared.reference(accel.deviceType(), () -> newDevice(accel, deviceName));
        return new DecoderSetup(decoder, pixelFormat, device);
    }

    private static AVBufferRef newDevice(HwAccel accel, String deviceName) throws Unusable {
        AVBufferRef device = new AVBufferRef(null);
        FfmpegLog.beginCapture();
        int r = av_hwdevice_ctx_create(device, accel.deviceType(), (String) null, null, 0);
        String said = FfmpegLog.endCapture();
        if (r < 0) {
            throw new Unusable("no " + deviceName.toUpperCase(Locale.ROOT) + " device: " + explain(said, r, accel));
        }
        return device;
    }

    AVCodec decoder() {
        return decoder;
    }

    /** The pixel format of frames still in GPU memory, or AV_PIX_FMT_NONE when frames come back in RAM. */
    int hwPixelFormat() {
        return hwPixelFormat;
    }

    /** Gives the codec context its own reference to the device (it outlives this setup only if the codec does). */
    void attachTo(AVCodecContext codec) {
        if (device != null) {
            codec.hw_device_ctx(av_buffer_ref(device));
        }
    }

    /**
     * FFmpeg's first error line of the failed call, then the error code's text, then a hint about the cause when
     * the machine obviously lacks the hardware: "Operation not permitted" alone explains nothing.
     */
    static String explain(String said, int code, HwAccel accel) {
        String text = FfmpegErrors.text(code);
        String base = said == null ? text : said.replaceFirst("^\\[[^]]*\\]\\s*", "") + " (" + text + ")";
        return base + driverHint(accel);
    }

    private static String driverHint(HwAccel accel) {
        if ((accel == HwAccel.CUDA || accel == HwAccel.CUVID) && !NvidiaDevices.present()) {
            return " (no NVIDIA driver found)";
        }
        if ((accel == HwAccel.VAAPI || accel == HwAccel.QSV) && !hasRenderNode()) {
            return " (no GPU render device in /dev/dri)";
        }
        return "";
    }

    static boolean hasRenderNode() {
        File[] nodes = new File("/dev/dri").listFiles((d, n) -> n.startsWith("renderD"));
        return nodes != null && nodes.length > 0
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    @Override
    public void close() {
        if (device != null) {
            av_buffer_unref(device);
            device = null;
        }
    }
}
