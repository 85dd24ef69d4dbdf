package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.doorstep.App;
import org.doorstep.sim.Audio;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.doorstep.store.SettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** record → segments --json → export through the command classes, with a G.711 doorbell (AAC in the export). */
class RecordCliTest {
    @TempDir
    Path dir;

    @Test
    void recordListAndExportAG711Doorbell() throws Exception {
        Path data = dir.resolve("data");
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withAudio(Audio.PCMU).withCredentials("admin", "pa:ss w0rd", false);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            try (App app = App.open(new DataDir(data), "test setup")) {
                Settings d = Settings.defaults();
                app.settingsStore().save(new Settings(null, 5, 0, 0, 300, d.hwAccel(), d.motionFps()));
                Camera cam = Camera.newCamera("front door", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, "admin", null)
                        .withOptions(new Camera.Options(null, null, 0, "auto", true, false)); // sound switched on
                app.cameras().insert(cam.withCredentialRef(app.vault().store("pa:ss w0rd".toCharArray())));
            }
            Instant begin = Instant.now();
            CliRunner.Result rec = new CliRunner(data).run("record", "--duration", "14s");
            assertThat(rec.exitCode()).as(rec.err()).isZero();
            assertThat(rec.err()).contains("Recording camera front door.").doesNotContain("pa:ss")
                    .containsPattern("Recording stopped; [1-9]\\d* segment");

            CliRunner.Result bad = new CliRunner(data).run("segments", "--camera", "garage");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("There is no camera called \"garage\"");

            CliRunner.Result list = new CliRunner(data).run("segments", "--json", "--from", begin.toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
            // the one JSON document is the line that starts the array
            JsonNode segs = new ObjectMapper().readTree(list.out());
            assertThat(segs.size()).isGreaterThanOrEqualTo(2);
            JsonNode first = segs.get(0);
            assertThat(first.get("camera").asText()).isEqualTo("front door");
            assertThat(first.get("stream").asText()).isEqualTo("main");
            assertThat(first.get("videoCodec").asText()).isEqualTo("h264");
            assertThat(first.get("audioCodec").asText()).isEqualTo("pcm_mulaw");
            assertThat(first.get("durationSeconds").asDouble()).isBetween(3.0, 6.0);
            assertThat(first.get("bytes").asLong()).isPositive();

            Instant from = Instant.parse(first.get("start").asText()).plusSeconds(2);
            Instant to = Instant.parse(segs.get(segs.size() - 1).get("end").asText());
            Path out = dir.resolve("door.mp4");
            CliRunner.Result exp = new CliRunner(data).run("export", "--camera", "front door",
                    "--from", from.toString(), "--to", to.toString(), out.toString());
            assertThat(exp.exitCode()).as(exp.err()).isZero();
            assertThat(exp.err()).contains("100%");

            StreamCheck.Result probe = StreamCheck.run(org.bytedeco.ffmpeg.ffprobe.class, "-v", "error",
                    "-show_entries", "stream=codec_name:format=duration", "-of", "default=nw=1", out.toString());
            assertThat(probe.exit()).isZero();
            assertThat(probe.stderr()).isBlank();
            assertThat(probe.stdout()).contains("codec_name=h264", "codec_name=aac");
        }
    }
}
