package org.doorstep.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything {@code doorstep doctor} reports about video decoding: the FFmpeg build, each hardware
 * decoder candidate of this platform (verified by decoding a generated clip), and decode speeds.
 */
public final class DecoderDoctor {

    public static final int CLIP_WIDTH = 1280;
    public static final int CLIP_HEIGHT = 720;
    public static final int CLIP_FPS = 30;
    public static final int CLIP_FRAMES = 60;

    /**
     * @param checkedAt  when the check ran
     * @param platform   operating system and architecture
     * @param build      FFmpeg build facts
     * @param decoders   software first, then each platform candidate
     * @param working    accelerators auto-selection would use, in order
     */
    public record Report(Instant checkedAt, String platform, DecoderProbe.Build build,
                         List<DecoderProbe.Result> decoders, List<HwAccel> working) {
    }

    private DecoderDoctor() {
    }

    /**
     * Runs all checks. Writes the test clip into a temporary folder that is removed afterwards.
     *
     * @param progress told what is being checked (may be null)
     */
    public static Report run(Consumer<String> progress) throws DecodeException {
        FfmpegNatives.load();
        Path dir;
        try {
            dir = Files.createTempDirectory("doorstep-doctor");
        } catch (IOException e) {
            throw new DecodeException("Cannot create a temporary folder.", e);
        }
        try {
            if (progress != null) {
                progress.accept("clip");
            }
            Path clip = DecoderProbe.writeTestClip(dir.resolve("probe.mp4"), CLIP_WIDTH, CLIP_HEIGHT, CLIP_FPS,
                    CLIP_FRAMES);
            DecoderProbe probe = new DecoderProbe(clip);
            List<DecoderProbe.Result> results = probe.probeAll(HwAccel.candidatesForThisPlatform(), true, progress);
            return new Report(Instant.now(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    DecoderProbe.build(), results, DecoderProbe.working(results));
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The hardware decoders auto-selection may use on this machine, verified by decoding a small clip
     * (no speed measurement; about a second). Run once at start-up; feed the result to
     * {@link HwAccelSetting#resolve}.
     */
    public static List<HwAccel> detectWorking() throws DecodeException {
        FfmpegNatives.load();
        Path dir;
        try {
            dir = Files.createTempDirectory("doorstep-hwprobe");
        } catch (IOException e) {
            throw new DecodeException("Cannot create a temporary folder.", e);
        }
        try {
            Path clip = DecoderProbe.writeTestClip(dir.resolve("probe.mp4"), 640, 360, 30, 15);
            return DecoderProbe.working(new DecoderProbe(clip).probeAll(HwAccel.candidatesForThisPlatform(), false,
                    null));
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
