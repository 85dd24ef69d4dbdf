package org.doorstep.usecase.doctor;

import java.util.List;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.media.DecodeException;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwAccelSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What this machine can do with video: the FFmpeg build, which hardware decoders work (or why not) and how fast. */
public final class MachineCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MachineCheck.class);

    /** Finds the hardware decoders that work here (decodes a test clip with each candidate). */
    @FunctionalInterface
    public interface Prober {
        List<HwAccel> working() throws DecodeException;
    }

    private final Prober prober;
    private final java.util.function.Supplier<String> ffmpegVersion;

    public MachineCheck() {
        this(DecoderDoctor::detectWorking, () -> org.doorstep.media.DecoderProbe.build().version());
    }

    public MachineCheck(Prober prober, java.util.function.Supplier<String> ffmpegVersion) {
        this.prober = prober;
        this.ffmpegVersion = ffmpegVersion;
    }

    /** Runs every check; {@code progress} hears each step's name ("clip", then each decoder). */
    public DecoderDoctor.Report report(Consumer<String> progress) {
        try {
            return DecoderDoctor.run(progress);
        } catch (DecodeException e) {
            throw new UserException(Messages.of("motion").get("doctor.error.clip", e.getMessage()));
        }
    }

    /**
     * Which encoder a camera with privacy masks uses here and what one masked 1080p15 camera costs with it
     * (measured on a generated clip; a few seconds).
     */
    public MaskingCheck masking() {
        List<org.doorstep.media.H264Encoders.Result> encoders = org.doorstep.media.H264Encoders.probeAll();
        String chosen = org.doorstep.media.H264Encoders.choose(encoders);
        if (chosen == null) {
            return new MaskingCheck(encoders, null, null, null);
        }
        try {
            return new MaskingCheck(encoders, chosen, org.doorstep.media.MaskingCost.measureFullHd(chosen), null);
        } catch (DecodeException | RuntimeException e) {
            LOG.warn("privacy-mask cost not measured: {}", e.getMessage());
            return new MaskingCheck(encoders, chosen, null, e.getMessage());
        }
    }

    /** The hardware decoders the setting allows, verified on this machine when the choice is automatic. */
    public List<HwAccel> hardwareDecoders(String setting) {
        HwAccelSetting choice;
        try {
            choice = HwAccelSetting.parse(setting);
        } catch (IllegalArgumentException e) {
            LOG.warn("unknown hardware decoder setting '{}': decoding in software", setting);
            return List.of();
        }
        if (choice.mode() != HwAccelSetting.Mode.AUTO) {
            return choice.resolve(List.of());
        }
        try {
            return choice.resolve(prober.working());
        } catch (DecodeException | RuntimeException e) {
            LOG.info("no hardware decoder check possible ({}): decoding in software", e.getMessage());
            return List.of();
        }
    }

    /**
     * As {@link #hardwareDecoders(String)}, with the automatic choice's probe kept in {@code cacheFile}: it runs once
     * per machine and FFmpeg version (and again after 30 days), not at every start.
     */
    public List<HwAccel> hardwareDecoders(String setting, java.nio.file.Path cacheFile) {
        HwAccelSetting choice;
        try {
            choice = HwAccelSetting.parse(setting);
        } catch (IllegalArgumentException e) {
            return hardwareDecoders(setting);
        }
        if (choice.mode() != HwAccelSetting.Mode.AUTO) {
            return choice.resolve(List.of());
        }
        HwProbeCache cache;
        try {
            cache = new HwProbeCache(cacheFile, HwProbeCache.machineKey(ffmpegVersion.get()),
                    java.time.Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.info("hardware-decoder cache unusable ({}): probing", e.getMessage());
            return hardwareDecoders(setting);
        }
        java.util.Optional<List<HwAccel>> kept = cache.read();
        if (kept.isPresent()) {
            return choice.resolve(kept.get());
        }
        try {
            List<HwAccel> working = prober.working();
            cache.write(working);
            return choice.resolve(working);
        } catch (DecodeException | RuntimeException e) {
            LOG.info("no hardware decoder check possible ({}): decoding in software", e.getMessage());
            return List.of();
        }
    }
}
