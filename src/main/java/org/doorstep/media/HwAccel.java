package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_D3D11VA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_DXVA2;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VIDEOTOOLBOX;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hardware video decoders Doorstep knows how to use. Two mechanisms: FFmpeg's generic hwaccel (the
 * normal h264/hevc decoder given a {@code hw_device_ctx}; frames come back in GPU memory and only the
 * frames we analyse are copied down), or a dedicated decoder by name ({@code h264_cuvid},
 * {@code h264_qsv}).
 */
public enum HwAccel {
    CUDA("cuda", "NVIDIA NVDEC (CUDA hwaccel)", AV_HWDEVICE_TYPE_CUDA, null),
    CUVID("cuvid", "NVIDIA CUVID decoder", AV_HWDEVICE_TYPE_NONE, "_cuvid"),
    QSV("qsv", "Intel Quick Sync", AV_HWDEVICE_TYPE_QSV, "_qsv"),
    VAAPI("vaapi", "VA-API (Intel/AMD)", AV_HWDEVICE_TYPE_VAAPI, null),
    D3D11VA("d3d11va", "Direct3D 11", AV_HWDEVICE_TYPE_D3D11VA, null),
    DXVA2("dxva2", "DXVA2", AV_HWDEVICE_TYPE_DXVA2, null),
    VIDEOTOOLBOX("videotoolbox", "Apple VideoToolbox", AV_HWDEVICE_TYPE_VIDEOTOOLBOX, null);

    private final String id;
    private final String label;
    private final int deviceType;
    private final String decoderSuffix;

    HwAccel(String id, String label, int deviceType, String decoderSuffix) {
        this.id = id;
        this.label = label;
        this.deviceType = deviceType;
        this.decoderSuffix = decoderSuffix;
    }

    /** Settings name, e.g. "cuda". */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** FFmpeg AVHWDeviceType to create, or AV_HWDEVICE_TYPE_NONE. */
    int deviceType() {
        return deviceType;
    }

    /** NVDEC through either path. */
    boolean nvidia() {
        return this == CUDA || this == CUVID;
    }

    /** Suffix of a dedicated decoder (h264 + suffix), or null for the generic hwaccel path. */
    String decoderSuffix() {
        return decoderSuffix;
    }

    public static Optional<HwAccel> byId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (HwAccel a : values()) {
            if (a.id.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Candidates for this operating system, in the order auto-selection tries them. */
    public static List<HwAccel> candidatesForThisPlatform() {
        return candidatesFor(System.getProperty("os.name", ""));
    }

    static List<HwAccel> candidatesFor(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of(D3D11VA, DXVA2, QSV, CUDA);
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return List.of(VIDEOTOOLBOX);
        }
        return List.of(CUDA, CUVID, QSV, VAAPI);
    }
}
