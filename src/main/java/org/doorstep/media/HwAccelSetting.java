package org.doorstep.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user's hardware-decode setting: {@code auto} (the verified accelerators of this machine, in
 * platform order), {@code off} (software only) or one accelerator pinned by name.
 *
 * @param mode   AUTO, OFF or PINNED
 * @param pinned the accelerator when PINNED, else null
 */
public record HwAccelSetting(Mode mode, HwAccel pinned) {

    public enum Mode { AUTO, OFF, PINNED }

    public static final HwAccelSetting AUTO = new HwAccelSetting(Mode.AUTO, null);
    public static final HwAccelSetting OFF = new HwAccelSetting(Mode.OFF, null);

    public static HwAccelSetting parse(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("off") || t.equals("none") || t.equals("software")) {
            return OFF;
        }
        return HwAccel.byId(t).map(a -> new HwAccelSetting(Mode.PINNED, a))
                .orElseThrow(() -> new IllegalArgumentException("unknown hardware decoder: " + text
                        + " (use auto, off or one of " + List.of(HwAccel.values()) + ")"));
    }

    /** The setting, or empty where it cannot be read (written by a newer version or by hand). */
    public static Optional<HwAccelSetting> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Accelerators a decoder of one camera's stream should try, in order: the camera's own setting, where an
     * unreadable one counts as "auto"; a sub stream as {@link #resolveForSubStream}, a main stream as {@link #resolve}.
     * Motion analysis and the live view both ask here, so a camera's stream is decoded the same way in both.
     *
     * @param cameraSetting the camera's stored setting (null or blank: auto)
     * @param subStream     whether the stream is the camera's sub stream
     * @param working       accelerators verified on this machine, in preference order
     */
    public static List<HwAccel> forCameraStream(String cameraSetting, boolean subStream, List<HwAccel> working) {
        HwAccelSetting setting = tryParse(cameraSetting).orElse(AUTO);
        return subStream ? setting.resolveForSubStream(working) : setting.resolve(working);
    }

    /**
     * Accelerators a decoder should try, in order; the decoder falls back to software after them.
     *
     * @param working accelerators verified on this machine (from {@link DecoderProbe}), in preference order
     */
    public List<HwAccel> resolve(List<HwAccel> working) {
        return switch (mode) {
            case OFF -> List.of();
            case PINNED -> List.of(pinned);
            case AUTO -> List.copyOf(working);
        };
    }

    /**
     * The same for a camera's small sub stream: "auto" leaves NVIDIA's decoders out. Measured on an H200 machine
     * (CameraCostBench, pair mode, 4 cameras, one run each way): with NVDEC decoding the 640x360 sub streams Doorstep
     * took 119.1 cpu-s per camera-hour and 395 MB in all, in software 79.8 and 256 MB — the decode thread saved a
     * fifth, the CUDA side (context, frame pools, driver threads) cost far more. Other accelerators were not
     * measured and stay; a pinned one is used as pinned.
     */
    public List<HwAccel> resolveForSubStream(List<HwAccel> working) {
        if (mode != Mode.AUTO) {
            return resolve(working);
        }
        return working.stream().filter(a -> !a.nvidia()).toList();
    }

    @Override
    public String toString() {
        return mode == Mode.PINNED ? pinned.id() : mode.name().toLowerCase(Locale.ROOT);
    }
}
