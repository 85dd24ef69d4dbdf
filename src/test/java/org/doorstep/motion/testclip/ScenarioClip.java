package org.doorstep.motion.testclip;

import java.nio.file.Path;
import org.doorstep.media.DecodeException;
import org.doorstep.media.TestClipEncoder;

/** Renders a {@link Scenario} and encodes it as an H.264 MP4 the way a camera stream would arrive. */
public final class ScenarioClip {

    private ScenarioClip() {
    }

    /**
     * @param gopSeconds keyframe interval, like a camera's (typically 1–2 s)
     */
    public static Path write(Scenario scenario, Path file, int width, int height, int fps, double gopSeconds)
            throws DecodeException {
        SceneRenderer renderer = new SceneRenderer(scenario, width, height, fps);
        TestClipEncoder.write(file, width, height, fps, renderer.frameCount(), gopSeconds, renderer::render, null,
                () -> Thread.currentThread().isInterrupted());
        return file;
    }
}
