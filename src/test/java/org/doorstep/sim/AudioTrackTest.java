package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ShortBuffer;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.sim.VirtualDoorbell.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional audio track decodes in a real client next to the video. */
class AudioTrackTest {

    @ParameterizedTest
    @CsvSource({"AAC,aac,16000,tcp", "PCMU,pcm_mulaw,8000,udp"})
    void audioDecodes(Audio audio, String codec, int rate, String transport) throws Exception {
        try (VirtualDoorbell doorbell = new VirtualDoorbell(SimTestSupport.config().withAudio(audio))) {
            doorbell.start();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(doorbell.rtspUri(Stream.SUB).toString())) {
                g.setOption("rtsp_transport", transport);
                g.setOption("timeout", "5000000");
                g.startUnsafe();
                assertThat(g.getAudioCodecName()).isEqualTo(codec);
                assertThat(g.getSampleRate()).isEqualTo(rate);
                assertThat(g.getAudioChannels()).isEqualTo(1);
                long samples = 0;
                double energy = 0;
                int pictures = 0;
                while (samples < rate * 2L) {
                    Frame f = g.grab();
                    assertThat(f).isNotNull();
                    if (f.image != null) {
                        pictures++;
                    }
                    if (f.samples != null) {
                        ShortBuffer s = (ShortBuffer) f.samples[0];
                        for (int i = s.position(); i < s.limit(); i++) {
                            energy += (double) s.get(i) * s.get(i);
                            samples++;
                        }
                    }
                }
                g.stop();
                double rms = Math.sqrt(energy / samples);
                assertThat(rms).as("quiet ambience, not silence").isBetween(20.0, 3000.0);
                assertThat(pictures).isGreaterThan(10);
            }
        }
    }
}
