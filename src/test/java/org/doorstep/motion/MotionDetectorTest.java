package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.SceneRenderer;
import org.doorstep.motion.testclip.Walker;
import org.junit.jupiter.api.Test;

class MotionDetectorTest {

    private static final int W = 256;
    private static final int H = 144;
    private static final int FPS = 5;

    /** Runs a scenario straight into the detector (no codec) and returns each frame's result. */
    private static List<FrameAnalysis> run(Scenario scenario, MotionDetector detector) {
        SceneRenderer renderer = new SceneRenderer(scenario, W, H, FPS);
        byte[] frame = new byte[W * H];
        List<FrameAnalysis> out = new ArrayList<>();
        for (int i = 0; i < renderer.frameCount(); i++) {
            renderer.render(i, frame);
            out.add(detector.analyse(frame, W, H));
        }
        return out;
    }

    @Test
    void sensorNoiseAloneIsNotMotion() {
        List<FrameAnalysis> results = run(Scenario.staticNoise(30), new MotionDetector(DetectorSettings.DEFAULT));
        assertThat(results).noneMatch(FrameAnalysis::hasMotion);
        assertThat(results.subList(20, results.size())).allMatch(r -> !r.calibrating());
    }

    @Test
    void walkingPersonGivesABoxWhereThePersonIs() {
        Walker walker = new Walker(2, 8, true, 0.95, 0.45, 0.08);
        Scenario scenario = new Scenario("one", 12, Scenario.constant(0.8), List.of(walker), null, MotionMask.NONE, 3);
        List<FrameAnalysis> results = run(scenario, new MotionDetector(DetectorSettings.DEFAULT));

        int mid = (int) (6.0 * FPS); // half-way across
        FrameAnalysis r = results.get(mid);
        assertThat(r.hasMotion()).isTrue();
        Box box = r.boxes().get(0);
        double centreX = walker.leftAt(6.0, (double) W / H) + walker.width() / ((double) W / H) / 2;
        double centreY = walker.footY() - walker.height() / 2;
        assertThat(box.contains(centreX, centreY)).as("box %s holds %.2f,%.2f", box, centreX, centreY).isTrue();
        assertThat(box.height()).isBetween(walker.height() * 0.6, walker.height() * 1.3);
        assertThat(r.score()).isBetween(1, 100);
        // nothing before the walker enters
        assertThat(results.subList(0, 2 * FPS)).noneMatch(FrameAnalysis::hasMotion);
    }

    @Test
    void maskedLeavesAreIgnoredButSeenWithoutMask() {
        Scenario scenario = Scenario.maskedLeaves(20);
        List<FrameAnalysis> masked = run(scenario,
                new MotionDetector(DetectorSettings.DEFAULT.withMask(scenario.mask())));
        assertThat(masked).noneMatch(FrameAnalysis::hasMotion);

        List<FrameAnalysis> unmasked = run(scenario, new MotionDetector(DetectorSettings.DEFAULT));
        assertThat(unmasked.stream().filter(FrameAnalysis::hasMotion).count()).isGreaterThan(unmasked.size() / 2);
        FrameAnalysis any = unmasked.stream().filter(FrameAnalysis::hasMotion).findFirst().orElseThrow();
        assertThat(any.boxes().get(0).centreX()).isGreaterThan(0.69);
        assertThat(any.boxes().get(0).centreY()).isLessThan(0.42);
    }

    @Test
    void suddenLightSwitchRecalibratesInsteadOfReportingMotion() {
        MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT);
        List<FrameAnalysis> results = run(Scenario.lightSwitch(40), detector);
        assertThat(results).noneMatch(FrameAnalysis::hasMotion);
        assertThat(detector.recalibrations()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void slowLightRampIsAbsorbed() {
        MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT);
        List<FrameAnalysis> results = run(Scenario.lightRamp(60), detector);
        assertThat(results).noneMatch(FrameAnalysis::hasMotion);
        assertThat(detector.recalibrations()).isZero();
    }

    /**
     * Something put down that stays (a parcel on the step, or the place where a visitor waited and the background
     * partly took them in) is motion while it comes, then re-learnt within seconds: it blended in ten times slower
     * than the rest and counted as motion for minutes, holding events open.
     */
    @Test
    void aChangeThatStaysStopsCountingWithinSeconds() {
        for (int fps : new int[] {5, 15}) {
            SceneRenderer renderer = new SceneRenderer(Scenario.staticNoise(30), W, H, fps);
            MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT);
            byte[] frame = new byte[W * H];
            List<FrameAnalysis> results = new ArrayList<>();
            for (int i = 0; i < renderer.frameCount(); i++) {
                renderer.render(i, frame);
                if (i >= 5 * fps) {
                    for (int y = H / 2; y < H / 2 + 30; y++) {
                        java.util.Arrays.fill(frame, y * W + W / 3, y * W + W / 3 + 40, (byte) 30);
                    }
                }
                results.add(detector.analyse(frame, W, H, i * 1_000_000L / fps));
            }
            assertThat(results.get(5 * fps + 1).hasMotion()).as("at %d fps, just put down", fps).isTrue();
            List<FrameAnalysis> later = results.subList(10 * fps, results.size());
            assertThat(later).as("at %d fps, 5 s and more after it was put down", fps)
                    .noneMatch(FrameAnalysis::hasMotion);
        }
    }

    @Test
    void sensitivityMapsToStricterOrLooserThresholds() {
        assertThat(new Sensitivity(1).pixelThreshold()).isGreaterThan(new Sensitivity(10).pixelThreshold());
        assertThat(new Sensitivity(1).minRegionFraction()).isGreaterThan(new Sensitivity(10).minRegionFraction());
        assertThat(Sensitivity.parse("high").level()).isGreaterThan(Sensitivity.parse("low").level());
    }

    @Test
    void frameWithoutMotionAllocatesNoBoxes() {
        MotionDetector detector = new MotionDetector(DetectorSettings.DEFAULT);
        List<FrameAnalysis> results = run(Scenario.staticNoise(5), detector);
        assertThat(results.get(results.size() - 1).boxes()).isEmpty();
    }
}
