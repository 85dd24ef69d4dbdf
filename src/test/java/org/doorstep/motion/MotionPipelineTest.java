package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionPipelineTest {

    @TempDir
    Path dir;

    /**
     * Live mode on a file: the file decodes far faster than real time, so a deliberately slow listener
     * makes analysis fall behind. Frames must then be dropped (never queued up), decoding must go on,
     * and stopping must deliver the open event.
     */
    @Test
    void liveAnalysisDropsFramesWhenBehindAndStopsCleanly() throws Exception {
        Path clip = ScenarioClip.write(Scenario.walking(12, 1, 20), dir.resolve("live.mp4"), 320, 180, 15, 1.0);
        List<MotionEvent> events = new CopyOnWriteArrayList<>();
        List<Instant> frames = new CopyOnWriteArrayList<>();
        MotionListener slow = new MotionListener() {
            @Override
            public void frame(Instant at, FrameAnalysis analysis, org.doorstep.media.GreyFrame picture) {
                frames.add(at);
                try {
                    Thread.sleep(20); // slower than the file decodes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void eventEnded(MotionEvent event) {
                events.add(event);
            }
        };
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), GreyFrameDecoder.Options.DEFAULT,
                DetectorSettings.DEFAULT, EventSettings.DEFAULT, slow, Duration.ofHours(1));
        pipeline.start();
        // 12 s at 5 fps = 60 due frames; each is either analysed or dropped
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.stats().reconnects() >= 1);
        long t0 = System.nanoTime();
        pipeline.close();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        MotionPipeline.Stats stats = pipeline.stats();
        assertThat(stats.analysed() + stats.droppedBehind()).isBetween(58L, 61L);
        assertThat(stats.droppedBehind()).isPositive();
        assertThat(stats.analysed()).isEqualTo(frames.size());
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i)).isAfter(frames.get(i - 1));
        }
        assertThat(stats.hwAccel()).isEqualTo("software");
    }

    @Test
    void fileModeAnalysesEveryDueFrameAndFindsTheWalker() throws Exception {
        Path clip = ScenarioClip.write(Scenario.walking(12, 1, 20), dir.resolve("file.mp4"), 320, 180, 15, 1.0);
        List<MotionEvent> events = new CopyOnWriteArrayList<>();
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), GreyFrameDecoder.Options.DEFAULT,
                DetectorSettings.DEFAULT, EventSettings.DEFAULT, new MotionListener() {
                    @Override
                    public void eventEnded(MotionEvent event) {
                        events.add(event);
                    }
                }, Duration.ofSeconds(1));
        Instant start = Instant.parse("2026-05-01T08:00:00Z");
        pipeline.runFile(start);
        assertThat(pipeline.stats().analysed()).isEqualTo(60);
        assertThat(pipeline.stats().droppedBehind()).isZero();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).start()).isBetween(start.plusMillis(800), start.plusSeconds(2));
    }
}
