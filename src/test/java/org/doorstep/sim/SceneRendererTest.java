package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering with FFmpeg (libopenh264) into the cache, and reusing the cache on the next start. */
class SceneRendererTest {
    private static final SceneTiming TIMING = SceneTiming.forFps(15);

    @Test
    void rendersSpliceableClipsOnceAndReusesTheCache(@TempDir Path cache) throws Exception {
        SceneRenderer renderer = new SceneRenderer(cache);
        AtomicInteger lastDone = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        Map<String, SceneClips> clips = renderer.load(TIMING, (d, t) -> {
            lastDone.set(d);
            total.set(t);
        }, new int[] {192, 108}, new int[] {96, 54});

        int framesPerSize = TIMING.idleFrames() + TIMING.visitFrames() + TIMING.lightFrames();
        assertThat(total.get()).isEqualTo(2 * framesPerSize);
        assertThat(lastDone.get()).isEqualTo(2 * framesPerSize);
        for (SceneClips c : clips.values()) {
            byte[] sps = c.clip(ClipKind.IDLE).sps();
            for (ClipKind kind : ClipKind.values()) {
                H264Clip clip = c.clip(kind);
                assertThat(clip.size()).isEqualTo(TIMING.frames(kind));
                // an IDR picture exactly at every GOP start and nowhere else, same parameter sets in every clip
                for (int i = 0; i < clip.size(); i++) {
                    assertThat(clip.frame(i).key()).as("%s frame %d", kind, i).isEqualTo(i % TIMING.gop() == 0);
                }
                assertThat(clip.sps()).isEqualTo(sps);
                assertThat(clip.profileLevelId()).startsWith("42"); // Constrained Baseline from libopenh264
            }
        }

        Path dir = renderer.clipDir(192, 108, TIMING);
        FileTime before = Files.getLastModifiedTime(dir.resolve("visit.h264"));
        AtomicInteger calls = new AtomicInteger();
        Map<String, SceneClips> again = new SceneRenderer(cache).load(TIMING, (d, t) -> calls.incrementAndGet(),
                new int[] {192, 108}, new int[] {96, 54});
        assertThat(calls).hasValue(0);
        assertThat(Files.getLastModifiedTime(dir.resolve("visit.h264"))).isEqualTo(before);
        assertThat(again.get("192x108").clip(ClipKind.VISIT).size()).isEqualTo(TIMING.visitFrames());
    }

    @Test
    void interruptingCancelsAndLeavesNoPartialFiles(@TempDir Path cache) throws Exception {
        Thread caller = Thread.currentThread();
        assertThatThrownBy(() -> new SceneRenderer(cache).load(TIMING, (d, t) -> caller.interrupt(),
                new int[] {320, 180})).isInstanceOf(InterruptedIOException.class);
        Thread.interrupted();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try (Stream<Path> files = Files.walk(cache)) {
                return files.filter(Files::isRegularFile).count() == 0;
            }
        });
    }

    @Test
    void corruptCacheFileIsReportedAndRemoved(@TempDir Path cache) throws Exception {
        SceneRenderer renderer = new SceneRenderer(cache);
        renderer.load(TIMING, RenderProgress.NONE, new int[] {96, 54});
        Path idle = renderer.clipDir(96, 54, TIMING).resolve("idle.h264");
        byte[] data = Files.readAllBytes(idle);
        Files.write(idle, Arrays.copyOf(data, data.length / 2));
        assertThatThrownBy(() -> renderer.load(TIMING, RenderProgress.NONE, new int[] {96, 54}))
                .hasMessageContaining("idle.h264");
        assertThat(idle).doesNotExist();
        assertThat(renderer.load(TIMING, RenderProgress.NONE, new int[] {96, 54}).get("96x54").clip(ClipKind.IDLE).size())
                .isEqualTo(TIMING.idleFrames());
    }
}
