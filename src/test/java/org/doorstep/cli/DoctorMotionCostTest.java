package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.doorstep.common.JsonMapper;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.usecase.watch.MotionCostCameras;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} on motion analysis: while the owner of the folder (as the window) analyses the virtual doorbell (1280x720 main, 640x360 sub)
 * the command travels to it and reports measured figures per camera; afterwards, in a process of its own, it
 * estimates them from the recorded main stream and this machine's decode speed. English and German, text and JSON.
 */
class DoctorMotionCostTest {
    @TempDir
    Path dir;

    @Test
    void measuredWhileRecordingServesItThenEstimatedFromWhatTheAnalysisOpened() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        CliRunner cli = new CliRunner(dir);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            MotionCostCameras.insert(dir, bell);
            // the owner records and serves the folder, as the window does
            org.doorstep.Launcher launcher = new org.doorstep.Launcher();
            try (org.doorstep.usecase.Workspace owner = launcher.open(dir, "doorstep window");
                 AutoCloseable serving = launcher.serve(owner, null)) {
                owner.watch().start(java.util.List.of());
                await().atMost(Duration.ofSeconds(15)).until(() -> JsonMapper.create()
                        .readTree(cli.run("segments", "--json").out()).size() >= 1);

                CliRunner.Result json = cli.run("doctor", "--json");
                assertThat(json.exitCode()).as(json.err()).isZero();
                JsonNode cameras = JsonMapper.create().readTree(json.out()).path("motionAnalysis").path("cameras");
                assertThat(cameras.size()).isEqualTo(2);
                JsonNode front = cameras.get(0);
                JsonNode garden = cameras.get(1);
                int cores = Runtime.getRuntime().availableProcessors();
                System.out.println("served doctor: " + cameras);
                assertThat(front.path("camera").asText()).isEqualTo("Front door");
                assertThat(front.path("stream").asText()).isEqualTo("main");
                assertThat(front.path("basis").asText()).isEqualTo("measured");
                assertThat(front.path("width").asInt()).isEqualTo(1280);
                assertThat(front.path("height").asInt()).isEqualTo(720);
                assertThat(front.path("cpuPercentOfOneCore").asDouble()).isGreaterThan(0).isLessThan(100.0 * cores);
                assertThat(front.path("subStreamComparedTo").path("pixelFraction").asDouble()).isEqualTo(0.25);
                assertThat(garden.path("stream").asText()).isEqualTo("sub");
                assertThat(garden.path("basis").asText()).isEqualTo("measured");
                assertThat(garden.path("width").asInt()).isEqualTo(640);
                assertThat(garden.path("cpuPercentOfOneCore").asDouble()).isGreaterThan(0).isLessThan(100.0 * cores);

                CliRunner.Result german = cli.run("--lang", "de", "doctor");
                assertThat(german.exitCode()).as(german.err()).isZero();
                System.out.println(german.out());
                assertThat(german.out()).contains("Bewegungserkennung je Kamera")
                        .contains("Front door: Die Bewegungserkennung läuft auf dem Hauptstream mit 1280×720")
                        .contains("gemessen").contains("  Ein Substream mit 640×360 hat 1/4 dieser Pixel zu dekodieren, kostet also weniger")
                        .contains("Garden: Die Bewegungserkennung läuft auf dem Substream mit 640×360");
            }
        }

        CliRunner.Result text = cli.run("doctor");
        assertThat(text.exitCode()).as(text.err()).isZero();
        System.out.println(text.out());
        assertThat(text.out()).contains("Motion analysis per camera")
                .contains("Front door: motion runs on the 1280×720 main stream (there is no sub stream): decoding it"
                        + " takes about ")
                .contains("estimated from this computer's measured decoding speed at the stream's 15 frames per"
                        + " second; receiving and analysing the pictures come on top")
                .contains("  While the scene is still only keyframes are decoded")
                .contains("  A 640×360 sub stream has 1/4 of these pixels to decode, so it costs less")
                .contains("Garden: motion runs on the 640×360 sub stream at 15 frames per second, the cheap case;"
                        + " doctor measures what it costs while Doorstep records.");
        assertThat(text.err()).contains("Checking what the motion analysis of each camera costs");

        CliRunner.Result fresh = cli.run("--lang", "de", "doctor", "--json");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        System.out.println(cli.run("--lang", "de", "doctor").out());
        JsonNode estimated = JsonMapper.create().readTree(fresh.out()).path("motionAnalysis").path("cameras").get(0);
        assertThat(estimated.path("basis").asText()).isEqualTo("estimated");
        assertThat(estimated.path("fpsAssumed").asBoolean()).isFalse();
        assertThat(estimated.path("fps").asDouble()).isEqualTo(15.0);
        assertThat(estimated.path("estimateCovers").asText()).isEqualTo("decoding");
        assertThat(estimated.path("width").asInt()).isEqualTo(1280);
        assertThat(estimated.path("cpuPercentOfOneCore").asDouble()).isGreaterThan(0).isLessThan(100.0);
        assertThat(estimated.path("cpuPercentOfOneCoreWhileStill").asDouble()).isGreaterThan(0)
                .isLessThan(estimated.path("cpuPercentOfOneCore").asDouble());
        JsonNode sub = JsonMapper.create().readTree(fresh.out()).path("motionAnalysis").path("cameras").get(1);
        assertThat(sub.path("stream").asText()).isEqualTo("sub");
        assertThat(sub.path("basis").asText()).isEqualTo("unknown");
        assertThat(sub.path("width").asInt()).isEqualTo(640);
        assertThat(sub.path("fps").asDouble()).isEqualTo(15.0);
    }

    @Test
    void aFolderThatDoesNotExistIsNotCreated() throws Exception {
        Path none = dir.resolve("none");
        CliRunner.Result r = new CliRunner(none).run("doctor", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JsonMapper.create().readTree(r.out()).path("motionAnalysis").path("problem").asText())
                .isEqualTo("No data folder yet, so no cameras to check.");
        assertThat(none).doesNotExist();
    }
}
