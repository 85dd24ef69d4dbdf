package org.doorstep.motion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.motion.testclip.EventScore;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-level precision and recall over generated clips with ground truth, decoded through the real
 * FFmpeg path at sub-stream size. Run: {@code ./mvnw -Pbench test -Dtest=MotionAccuracyBenchmark}.
 * Targets: precision and recall ≥ 0.95; zero events from light ramps, light switches and masked leaves.
 */
@Tag("bench")
class MotionAccuracyBenchmark {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FPS = 15;

    @TempDir
    Path dir;

    @Test
    void precisionAndRecall() throws Exception {
        List<Scenario> scenarios = List.of(
                Scenario.walking(240, 4, 20),
                Scenario.walkingWithLeavesAndRamp(240, 5, 21),
                Scenario.farWalkers(200, 3, 28),
                Scenario.staticNoise(120),
                Scenario.lightRamp(180),
                Scenario.lightSwitch(120),
                Scenario.maskedLeaves(120));
        Map<Scenario, Path> clips = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Scenario s : scenarios) {
            clips.put(s, ScenarioClip.write(s, dir.resolve(s.name() + ".mp4"), W, H, FPS, 2.0));
        }
        System.out.printf("generated %d clips (%dx%d %d fps H.264) in %.1f s%n", clips.size(), W, H, FPS,
                (System.nanoTime() - t0) / 1e9);

        for (int level : new int[] {3, 5, 8}) {
            EventScore total = new EventScore(0, 0, 0, 0);
            int falseFromNonPeople = 0;
            List<String> lines = new ArrayList<>();
            for (Map.Entry<Scenario, Path> e : clips.entrySet()) {
                Scenario s = e.getKey();
                DetectorSettings settings = DetectorSettings.DEFAULT.withMask(s.mask())
                        .withSensitivity(new Sensitivity(level));
                AccuracyRun.Outcome o = AccuracyRun.analyse(s, e.getValue(), settings);
                total = total.plus(o.score());
                if (s.walkers().isEmpty()) {
                    falseFromNonPeople += o.events().size();
                }
                lines.add("  " + AccuracyRun.describe(o));
            }
            System.out.printf("%nsensitivity %d%s: precision %.3f  recall %.3f  (truth %d, detected %d, "
                            + "true %d, missed %d)  events from ramps/switches/leaves/noise: %d%n",
                    level, level == 5 ? " (default)" : "", total.precision(), total.recall(), total.truths(),
                    total.detected(), total.truePositives(), total.missed(), falseFromNonPeople);
            lines.forEach(System.out::println);
        }
    }
}
