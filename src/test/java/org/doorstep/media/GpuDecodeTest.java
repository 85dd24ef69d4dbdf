package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVDEC checks for a machine with an NVIDIA GPU: {@code bench/gpu-decode.sh} or {@code ./mvnw -Pgpu test}.
 * Without a device every test skips itself and says why.
 */
@Tag("gpu")
class GpuDecodeTest {

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void clipWhereUseful() throws Exception {
        if (NvidiaDevices.present()) {
            clip = DecoderProbe.writeTestClip(dir.resolve("gpu-720p.mp4"), 1280, 720, 30, 90);
        }
    }

    /** Per test, so each one is reported as skipped with the reason. */
    @org.junit.jupiter.api.BeforeEach
    void needsNvidia() {
        Assumptions.assumeTrue(NvidiaDevices.present(),
                "no NVIDIA GPU/driver on this machine (/dev/nvidia0 missing): NVDEC check skipped");
    }

    private static List<GreyFrame> decode(Path file, List<HwAccel> hw, GreyFrameDecoder[] keep) throws Exception {
        List<GreyFrame> frames = new ArrayList<>();
        try (GreyFrameDecoder d = GreyFrameDecoder.open(file.toString(),
                GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0).withHwAccels(hw))) {
            GreyFrame f = new GreyFrame();
            while (d.next(f)) {
                frames.add(f.copyInto(new GreyFrame()));
            }
            if (keep != null) {
                keep[0] = d;
            }
            assertThat(d.fallbackReason()).as("fell back to software").isNull();
            if (!hw.isEmpty()) {
                assertThat(d.activeHwAccel()).as("hw failures: %s", d.hwFailures()).isEqualTo(hw.get(0));
            }
            if (hw.contains(HwAccel.CUDA)) {
                assertThat(d.stats().hwFrames()).isPositive();
            }
        }
        return frames;
    }

    private static void assertSamePictures(List<GreyFrame> a, List<GreyFrame> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            GreyFrame x = a.get(i);
            GreyFrame y = b.get(i);
            assertThat(x.width()).isEqualTo(y.width());
            long sum = 0;
            for (int p = 0; p < x.width() * x.height(); p++) {
                sum += Math.abs((x.pixels()[p] & 0xff) - (y.pixels()[p] & 0xff));
            }
            assertThat((double) sum / (x.width() * x.height())).as("mean difference frame %d", i).isLessThan(4);
        }
    }

    @Test
    void cudaHwaccelIsVerifiedByDecoding() {
        DecoderProbe.Result r = new DecoderProbe(clip).verify(HwAccel.CUDA);
        assertThat(r.works()).as(String.valueOf(r.reason())).isTrue();
    }

    @Test
    void cudaFramesMatchSoftwareFrames() throws Exception {
        assertSamePictures(decode(clip, List.of(HwAccel.CUDA), null), decode(clip, List.of(), null));
    }

    @Test
    void decodersOfOneServiceShareOneCudaContext() throws Exception {
        List<GreyFrame> software = decode(clip, List.of(), null);
        try (HwDevices shared = new HwDevices()) {
            GreyFrameDecoder.Options options = GreyFrameDecoder.Options.DEFAULT.withAnalysisFps(0)
                    .withHwAccels(List.of(HwAccel.CUDA)).withDevices(shared);
            try (GreyFrameDecoder a = GreyFrameDecoder.open(clip.toString(), options);
                 GreyFrameDecoder b = GreyFrameDecoder.open(clip.toString(), options)) {
                List<GreyFrame> fromA = new ArrayList<>();
                List<GreyFrame> fromB = new ArrayList<>();
                GreyFrame f = new GreyFrame();
                boolean more = true;
                while (more) { // in turns, so both decoders work on the one context at the same time
                    more = false;
                    if (a.next(f)) {
                        fromA.add(f.copyInto(new GreyFrame()));
                        more = true;
                    }
                    if (b.next(f)) {
                        fromB.add(f.copyInto(new GreyFrame()));
                        more = true;
                    }
                }
                assertThat(a.activeHwAccel()).isEqualTo(HwAccel.CUDA);
                assertThat(b.activeHwAccel()).isEqualTo(HwAccel.CUDA);
                assertThat(shared.size()).as("one CUDA device for both").isEqualTo(1);
                assertSamePictures(fromA, software);
                assertSamePictures(fromB, software);
            }
        }
    }

    @Test
    void cuvidDecoderMatchesSoftware() throws Exception {
        DecoderProbe.Result r = new DecoderProbe(clip).verify(HwAccel.CUVID);
        assertThat(r.works()).as(String.valueOf(r.reason())).isTrue();
        assertSamePictures(decode(clip, List.of(HwAccel.CUVID), null), decode(clip, List.of(), null));
    }

    @Test
    void autoSelectionPutsNvdecFirst() {
        List<DecoderProbe.Result> results = new DecoderProbe(clip)
                .probeAll(HwAccel.candidatesForThisPlatform(), true, null);
        results.forEach(System.out::println);
        List<HwAccel> working = DecoderProbe.working(results);
        assertThat(HwAccelSetting.AUTO.resolve(working)).startsWith(HwAccel.CUDA);
        assertThat(results.stream().filter(r -> r.id().equals("cuda")).findFirst().orElseThrow().decodeFps())
                .isPositive();
    }

    @Test
    void hevcFromNvencDecodesOnNvdec() throws Exception {
        // NVDEC and NVENC are separate engines: a virtual machine can pass one through and not the other (seen on the
        // device machine: NVDEC decoded, NVENC failed to open with "Function not implemented")
        H264Encoders.Result nvenc = H264Encoders.probe("hevc_nvenc");
        Assumptions.assumeTrue(nvenc.works(), () -> "hevc_nvenc skipped: " + nvenc.reason());
        Path hevc = dir.resolve("gpu-hevc.mp4");
        TestClipEncoder.write("hevc_nvenc", hevc, 1280, 720, 30, 60, 1.0,
                (i, g) -> java.util.Arrays.fill(g, (byte) (40 + i)), null, null);
        List<GreyFrame> frames = decode(hevc, List.of(HwAccel.CUDA), null);
        assertThat(frames).hasSize(60);
        assertThat(frames.get(30).pixels()[100] & 0xff).isBetween(60, 80);
    }
}
