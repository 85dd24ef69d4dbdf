package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The B-picture rewrite gives a stream FFmpeg decodes cleanly, with reordering. */
class BFramesTest {
    @TempDir
    Path dir;

    @Test
    void rewrittenClipDecodesWithReorderedPictures() throws Exception {
        SceneTiming timing = SceneTiming.forFps(5);
        SceneClips clips = new SceneRenderer(SimTestSupport.sharedCache()).load(timing, RenderProgress.NONE,
                new int[] {320, 180}).get("320x180");
        H264Clip source = clips.clip(ClipKind.VISIT);
        H264Clip b = source.withBFrames(2);
        assertThat(b.size()).isEqualTo(source.size() * 3);
        Path file = dir.resolve("b.h264");
        Files.write(file, b.annexB());

        assertThat(StreamCheck.decodeWarnings(file)).isEmpty();
        assertThat(StreamCheck.decodedFrames(file)).isEqualTo(b.size());
        // each picture is shown at a distinct time, and the offsets cover every picture time of the clip
        java.util.Set<Integer> shown = new java.util.TreeSet<>();
        for (int i = 0; i < b.size(); i++) {
            shown.add(i + b.frame(i).displayOffset());
        }
        assertThat(shown).hasSize(b.size()).first().isEqualTo(0);
        assertThat(shown).last().isEqualTo(b.size() - 1);
        assertThat(b.frame(1).displayOffset()).isEqualTo(2); // the P picture goes before the two B's shown before it
        assertThat(b.frame(2).displayOffset()).isEqualTo(-1);
        assertThat(b.profileLevelId()).startsWith("4D"); // Main profile
    }

    /** The live view's decoder shows the B-picture stream in presentation order, every picture once. */
    @Test
    void liveDecoderShowsTheStreamInOrder() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(SimTestSupport.config().withSizes(320, 180, 320, 180, 15)
                .withBFrames(2))) {
            bell.start();
            try (org.doorstep.media.GreyFrameDecoder d = org.doorstep.media.GreyFrameDecoder.open(
                    bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                    org.doorstep.media.GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0))) {
                org.doorstep.media.GreyFrame f = new org.doorstep.media.GreyFrame();
                List<Long> pts = new java.util.ArrayList<>();
                while (pts.size() < 45 && d.next(f)) {
                    pts.add(f.ptsMicros());
                }
                assertThat(pts).hasSize(45);
                for (int i = 1; i < pts.size(); i++) {
                    assertThat(pts.get(i) - pts.get(i - 1)).as("picture " + i + " of " + pts).isBetween(60_000L, 73_000L);
                }
            }
        }
    }
}
