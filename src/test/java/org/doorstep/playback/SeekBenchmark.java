package org.doorstep.playback;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seek to random instants over an hour of recorded, encrypted 720p segments (one-minute segments, 15 fps, a keyframe
 * every 2 s, as cameras send) and time each from the seek to the frame of that instant being scaled into the
 * picture's buffer and published. Printed, not asserted: target p95 ≤ 150 ms.
 *
 * <p>The hour is one encoded minute stored 60 times (each copy encrypted on its own under its own time): encoding an
 * hour of H.264 here would take longer than the benchmark; every seek still opens, decrypts and decodes real files.
 */
@Tag("bench")
class SeekBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(SeekBenchmark.class);
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    static final int SEEKS = 200;

    @TempDir
    Path dir;

    /** The time each frame reached the picture. */
    record Shown(Instant at, long nanos) {}

    @Test
    void seekToDisplayedFrame() throws Exception {
        try (RecordedFootage footage = new RecordedFootage(dir)) {
            long cam = footage.camera("Front door");
            long t = System.nanoTime();
            RecordedFootage.Clip minute = footage.encode(1280, 720, 0, 900, 15, 2.0);
            long encodeMs = (System.nanoTime() - t) / 1_000_000;
            for (int i = 0; i < 60; i++) {
                footage.store(cam, T0.plusSeconds(60L * i), minute);
            }
            LinkedBlockingQueue<Shown> shown = new LinkedBlockingQueue<>();
            FrameTarget target = new FrameTarget() {
                final ByteBuffer buffer = ByteBuffer.allocateDirect(1280 * 720 * 4);

                @Override
                public Size wanted() {
                    return new Size(1280, 720);
                }

                @Override
                public ByteBuffer acquire(int width, int height) {
                    return buffer;
                }

                @Override
                public void publish() {
                }
            };
            TargetOut picture = new TargetOut(target, showing -> { });
            VideoOut out = new VideoOut() {
                @Override
                public void frame(AVFrame frame, Instant at) {
                    picture.frame(frame, at);
                    shown.add(new Shown(at, System.nanoTime()));
                }

                @Override
                public void noRecording(Instant at) {
                }
            };
            Random random = new Random(42);
            List<Double> ms = new ArrayList<>();
            try (PlaybackSession session = footage.service().open(
                    List.of(new PlaybackSession.Source(cam, "Front door", out)), T0, n -> { }, false, ZoneOffset.UTC)) {
                shown.poll(10, TimeUnit.SECONDS);
                for (int i = 0; i < SEEKS + 10; i++) {
                    Instant to = T0.plusMillis(random.nextInt(3_599_000));
                    shown.clear();
                    long start = System.nanoTime();
                    session.seek(to);
                    while (true) {
                        Shown s = shown.poll(10, TimeUnit.SECONDS);
                        if (s == null) {
                            throw new AssertionError("no frame for " + to);
                        }
                        if (Duration.between(s.at(), to).abs().toMillis() <= 67) {
                            if (i >= 10) { // the first seeks warm up the JIT and the file cache
                                ms.add((s.nanos() - start) / 1e6);
                            }
                            break;
                        }
                    }
                }
            }
            picture.close();
            Collections.sort(ms);
            String line = String.format(java.util.Locale.ROOT,
                    "SeekBenchmark: %d seeks over 60 x 1 min of 1280x720 15 fps (keyframe every 2 s, encrypted):"
                            + " p50 %.1f ms, p95 %.1f ms, max %.1f ms (clip encoded in %d ms)",
                    ms.size(), ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                    ms.get(ms.size() - 1), encodeMs);
            System.out.println(line);
            LOG.info(line);
        }
    }
}
