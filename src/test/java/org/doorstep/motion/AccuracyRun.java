package org.doorstep.motion;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.motion.testclip.EventScore;
import org.doorstep.motion.testclip.Scenario;
import org.doorstep.motion.testclip.ScenarioClip;

/** Generates a scenario clip, runs it through the real decode path and detector, scores the events. */
final class AccuracyRun {

    static final Instant CLIP_START = Instant.parse("2026-05-01T12:00:00Z");

    record Outcome(Scenario scenario, List<MotionEvent> events, EventScore score, long recalibrations) {
    }

    private AccuracyRun() {
    }

    static Outcome run(Scenario scenario, Path dir, int width, int height, int fps) throws Exception {
        Path clip = ScenarioClip.write(scenario, dir.resolve(scenario.name() + ".mp4"), width, height, fps, 2.0);
        return analyse(scenario, clip, DetectorSettings.DEFAULT.withMask(scenario.mask()));
    }

    static Outcome analyse(Scenario scenario, Path clip, DetectorSettings settings) throws Exception {
        List<MotionEvent> events = new ArrayList<>();
        MotionListener listener = new MotionListener() {
            @Override
            public void eventEnded(MotionEvent event) {
                events.add(event);
            }
        };
        MotionPipeline pipeline = new MotionPipeline(clip.toString(), GreyFrameDecoder.Options.DEFAULT, settings,
                EventSettings.DEFAULT, listener, java.time.Duration.ofSeconds(1));
        pipeline.runFile(CLIP_START);
        return new Outcome(scenario, events, EventScore.of(scenario.truthEvents(
                EventSettings.DEFAULT.joinGap().toMillis() / 1000.0),
                events, CLIP_START), 0);
    }

    static String describe(Outcome o) {
        StringBuilder sb = new StringBuilder(o.scenario().name()).append(": truth=").append(o.score().truths())
                .append(" detected=").append(o.score().detected()).append(" tp=").append(o.score().truePositives())
                .append(" missed=").append(o.score().missed());
        for (MotionEvent e : o.events()) {
            sb.append(String.format(" [%.1f-%.1f peak %d]",
                    (e.start().toEpochMilli() - CLIP_START.toEpochMilli()) / 1000.0,
                    (e.end().toEpochMilli() - CLIP_START.toEpochMilli()) / 1000.0, e.peakScore()));
        }
        return sb.toString();
    }
}
