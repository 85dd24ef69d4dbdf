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

    /**
     * A part of a rendered script: {@code seconds} of a clip (IDLE loops; VISIT is always whole), with the light
     * going linearly from {@code lightFrom} to {@code lightTo} (1 = normal; 0.45 = dusk).
     */
    public record Part(ClipKind kind, double seconds, double lightFrom, double lightTo) {
        public static Part visit(double light) {
            return new Part(ClipKind.VISIT, SceneTiming.VISIT_S, light, light);
        }

        public static Part idle(double seconds, double light) {
            return new Part(ClipKind.IDLE, seconds, light, light);
        }

        public static Part ramp(double seconds, double from, double to) {
            return new Part(ClipKind.IDLE, seconds, from, to);
        }
    }

    public ScriptedScene(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Renders and encodes (openh264, GOP of one second) a script with its own light levels, e.g. a slow dusk ramp
     * followed by visits; not cached, so keep it small (320x180 renders a minute in a few seconds).
     */
    public Result render(Path file, int width, int height, int fps, List<Part> script) throws IOException {
        SceneTiming timing = SceneTiming.forFps(fps);
        PorchScene scene = new PorchScene(width, height, timing);
        byte[] yuv = new byte[scene.frameBytes()];
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(yuv.length);
        List<Visitor> visitors = new ArrayList<>();
        int frame = 0;
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        try (org.bytedeco.javacv.FFmpegFrameRecorder rec = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(),
                width, height, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodecName(SceneRenderer.ENCODER);
            rec.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(fps);
            rec.setVideoBitrate(SceneRenderer.bitrate(width, height, fps));
            rec.setVideoOption("allow_skip_frames", "0");
            rec.start();
            for (Part part : script) {
                int frames = part.kind() == ClipKind.VISIT ? timing.visitFrames() : (int) Math.round(part.seconds() * fps);
                if (part.kind() == ClipKind.VISIT) {
                    int arrive = 0;
                    while (arrive < frames && !PorchScene.visitorVisible(timing, arrive)) {
                        arrive++;
                    }
                    int leave = timing.ringFrame();
                    while (leave < frames && PorchScene.visitorVisible(timing, leave)) {
                        leave++;
                    }
                    visitors.add(new Visitor((frame + arrive) / (double) fps, (frame + leave) / (double) fps));
                }
                for (int i = 0; i < frames; i++) {
                    double light = part.lightFrom() + (part.lightTo() - part.lightFrom()) * i / Math.max(1, frames - 1);
                    int index = part.kind() == ClipKind.IDLE ? i % timing.idleFrames() : i;
                    scene.render(part.kind(), index, light, yuv);
                    direct.clear();
                    direct.put(yuv).flip();
                    rec.recordImage(width, height, 8, 1, width, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P,
                            direct);
                    frame++;
                }
            }
            rec.stop();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new IOException("cannot encode the scripted scene: " + e.getMessage(), e);
        }
        return new Result(file, fps, frame, visitors);
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
