package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.doorstep.App;
import org.doorstep.sim.Audio;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end: a privacy mask set with {@code camera set --privacy-mask}, {@code record}, then
 * {@code export --blur}: the export decodes cleanly (video and the G.711 sound turned into AAC), the privacy mask is
 * black in it.
 */
class PrivacyMaskCliTest {
    @TempDir
    Path dir;

    @Test
    void maskSetOnTheCommandLineIsBlackInTheRecordingAndExportWithBlurDecodes() throws Exception {
        Path data = dir.resolve("data");
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withAudio(Audio.PCMU);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            try (App app = App.open(new DataDir(data), "test setup")) {
                Settings d = Settings.defaults();
                app.settingsStore().save(new Settings(null, 4, 0, 0, 300, d.hwAccel(), d.motionFps()));
                app.cameras().insert(Camera.newCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null,
                        null).withOptions(new Camera.Options(null, null, 0, "auto", true, false)));
            }
            CliRunner.Result set = new CliRunner(data).run("camera", "set", "porch", "--privacy-mask",
                    "0.75,0 1,0 1,1 0.75,1");
            assertThat(set.exitCode()).as(set.err()).isZero();
            Instant begin = Instant.now();
            CliRunner.Result rec = new CliRunner(data).run("record", "--duration", "10s");
            assertThat(rec.exitCode()).as(rec.err()).isZero();

            JsonNode segs = new ObjectMapper().readTree(
                    new CliRunner(data).run("segments", "--json", "--from", begin.toString()).out());
            assertThat(segs.size()).isGreaterThanOrEqualTo(2);
            Instant from = Instant.parse(segs.get(0).get("start").asText());
            Instant to = Instant.parse(segs.get(segs.size() - 1).get("end").asText());
            Path out = dir.resolve("request.mp4");
            CliRunner.Result exp = new CliRunner(data).run("export", "--camera", "porch", "--from", from.toString(),
                    "--to", to.toString(), "--blur", "0,0 0.4,0 0.4,1 0,1", out.toString());
            assertThat(exp.exitCode()).as(exp.err()).isZero();
            CliRunner.Result badBlur = new CliRunner(data).run("export", "--camera", "porch", "--from",
                    from.toString(), "--to", to.toString(), "--blur", "0,0 2,0 0,1", dir.resolve("x.mp4").toString());
            assertThat(badBlur.exitCode()).isEqualTo(2);

            StreamCheck.Result probe = StreamCheck.run(org.bytedeco.ffmpeg.ffprobe.class, "-v", "error",
                    "-show_entries", "stream=codec_name", "-of", "default=nw=1", out.toString());
            assertThat(probe.exit()).isZero();
            assertThat(probe.stderr()).isBlank();
            assertThat(probe.stdout()).contains("codec_name=h264", "codec_name=aac");

            int frames = 0;
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
                g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
                g.start();
                Frame f;
                while ((f = g.grabImage()) != null) {
                    frames++;
                    ByteBuffer b = (ByteBuffer) f.image[0];
                    int max = 0;
                    for (int y = 0; y < f.imageHeight; y++) {
                        for (int x = f.imageWidth * 3 / 4 + 16; x < f.imageWidth; x++) {
                            max = Math.max(max, b.get(y * f.imageStride + x) & 0xff);
                        }
                    }
                    assertThat(max).as("privacy mask in the export, frame " + frames).isLessThanOrEqualTo(20);
                }
                g.stop();
            }
            assertThat(frames).isGreaterThan(30);
        }
    }
}
