package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifCameraAdder;
import org.doorstep.onvif.OnvifException;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a camera whose GetStreamUri answers {@code file:///etc/passwd} was stored as {@code file://…}. Only
 * rtsp/rtsps stream addresses are accepted at onboarding, with a sentence; nothing is stored.
 */
class OnvifStreamSchemeTest {
    @TempDir
    Path dir;

    private static SimulatedOnvifCamera camera(String streamUri) throws Exception {
        OnvifSimConfig cfg = OnvifSimConfig.demo(0, "admin", "door-secret", Duration.ZERO);
        return new SimulatedOnvifCamera(cfg, SimProfile.defaults(), token -> URI.create(streamUri),
                () -> new byte[] {(byte) 0xff, (byte) 0xd8}, SimulatedOnvifCamera.NO_DISCOVERY).start();
    }

    @Test
    void aFileStreamUriIsRefusedByTheOnvifClient() throws Exception {
        try (SimulatedOnvifCamera cam = camera("file:///etc/passwd");
             OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly())) {
            assertThatThrownBy(() -> new OnvifCameraAdder(http, new AuthMemory(), Clock.systemUTC())
                    .add(cam.deviceServiceUri().toString(), "admin", "door-secret".toCharArray(), null, null))
                    .isInstanceOfSatisfying(OnvifException.class, e -> {
                        assertThat(e.key()).isEqualTo("stream.scheme");
                        assertThat(e.userMessage()).contains("not rtsp:// or rtsps://");
                    });
        }
    }

    @Test
    void cameraAddOnvifSaysASentenceAndStoresNothing() throws Exception {
        for (String uri : new String[] {"file:///etc/passwd", "http://127.0.0.1:8080/video.mjpg"}) {
            try (SimulatedOnvifCamera cam = camera(uri)) {
                CliRunner cli = new CliRunner(dir);
                CliRunner.Result add = cli.runWithStdin("door-secret\n", "camera", "add", "Odd", "--onvif",
                        "127.0.0.1:" + cam.deviceServiceUri().getPort(), "--user", "admin", "--password-stdin");
                assertThat(add.exitCode()).as(uri).isEqualTo(1);
                assertThat(add.err()).as(uri).contains("not rtsp:// or rtsps://").doesNotContain("Exception")
                        .doesNotContain("\tat ");
                assertThat(cli.run("camera", "list", "--json").out().trim()).isEqualTo("[ ]");
            }
        }
    }
}
