package org.doorstep.motion;

import java.nio.file.Path;
import java.util.List;
import org.doorstep.sim.ScriptedScene;
import org.doorstep.sim.ScriptedScene.FieldCamera;
import org.doorstep.sim.ScriptedScene.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The porch as a field camera delivers it (issue 14, "motion on a realistic scene"): a sub stream at 5 frames a
 * second, low bit rate with a 2 s GOP, temporal noise, stepping auto-exposure, the visitor's shadow — and a first
 * visitor who waits 25 s at the door after ringing while dusk goes on. The background under a waiting visitor
 * blended in slowly, so the "ghost" they left behind stayed different from the picture and counted as motion for
 * minutes: both visits became one event running from the first arrival to after the second had left.
 */
class FieldPorchMotionTest {
    static final List<Part> DUSK_THEN_WAITING_VISITOR_THEN_ANOTHER = List.of(
            Part.idle(4, 1.0), Part.ramp(30, 1.0, 0.5), Part.visitStaying(25, 0.5, 0.45), Part.idle(14, 0.45),
            Part.visit(0.45), Part.idle(12, 0.45));

    /** The camera switches to infrared night mode while the first visitor waits, and the picture is re-learnt. */
    static final List<Part> NIGHT_MODE_WHILE_VISITOR_WAITS = List.of(
            Part.idle(4, 0.6), Part.ramp(12, 0.6, 0.45), Part.visitStaying(25, 0.45, 0.3), Part.idle(14, 0.3),
            Part.visit(0.3), Part.idle(12, 0.3));

    @TempDir
    Path dir;

    @Test
    void visitorWhoWaitsAtTheDoorLeavesNoEventBehind() throws Exception {
        check("waiting.mp4", DUSK_THEN_WAITING_VISITOR_THEN_ANOTHER, FieldCamera.SUB_STREAM);
    }

    @Test
    void nightModeSwitchingWhileAVisitorWaitsLeavesNoEventBehind() throws Exception {
        check("night.mp4", NIGHT_MODE_WHILE_VISITOR_WAITS, FieldCamera.SUB_STREAM.withIrBelow(0.4));
    }

    private void check(String name, List<Part> script, FieldCamera camera) throws Exception {
        ScriptedScene.Result scene = new ScriptedScene(Path.of("target", "sim-cache").toAbsolutePath())
                .render(dir.resolve(name), 320, 180, 5, script, camera);
        PorchSceneMotionTest.check(PorchSceneMotionTest.analyse(scene, scene.file()));
    }
}
