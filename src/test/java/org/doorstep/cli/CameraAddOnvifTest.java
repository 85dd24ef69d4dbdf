package org.doorstep.cli;

import org.doorstep.common.JsonMapper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code camera add --onvif} and {@code demo-camera} against the virtual doorbell on loopback. */
class CameraAddOnvifTest {
    private static final String PASSWORD = "porch-Pa55";
    private static DemoCamera camera;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDoorbell() throws Exception {
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials("admin", PASSWORD, false)
                .withOnvif(0, 0, Duration.ofSeconds(90));
        camera = new DemoCamera(config).start(RenderProgress.NONE, SimulatedOnvifCamera.NO_DISCOVERY);
    }

    @AfterAll
    static void stopDoorbell() {
        camera.close();
    }

    private String onvifHostPort() {
        return "127.0.0.1:" + camera.onvifUri().getPort();
    }

    @Test
    void addsTheDoorbellWithItsStreamsAskedOverOnvif() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result add = cli.runWithStdin(PASSWORD + "\n", "camera", "add", "Doorbell", "--onvif", onvifHostPort(),
                "--user", "admin", "--password-stdin");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out() + add.err()).doesNotContain(PASSWORD);
        JsonNode cam = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(cam.get("mainUrl").asText()).endsWith("/main").startsWith("rtsp://127.0.0.1:");
        assertThat(cam.get("subUrl").asText()).endsWith("/sub");
        assertThat(cam.get("onvifUrl").asText()).contains("/onvif/device_service");
        assertThat(cam.get("hasPassword").asBoolean()).isTrue();
    }

    @Test
    void wrongPasswordIsASentence() {
        CliRunner.Result add = new CliRunner(dir).runWithStdin("nope\n", "camera", "add", "Doorbell", "--onvif",
                onvifHostPort(), "--user", "admin", "--password-stdin");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.err()).contains("wrong user name or password").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void urlAndOnvifTogetherAreRefused() {
        CliRunner.Result add = new CliRunner(dir).run("camera", "add", "X", "--onvif", "127.0.0.1:1", "--url", "rtsp://h/a");
        assertThat(add.exitCode()).isEqualTo(2);
        assertThat(add.err()).contains("either");
    }
}
