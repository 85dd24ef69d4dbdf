package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderProbeTest {

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void clip() throws Exception {
        clip = DecoderProbe.writeTestClip(dir.resolve("probe.mp4"), 640, 360, 30, 30);
    }

    @Test
    void buildInfoNamesVersionLicenceAndEncoder() {
        DecoderProbe.Build build = DecoderProbe.build();
        assertThat(build.version()).isNotBlank();
        assertThat(build.license()).containsIgnoringCase("GPL");
        assertThat(build.configuration()).contains("--enable");
        assertThat(build.h264Encoder()).isNotNull();
    }

    @Test
    void softwareDecodeIsMeasured() {
        DecoderProbe.Result r = new DecoderProbe(clip).measure(null);
        assertThat(r.works()).isTrue();
        assertThat(r.decodeFps()).isPositive();
        assertThat(r.cpuPerFrameMillis()).isPositive();
    }

    /**
     * On a machine without that hardware each candidate must say it does not work and why; where the
     * hardware exists (a GPU box) it must have decoded frames. Either way the answer is verified, not assumed.
     */
    @Test
    void everyCandidateReportsWorksOrAReason() {
        List<DecoderProbe.Result> results = new DecoderProbe(clip)
                .probeAll(HwAccel.candidatesForThisPlatform(), false, null);
        assertThat(results).hasSize(HwAccel.candidatesForThisPlatform().size() + 1);
        for (DecoderProbe.Result r : results) {
            System.out.println(r);
            if (r.works()) {
                assertThat(r.reason()).isNull();
            } else {
                assertThat(r.reason()).isNotBlank();
            }
        }
    }

    @Test
    void withoutAnNvidiaDeviceCudaSaysSo() {
        org.junit.jupiter.api.Assumptions.assumeFalse(NvidiaDevices.present(),
                "an NVIDIA device is present; the gpu tests cover this machine");
        DecoderProbe.Result cuda = new DecoderProbe(clip).verify(HwAccel.CUDA);
        assertThat(cuda.works()).isFalse();
        assertThat(cuda.reason()).startsWith("no CUDA device: ");
        DecoderProbe.Result cuvid = new DecoderProbe(clip).verify(HwAccel.CUVID);
        assertThat(cuvid.works()).isFalse();
        assertThat(cuvid.reason()).contains("h264_cuvid");
    }

    @Test
    void detectWorkingListsOnlyVerifiedAccelerators() throws Exception {
        List<HwAccel> working = DecoderDoctor.detectWorking();
        if (!NvidiaDevices.present()) {
            assertThat(working).doesNotContain(HwAccel.CUDA, HwAccel.CUVID);
        }
        assertThat(HwAccel.candidatesForThisPlatform()).containsAll(working);
    }

    @Test
    void lowAnalysisRatesDecodeKeyframesOnly() {
        assertThat(GreyFrameDecoder.Options.forAnalysisRate(1).keyframesOnly()).isTrue();
        assertThat(GreyFrameDecoder.Options.forAnalysisRate(5).keyframesOnly()).isFalse();
    }

    @Test
    void settingParsesAutoOffAndNames() {
        assertThat(HwAccelSetting.parse("auto").resolve(List.of(HwAccel.VAAPI))).containsExactly(HwAccel.VAAPI);
        assertThat(HwAccelSetting.parse("off").resolve(List.of(HwAccel.VAAPI))).isEmpty();
        assertThat(HwAccelSetting.parse("CUDA").resolve(List.of())).containsExactly(HwAccel.CUDA);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HwAccelSetting.parse("turbo"))
                .hasMessageContaining("turbo");
        assertThat(HwAccel.candidatesFor("Windows 11")).startsWith(HwAccel.D3D11VA);
        assertThat(HwAccel.candidatesFor("Mac OS X")).containsExactly(HwAccel.VIDEOTOOLBOX);
        assertThat(HwAccel.candidatesFor("Linux")).startsWith(HwAccel.CUDA);
    }

    @Test
    void autoLeavesNvdecOutForSubStreamsButAPinnedChoiceStands() {
        List<HwAccel> working = List.of(HwAccel.CUDA, HwAccel.CUVID, HwAccel.VAAPI);
        assertThat(HwAccelSetting.AUTO.resolve(working)).containsExactly(HwAccel.CUDA, HwAccel.CUVID, HwAccel.VAAPI);
        assertThat(HwAccelSetting.AUTO.resolveForSubStream(working)).containsExactly(HwAccel.VAAPI);
        assertThat(HwAccelSetting.AUTO.resolveForSubStream(List.of(HwAccel.CUDA))).isEmpty();
        assertThat(HwAccelSetting.parse("cuda").resolveForSubStream(working)).containsExactly(HwAccel.CUDA);
        assertThat(HwAccelSetting.OFF.resolveForSubStream(working)).isEmpty();
    }

    @Test
    void aCameraSettingThisVersionCannotReadCountsAsAutoForEitherStream() {
        List<HwAccel> working = List.of(HwAccel.CUDA, HwAccel.CUVID, HwAccel.VAAPI);
        assertThat(HwAccelSetting.tryParse("quantum-decoder")).isEmpty();
        assertThat(HwAccelSetting.forCameraStream("quantum-decoder", true, working)).containsExactly(HwAccel.VAAPI);
        assertThat(HwAccelSetting.forCameraStream("quantum-decoder", false, working))
                .containsExactly(HwAccel.CUDA, HwAccel.CUVID, HwAccel.VAAPI);
        assertThat(HwAccelSetting.forCameraStream(null, true, working)).containsExactly(HwAccel.VAAPI);
        assertThat(HwAccelSetting.forCameraStream("cuda", true, working)).containsExactly(HwAccel.CUDA);
        assertThat(HwAccelSetting.forCameraStream("off", false, working)).isEmpty();
    }

    @Test
    void pinnedButMissingAcceleratorFallsBackToSoftwareAtOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(NvidiaDevices.present(), "NVIDIA device present");
        try (GreyFrameDecoder d = GreyFrameDecoder.open(clip.toString(),
                GreyFrameDecoder.Options.DEFAULT.withHwAccels(List.of(HwAccel.CUDA, HwAccel.VAAPI)))) {
            assertThat(d.activeHwAccel()).isNull();
            assertThat(d.hwFailures()).hasSize(2);
            GreyFrame f = new GreyFrame();
            assertThat(d.next(f)).isTrue();
        }
    }
}
