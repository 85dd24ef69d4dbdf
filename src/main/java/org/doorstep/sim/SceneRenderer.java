package org.doorstep.sim;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the porch clips once with FFmpeg (through JavaCV) and caches them as H.264 Annex B files, keyed
 * by every parameter that changes the picture, so a second start only reads them.
 *
 * <p>The bytedeco FFmpeg build is LGPL: its only software H.264 encoder is {@code libopenh264}
 * (Constrained Baseline, no B-frames), which is what we use. Every clip is encoded with identical encoder
 * settings, starts with an IDR picture and has an IDR picture every GOP, so clips can be spliced there.
 */
public final class SceneRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(SceneRenderer.class);
    /** Bump when the drawing or the encoder settings change, so old caches are not reused. */
    static final int VERSION = 2;
    static final String ENCODER = "libopenh264";

    private final Path cacheDir;

    public SceneRenderer(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Directory holding the clips of one resolution. */
    Path clipDir(int width, int height, SceneTiming timing) {
        return cacheDir.resolve(String.format("porch-v%d-%dx%d-%dfps-g%d-%d-%d-%d", VERSION, width, height,
                timing.fps(), timing.gop(), timing.idleFrames(), timing.visitFrames(), timing.lightFrames()));
    }

    /**
     * Loads the clips of the given sizes from the cache, rendering the missing ones (in parallel, one
     * thread per size). Interrupting the calling thread cancels rendering.
     */
    public Map<String, SceneClips> load(SceneTiming timing, RenderProgress progress, int[]... sizes) throws IOException {
        Files.createDirectories(cacheDir);
        int total = 0;
        for (int[] s : sizes) {
            if (!cached(s[0], s[1], timing)) {
                total += timing.idleFrames() + timing.visitFrames() + timing.lightFrames();
            }
        }
        AtomicInteger done = new AtomicInteger();
        int totalFrames = total;
        RenderProgress shared = (d, t) -> progress.update(done.incrementAndGet(), totalFrames);
        Thread caller = Thread.currentThread();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(sizes.length, 2)), r -> {
            Thread t = new Thread(r, "scene-render");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<SceneClips>> futures = new java.util.LinkedHashMap<>();
            for (int[] s : sizes) {
                futures.put(s[0] + "x" + s[1], pool.submit(() -> loadOne(s[0], s[1], timing, shared, caller)));
            }
            Map<String, SceneClips> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Future<SceneClips>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scene rendering cancelled");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException("scene rendering failed: " + c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean cached(int width, int height, SceneTiming timing) {
        Path dir = clipDir(width, height, timing);
        for (ClipKind kind : ClipKind.values()) {
            if (!Files.isRegularFile(dir.resolve(fileName(kind)))) {
                return false;
            }
        }
        return true;
    }

    private static String fileName(ClipKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ".h264";
    }

    private SceneClips loadOne(int width, int height, SceneTiming timing, RenderProgress progress, Thread caller)
            throws IOException {
        Path dir = clipDir(width, height, timing);
        Files.createDirectories(dir);
        Map<ClipKind, H264Clip> clips = new EnumMap<>(ClipKind.class);
        PorchScene scene = null;
        for (ClipKind kind : ClipKind.values()) {
            Path file = dir.resolve(fileName(kind));
            if (!Files.isRegularFile(file)) {
                if (scene == null) {
                    scene = new PorchScene(width, height, timing);
                }
                long t0 = System.nanoTime();
                render(scene, kind, timing, file, progress, caller);
                LOG.info("Rendered porch clip {} {}x{} in {} ms", kind, width, height, (System.nanoTime() - t0) / 1_000_000);
            }
            H264Clip clip = H264Clip.read(file);
            if (clip.size() != timing.frames(kind)) {
                Files.deleteIfExists(file);
                throw new IOException("cached clip " + file.getFileName() + " has " + clip.size() + " frames, expected "
                        + timing.frames(kind) + "; deleted it, start again to re-render");
            }
            clips.put(kind, clip);
        }
        return new SceneClips(clips, width, height);
    }

    private static void render(PorchScene scene, ClipKind kind, SceneTiming timing, Path file, RenderProgress progress,
                               Thread caller) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        int width = scene.width();
        int height = scene.height();
        byte[] yuv = new byte[scene.frameBytes()];
        ByteBuffer direct = ByteBuffer.allocateDirect(yuv.length);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0)) {
            rec.setFormat("h264");
            rec.setVideoCodecName(ENCODER);
            rec.setPixelFormat(AV_PIX_FMT_YUV420P);
            rec.setFrameRate(timing.fps());
            rec.setGopSize(timing.gop());
            rec.setVideoBitrate(bitrate(width, height, timing.fps()));
            rec.setVideoOption("allow_skip_frames", "0");
            rec.setVideoOption("profile", "constrained_baseline");
            rec.start();
            int frames = timing.frames(kind);
            for (int i = 0; i < frames; i++) {
                if (caller.isInterrupted() || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("scene rendering cancelled");
                }
                scene.render(kind, i, yuv);
                direct.clear();
                direct.put(yuv).flip();
                rec.recordImage(width, height, 8, 1, width, AV_PIX_FMT_YUV420P, direct);
                progress.update(i + 1, frames);
            }
            rec.stop();
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } catch (Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException("FFmpeg could not encode the porch scene with " + ENCODER + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** About 0.1 bit per pixel: enough for a mostly static scene with light sensor noise. */
    static int bitrate(int width, int height, int fps) {
        return (int) Math.max(100_000, Math.min(8_000_000, (long) width * height * fps / 10));
    }
}
