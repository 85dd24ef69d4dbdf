package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.sim.ClipKind;
import org.doorstep.sim.ScriptedScene;
import org.doorstep.sim.StreamCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual doorbell's porch through the real decoder and detector: a slow light ramp, then two visitors who
 * each leave at the frame edge, 17 s apart. Each visit is its own event, ending within the quiet period after
 * the visitor is gone (it was one event spanning both: the background had not caught up with the ramp).
 */
class PorchSceneMotionTest {
    static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
    static final List<ClipKind> RAMP_THEN_TWO_VISITS = List.of(ClipKind.LIGHT, ClipKind.VISIT, ClipKind.IDLE,
            ClipKind.IDLE, ClipKind.VISIT, ClipKind.IDLE, ClipKind.IDLE);

    @TempDir
    Path dir;

    @Test
    void twoVisitorsAfterALightRampAreTwoEventsWithTheirOwnEnds() throws Exception {
        check(run(dir, 640, 360, 15, 0, RAMP_THEN_TWO_VISITS));
    }

    @Test
    void sameWithBFrames() throws Exception {
        check(run(dir, 320, 180, 15, 2, RAMP_THEN_TWO_VISITS));
    }

    /** Dusk: the light falls slowly to 45 % over 40 s, then two visitors whose visits are 14 s apart. */
    @Test
    void twoVisitorsAfterDuskAreTwoEvents() throws Exception {
        ScriptedScene.Result scene = new ScriptedScene(Path.of("target", "sim-cache").toAbsolutePath()).render(
                dir.resolve("dusk.mp4"), 320, 180, 15, DUSK_THEN_TWO_VISITS);
        check(analyse(scene, scene.file()));
    }

    static final List<ScriptedScene.Part> DUSK_THEN_TWO_VISITS = List.of(
            ScriptedScene.Part.idle(4, 1.0), ScriptedScene.Part.ramp(40, 1.0, 0.45),
            ScriptedScene.Part.visit(0.45), ScriptedScene.Part.idle(14, 0.45), ScriptedScene.Part.visit(0.45),
            ScriptedScene.Part.idle(12, 0.45));

    static void check(Outcome o) {
        String said = o.describe();
        System.out.println(said);
        assertThat(o.events()).as(said).hasSize(o.scene().visitors().size());
        Duration quiet = EventSettings.DEFAULT.quietPeriod();
        for (int i = 0; i < o.events().size(); i++) {
            MotionEvent e = o.events().get(i);
            ScriptedScene.Visitor v = o.scene().visitors().get(i);
            double start = seconds(e.start());
            double end = seconds(e.end());
            assertThat(start).as(said).isBetween(v.arrives() - 1.0, v.arrives() + 2.0);
            assertThat(end).as(said).isBetween(v.leaves() - 2.0, v.leaves() + quiet.toSeconds() + 1.0);
        }
    }

    record Outcome(ScriptedScene.Result scene, List<MotionEvent> events) {
        String describe() {
            StringBuilder sb = new StringBuilder("visitors");
            scene.visitors().forEach(v -> sb.append(String.format(" [%.1f-%.1f]", v.arrives(), v.leaves())));
            sb.append(", events");
            events.forEach(e -> sb.append(String.format(" [%.1f-%.1f]", seconds(e.start()), seconds(e.end()))));
            return sb.toString();
        }
    }

    static double seconds(Instant t) {
        return Duration.between(START, t).toMillis() / 1000.0;
    }

    /** Writes the scripted porch, puts it into an MP4 (with timestamps) and runs the real motion pipeline on it. */
    static Outcome run(Path dir, int w, int h, int fps, int bframes, List<ClipKind> script) throws Exception {
        String name = "porch-" + w + "x" + h + "-b" + bframes + "-" + script.size();
        ScriptedScene.Result scene = new ScriptedScene(Path.of("target", "sim-cache").toAbsolutePath())
                .write(dir.resolve(name + ".h264"), w, h, fps, bframes, script);
        Path mp4 = dir.resolve(name + ".mp4");
        StreamCheck.Result r = StreamCheck.run(org.bytedeco.ffmpeg.ffmpeg.class, "-hide_banner", "-nostdin", "-v",
                "error", "-y", "-fflags", "+genpts", "-r", Integer.toString(fps), "-i", scene.file().toString(), "-c", "copy",
                mp4.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        return analyse(scene, mp4);
    }

    static Outcome analyse(ScriptedScene.Result scene, Path mp4) throws Exception {
        List<MotionEvent> events = new ArrayList<>();
        MotionPipeline pipeline = new MotionPipeline(mp4.toString(), GreyFrameDecoder.Options.DEFAULT,
                DetectorSettings.DEFAULT, EventSettings.DEFAULT, new MotionListener() {
                    @Override
                    public void eventEnded(MotionEvent event) {
                        events.add(event);
                    }
                }, Duration.ofSeconds(1));
        pipeline.runFile(START);
        return new Outcome(scene, events);
    }
}
