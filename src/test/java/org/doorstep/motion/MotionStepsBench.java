package org.doorstep.motion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the time of motion analysis goes, step by step, on a 640×360 15 fps clip with a walker: decoding (frames that
 * are not analysed included), scaling to the small grey picture, and the detector alone (on pictures decoded
 * beforehand, many rounds so the JIT has settled). Thread CPU time. Run:
 * {@code ./mvnw -o -q -Pbench test -Dtest=MotionStepsBench}.
 */
@Tag("bench")
class MotionStepsBench {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void steps() throws Exception {
        Path sub = ScenarioClip.write(Scenario.walking(30, 2, 10), dir.resolve("sub-30s.mp4"), 640, 360, 15, 2.0);
        java.nio.file.Files.copy(sub, Path.of("target", "motion-steps-sub.mp4"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (int round = 0; round < 3; round++) {
            long c0 = MX.getCurrentThreadCpuTime();
            try (GreyFrameDecoder d = GreyFrameDecoder.open(sub.toString(),
                    GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0.001).withSkipRestOfGop(false))) {
                GreyFrame f = new GreyFrame();
                while (d.next(f)) {
                    // decode only: one picture in 1000 s is scaled
                }
                System.out.printf("decode only: %d decoded, %.3f ms per source frame%n", d.stats().decodedFrames(),
                        (MX.getCurrentThreadCpuTime() - c0) / 1e6 / d.stats().decodedFrames());
            }
        }
        List<GreyFrame> frames = new ArrayList<>();
        long[] cpu = new long[3];
        for (int round = 0; round < 3; round++) {
            frames.clear();
            long c0 = MX.getCurrentThreadCpuTime();
            try (GreyFrameDecoder d = GreyFrameDecoder.open(sub.toString(), GreyFrameDecoder.Options.DEFAULT)) {
                GreyFrame f = new GreyFrame();
                while (d.next(f)) {
                    frames.add(f.copyInto(new GreyFrame()));
                }
                GreyFrameDecoder.Stats s = d.stats();
                cpu[round] = MX.getCurrentThreadCpuTime() - c0;
                System.out.printf("decode + scale at 5 fps: %d of %d decoded (%d after the last due picture "
                                + "before a keyframe not), %d scaled, %.3f ms per source frame%n", s.decodedFrames(),
                        s.packets(), s.undecodedRestOfGop(), s.analysedFrames(), cpu[round] / 1e6 / s.packets());
            }
        }
        for (int round = 0; round < 5; round++) {
            MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT);
            long c0 = MX.getCurrentThreadCpuTime();
            int reps = 20;
            long motion = 0;
            long check = 0;
            for (int r = 0; r < reps; r++) {
                detector.reset();
                for (GreyFrame f : frames) {
                    FrameAnalysis a = detector.analyse(f.pixels(), f.width(), f.height(), f.ptsMicros());
                    motion += a.hasMotion() ? 1 : 0;
                    check = 31 * check + a.score() + a.boxes().hashCode() + Double.hashCode(a.changedFraction());
                }
            }
            long c = MX.getCurrentThreadCpuTime() - c0;
            System.out.printf("detector alone (%dx%d): %.3f ms per analysed picture (%d with motion of %d; results "
                            + "checksum %x)%n", frames.get(0).width(), frames.get(0).height(),
                    c / 1e6 / (reps * frames.size()), motion, reps * frames.size(), check);
        }
    }
}
