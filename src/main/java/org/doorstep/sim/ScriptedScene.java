package org.doorstep.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The porch scene played in a fixed order instead of on a schedule, as a raw H.264 file with its ground truth:
 * e.g. a slow light ramp followed by two visits (visitors leave at the left frame edge), optionally with
 * B-pictures. For motion accuracy tests and benchmarks, where the order of events is the point.
 */
public final class ScriptedScene {
    /** A visitor of the script: when they enter the picture and when they have left it, in seconds from the start. */
    public record Visitor(double arrives, double leaves) { }

    /** The written file and what happens in it. */
    public record Result(Path file, int fps, int frames, List<Visitor> visitors) { }

    private final Path cacheDir;

    public ScriptedScene(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Writes {@code script} (clips played one after the other) at {@code width}x{@code height}, {@code fps} pictures a
     * second, with {@code bframes} B-pictures after each reference picture (fps must then be a multiple of
     * bframes + 1), as an Annex B file.
     */
    public Result write(Path file, int width, int height, int fps, int bframes, List<ClipKind> script) throws IOException {
        if (fps % (bframes + 1) != 0) {
            throw new IllegalArgumentException("fps must be a multiple of bframes + 1");
        }
        SceneTiming drawn = SceneTiming.forFps(fps / (bframes + 1));
        SceneTiming shown = SceneTiming.forFps(fps);
        SceneClips clips = new SceneRenderer(cacheDir).load(drawn, RenderProgress.NONE, new int[] {width, height})
                .get(width + "x" + height);
        if (bframes > 0) {
            clips = clips.withBFrames(bframes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Visitor> visitors = new ArrayList<>();
        int frame = 0;
        for (ClipKind kind : script) {
            H264Clip clip = clips.clip(kind);
            out.writeBytes(clip.annexB());
            if (kind == ClipKind.VISIT) {
                int arrive = 0;
                while (arrive < shown.visitFrames() && !PorchScene.visitorVisible(shown, arrive)) {
                    arrive++;
                }
                int leave = shown.ringFrame();
                while (leave < shown.visitFrames() && PorchScene.visitorVisible(shown, leave)) {
                    leave++;
                }
                visitors.add(new Visitor((frame + arrive) / (double) fps, (frame + leave) / (double) fps));
            }
            frame += clip.size();
        }
        Files.write(file, out.toByteArray());
        return new Result(file, fps, frame, visitors);
    }
}
