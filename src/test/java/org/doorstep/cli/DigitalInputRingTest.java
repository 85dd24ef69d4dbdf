package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.Launcher;
import org.doorstep.common.JsonMapper;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.onvif.SimEvent;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.timeline.TimelineService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A doorbell whose button is wired to the camera's digital input: once the owner maps that topic to rings
 * ({@code camera set --ring-topic}), a press is a ring on the timeline and in {@code events --type ring --json};
 * before, the same press is no ring.
 */
class DigitalInputRingTest {
    private static final String PASSWORD = "porch-Pa55";

    @TempDir
    Path dir;

    @Test
    void aDigitalInputMappedAsRingIsStoredAsARing() throws Exception {
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials("admin", PASSWORD, false).withOnvif(0, 0, Duration.ZERO);
        try (DemoCamera camera = new DemoCamera(config).start(RenderProgress.NONE, SimulatedOnvifCamera.NO_DISCOVERY)) {
            CliRunner cli = new CliRunner(dir);
            CliRunner.Result add = cli.runWithStdin(PASSWORD + "\n", "camera", "add", "Gate", "--onvif",
                    "127.0.0.1:" + camera.onvifUri().getPort(), "--user", "admin", "--password-stdin");
            assertThat(add.exitCode()).as(add.err()).isZero();

            assertThat(cli.run("camera", "set", "Gate", "--ring-topic", "nonsense topic!").err())
                    .contains("not an ONVIF event topic");
            CliRunner.Result set = cli.run("camera", "set", "Gate", "--ring-topic", "tns1:Device/Trigger/DigitalInput");
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("tns1:Device/Trigger/DigitalInput");

            Instant pressed;
            try (Workspace workspace = new Launcher().open(dir, "digital input test")) {
                workspace.watch().start(List.of("Gate"));
                await().atMost(Duration.ofSeconds(15)).until(() -> subscribed(camera));
                Thread.sleep(1500); // the subscription's first pull has delivered the initial states
                pressed = Instant.now();
                camera.onvif().publish(SimEvent.digitalInput(pressed, true));
                Thread.sleep(800);
                camera.onvif().publish(SimEvent.digitalInput(Instant.now(), false));
                await().atMost(Duration.ofSeconds(10)).until(() -> !workspace.timeline()
                        .events("Gate", "ring", pressed.minusSeconds(60), Instant.now().plusSeconds(5), false).isEmpty());
                List<TimelineService.Row> rows = workspace.timeline().window(pressed.minusSeconds(60),
                        Instant.now().plusSeconds(5));
                assertThat(rows).singleElement().satisfies(row -> assertThat(row.window().events())
                        .anySatisfy(mark -> assertThat(mark.type()).isEqualTo("ring")));
                workspace.watch().close();
            }
            CliRunner.Result events = cli.run("events", "--type", "ring", "--json");
            assertThat(events.exitCode()).as(events.err()).isZero();
            JsonNode rings = JsonMapper.create().readTree(events.out());
            assertThat(rings).hasSize(1);
            assertThat(rings.get(0).get("camera").asText()).isEqualTo("Gate");
            assertThat(Duration.between(pressed, Instant.parse(rings.get(0).get("start").asText())).abs())
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    private static boolean subscribed(DemoCamera camera) {
        return camera.onvif().server().subscriptionCount() > 0;
    }
}
