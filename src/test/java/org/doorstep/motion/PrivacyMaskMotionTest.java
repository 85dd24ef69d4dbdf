package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Privacy masks are blacked out before analysis: no motion from them, and thumbnails show them black. */
class PrivacyMaskMotionTest {

    @TempDir
    Path dir;

    @Test
    void aPrivacyMaskedWalkerCausesNoEventAndIsBlackInEveryAnalysedPicture() throws Exception {
        Path clip = ScenarioClip.write(Scenario.walking(12, 1, 20), dir.resolve("walk.mp4"), 320, 180, 15, 1.0);
        Run unmasked = run(clip, MotionMask.NONE);
        assertThat(unmasked.events).as("the walker is seen without a mask").isNotEmpty();

        Run everything = run(clip, new MotionMask(List.of(MotionMask.Polygon.rectangle(0, 0, 1, 1))));
        assertThat(everything.events).isEmpty();
        assertThat(everything.brightestMasked).isZero();

        Run leftHalf = run(clip, new MotionMask(List.of(MotionMask.Polygon.rectangle(0, 0, 0.5, 1))));
        assertThat(leftHalf.brightestMasked).as("left half").isZero();
        assertThat(leftHalf.brightestOutside).as("right half").isGreaterThan(30);
    }

    private record Run(List<MotionEvent> events, int brightestMasked, int brightestOutside) {}

    private static Run run(Path clip, MotionMask privacy) throws Exception {
        List<MotionEvent> events = new ArrayList<>();
        int[] brightest = new int[2];
        MotionListener listener = new MotionListener() {
            @Override
            public void eventEnded(MotionEvent event) {
                events.add(event);
            }

            @Override
            public void frame(Instant at, FrameAnalysis analysis, GreyFrame picture) {
                byte[] keep = privacy.isEmpty() ? null : privacy.raster(picture.width(), picture.height());
                for (int i = 0; i < picture.width() * picture.height(); i++) {
                    int v = picture.pixels()[i] & 0xff;
                    int slot = keep != null && keep[i] == 0 ? 0 : 1;
                    brightest[slot] = Math.max(brightest[slot], v);
                }
            }
        };
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), GreyFrameDecoder.Options.DEFAULT,
                DetectorSettings.DEFAULT.withMask(privacy), EventSettings.DEFAULT, listener, Duration.ofSeconds(1),
                privacy);
        pipeline.runFile(Instant.parse("2026-05-01T08:00:00Z"));
        return new Run(events, brightest[0], brightest[1]);
    }
}
