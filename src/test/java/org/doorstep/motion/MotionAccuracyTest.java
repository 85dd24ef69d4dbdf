package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.doorstep.motion.testclip.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short versions of the accuracy-benchmark clips, through the real H.264 encode → FFmpeg decode →
 * detector → event path at a sub-stream size.
 */
class MotionAccuracyTest {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FPS = 15;

    @TempDir
    Path dir;

    @Test
    void findsEachWalkingPersonOnce() throws Exception {
        AccuracyRun.Outcome o = AccuracyRun.run(Scenario.walking(36, 3, 17), dir, W, H, FPS);
        System.out.println(AccuracyRun.describe(o));
        assertThat(o.score().truths()).isEqualTo(2);
        assertThat(o.score().missed()).as(AccuracyRun.describe(o)).isZero();
        assertThat(o.score().falsePositives()).as(AccuracyRun.describe(o)).isZero();
        MotionEvent first = o.events().get(0);
        assertThat(first.peakScore()).isPositive();
        assertThat(first.box()).isNotNull();
        assertThat(first.peakAt()).isBetween(first.start(), first.end());
    }

    @Test
    void lightRampGivesNoEvent() throws Exception {
        AccuracyRun.Outcome o = AccuracyRun.run(Scenario.lightRamp(20), dir, W, H, FPS);
        assertThat(o.events()).as(AccuracyRun.describe(o)).isEmpty();
    }

    @Test
    void lightSwitchGivesNoEvent() throws Exception {
        AccuracyRun.Outcome o = AccuracyRun.run(Scenario.lightSwitch(20), dir, W, H, FPS);
        assertThat(o.events()).as(AccuracyRun.describe(o)).isEmpty();
    }

    @Test
    void maskedLeavesGiveNoEvent() throws Exception {
        AccuracyRun.Outcome o = AccuracyRun.run(Scenario.maskedLeaves(20), dir, W, H, FPS);
        assertThat(o.events()).as(AccuracyRun.describe(o)).isEmpty();
    }
}
