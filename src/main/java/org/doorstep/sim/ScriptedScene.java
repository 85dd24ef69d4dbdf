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
     * going linearly from {@code lightFrom} to {@code lightTo} (1 = normal; 0.45 = dusk). A visitor may
     * {@code staySeconds} longer at the door after ringing (waiting for an answer, nearly still).
     */
    public record Part(ClipKind kind, double seconds, double lightFrom, double lightTo, double staySeconds) {
        public Part(ClipKind kind, double seconds, double lightFrom, double lightTo) {
            this(kind, seconds, lightFrom, lightTo, 0);
        }

        public static Part visit(double light) {
            return new Part(ClipKind.VISIT, SceneTiming.VISIT_S, light, light);
        }

        /** A visit whose visitor waits {@code staySeconds} longer at the door, the light going from/to. */
        public static Part visitStaying(double staySeconds, double lightFrom, double lightTo) {
            return new Part(ClipKind.VISIT, SceneTiming.VISIT_S + staySeconds, lightFrom, lightTo, staySeconds);
        }

        public static Part idle(double seconds, double light) {
            return new Part(ClipKind.IDLE, seconds, light, light);
        }

        public static Part ramp(double seconds, double from, double to) {
            return new Part(ClipKind.IDLE, seconds, from, to);
        }
    }

    /**
     * How a real camera spoils the clean porch (field scenes): temporal sensor noise that grows with the gain,
     * auto-exposure that follows the light in coarse steps with overshoot (clipping bright areas when it opens
     * up), an infrared night mode that switches on below a light level, the visitor's shadow, a GOP and a low
     * bit rate such as a sub stream has.
     *
     * @param noiseSigma   temporal noise (grey levels) at gain 1
     * @param autoExposure whether exposure follows the scene light
     * @param irBelow      light level below which the camera switches to infrared night mode (0 = never)
     * @param shadow       whether the visitor casts a shadow
     * @param gopSeconds   seconds between key frames
     * @param bitrate      bits per second of the encoder (0 = the virtual doorbell's own choice)
     */
    public record FieldCamera(double noiseSigma, boolean autoExposure, double irBelow, boolean shadow,
                              double gopSeconds, int bitrate) {
        /** The clean porch: no added noise, fixed exposure, no night mode, one key frame a second. */
        public static final FieldCamera CLEAN = new FieldCamera(0, false, 0, false, 1, 0);
        /** A cheap doorbell's sub stream: noisy, stepping exposure, shadow, 2 s GOP, low bit rate. */
        public static final FieldCamera SUB_STREAM = new FieldCamera(2.5, true, 0, true, 2, 120_000);

        public FieldCamera withIrBelow(double level) {
            return new FieldCamera(noiseSigma, autoExposure, level, shadow, gopSeconds, bitrate);
        }
    }

    /** Frames of a staying visit in clip order: the standing part after the ring is looped for the stay. */
    private static int visitIndex(SceneTiming timing, int i, int stayFrames) {
        int standFrom = (int) Math.round((SceneTiming.BELL_LIT_END_S + 0.5) * timing.fps());
        int standTo = (int) Math.round(SceneTiming.WALK_OUT_START_S * timing.fps());
        if (stayFrames <= 0 || i < standFrom) {
            return i;
        }
        if (i < standFrom + stayFrames) {
            return standFrom + (i - standFrom) % (standTo - standFrom);
        }
        return i - stayFrames;
    }

    public ScriptedScene(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Renders and encodes (openh264, GOP of one second) a script with its own light levels, e.g. a slow dusk ramp
     * followed by visits; not cached, so keep it small (320x180 renders a minute in a few seconds).
     */
    public Result render(Path file, int width, int height, int fps, List<Part> script) throws IOException {
        return render(file, width, height, fps, script, FieldCamera.CLEAN);
    }

    /** Like {@link #render(Path, int, int, int, List)}, seen through {@code camera} (see {@link FieldCamera}). */
    public Result render(Path file, int width, int height, int fps, List<Part> script, FieldCamera camera)
            throws IOException {
        SceneTiming timing = SceneTiming.forFps(fps);
        PorchScene scene = new PorchScene(width, height, timing).withShadow(camera.shadow());
        CameraModel model = new CameraModel(camera, width, height, fps);
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
            rec.setGopSize(Math.max(1, (int) Math.round(camera.gopSeconds() * fps)));
            rec.setVideoBitrate(camera.bitrate() > 0 ? camera.bitrate() : SceneRenderer.bitrate(width, height, fps));
            rec.setVideoOption("allow_skip_frames", "0");
            rec.start();
            for (Part part : script) {
                int stayFrames = (int) Math.round(part.staySeconds() * fps);
                int frames = part.kind() == ClipKind.VISIT ? timing.visitFrames() + stayFrames
                        : (int) Math.round(part.seconds() * fps);
                if (part.kind() == ClipKind.VISIT) {
                    int arrive = 0;
                    while (arrive < frames && !PorchScene.visitorVisible(timing, arrive)) {
                        arrive++;
                    }
                    int leave = timing.ringFrame();
                    while (leave < timing.visitFrames() && PorchScene.visitorVisible(timing, leave)) {
                        leave++;
                    }
                    visitors.add(new Visitor((frame + arrive) / (double) fps,
                            (frame + leave + stayFrames) / (double) fps));
                }
                for (int i = 0; i < frames; i++) {
                    double light = part.lightFrom() + (part.lightTo() - part.lightFrom()) * i / Math.max(1, frames - 1);
                    int index = part.kind() == ClipKind.IDLE ? i % timing.idleFrames()
                            : part.kind() == ClipKind.VISIT ? visitIndex(timing, i, stayFrames) : i;
                    scene.render(part.kind(), index, model.sceneLight(light), yuv);
                    model.expose(yuv);
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

    /** The camera between the scene and the encoder: exposure, night mode, noise (see {@link FieldCamera}). */
    private static final class CameraModel {
        /** Exposure moves in sixth-stop steps, as cheap image processors do. */
        private static final double STEP_EV = 1.0 / 6;
        private final FieldCamera camera;
        private final int width;
        private final int height;
        private final int adjustEvery;
        private final java.util.Random random = new java.util.Random(20261130L);
        private double exposure = 1;
        private double targetMean = -1;
        private boolean night;
        private int frame;

        CameraModel(FieldCamera camera, int width, int height, int fps) {
            this.camera = camera;
            this.width = width;
            this.height = height;
            this.adjustEvery = Math.max(1, fps / 3);
        }

        /** The light the scene is drawn with: in night mode the camera's own infrared lamp lights the porch. */
        double sceneLight(double light) {
            if (camera.irBelow() > 0 && light < camera.irBelow()) {
                night = true;
            }
            return night ? 0.8 : light;
        }

        void expose(byte[] yuv) {
            int n = width * height;
            if (night) {
                // infrared: no colour, and the lamp in the camera lights the middle more than the edges
                java.util.Arrays.fill(yuv, n, yuv.length, (byte) 128);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double dx = (x - width / 2.0) / width;
                        double dy = (y - height / 2.0) / height;
                        int i = y * width + x;
                        yuv[i] = (byte) (16 + (int) Math.round(((yuv[i] & 0xff) - 16) * (1.15 - 1.2 * (dx * dx + dy * dy))));
                    }
                }
            }
            long sum = 0;
            for (int i = 0; i < n; i += 7) {
                sum += yuv[i] & 0xff;
            }
            double mean = sum / (double) ((n + 6) / 7);
            if (targetMean < 0) {
                targetMean = mean;
            }
            if (camera.autoExposure() && ++frame % adjustEvery == 0) {
                double measured = 16 + (mean - 16) * exposure;
                double wanted = exposure * Math.pow((targetMean - 16) / Math.max(1, measured - 16), 1.4);
                double steps = Math.round(Math.log(wanted / exposure) / Math.log(2) / STEP_EV);
                exposure = Math.max(1, Math.min(4, exposure * Math.pow(2, steps * STEP_EV)));
            }
            double sigma = camera.noiseSigma() * Math.sqrt(exposure);
            for (int i = 0; i < n; i++) {
                double v = 16 + ((yuv[i] & 0xff) - 16) * exposure + (sigma > 0 ? random.nextGaussian() * sigma : 0);
                yuv[i] = (byte) (v < 16 ? 16 : v > 235 ? 235 : (int) Math.round(v));
            }
        }
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
