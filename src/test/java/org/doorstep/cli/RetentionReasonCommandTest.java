package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.doorstep.App;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New cameras: 48 h and no sound; more than 72 h needs a written reason, kept with the camera. */
class RetentionReasonCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAndTheReasonAbove72Hours() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Porch", "--url", "rtsp://10.0.0.2/a").exitCode()).isZero();
        CliRunner.Result tooLong = cli.run("camera", "add", "Shop", "--url", "rtsp://10.0.0.3/a", "--retention", "96h");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("longer than 72 hours needs a short reason");

        CliRunner.Result noReason = cli.run("camera", "set", "Porch", "--retention", "96h");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("needs a short reason");
        CliRunner.Result withReason = cli.run("camera", "set", "Porch", "--retention", "96h", "--reason",
                "shop, the insurer asks for four days");
        assertThat(withReason.exitCode()).as(withReason.err()).isZero();
        try (App app = App.open(new DataDir(dir), "check")) {
            Camera porch = app.cameras().findByName("Porch").orElseThrow();
            assertThat(porch.retention()).isEqualTo(Duration.ofHours(96));
            assertThat(porch.options().retentionReason()).isEqualTo("shop, the insurer asks for four days");
            assertThat(porch.options().recordAudio()).isFalse();
        }
        // back to 48 h: the reason is no longer needed and not kept
        assertThat(cli.run("camera", "set", "Porch", "--retention", "48h").exitCode()).isZero();
        try (App app = App.open(new DataDir(dir), "check")) {
            Camera porch = app.cameras().findByName("Porch").orElseThrow();
            assertThat(porch.retention()).isEqualTo(Camera.DEFAULT_RETENTION).isEqualTo(Duration.ofHours(48));
            assertThat(porch.options().retentionReason()).isNull();
        }
    }
}
