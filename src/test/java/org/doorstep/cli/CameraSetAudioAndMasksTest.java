package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.doorstep.common.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camera set --audio} and {@code --detection-mask}: switching sound on says what the law says about it, and
 * changing one option leaves the others as they were (an internet allowance, the privacy masks).
 */
class CameraSetAudioAndMasksTest {
    @TempDir
    Path dir;

    @Test
    void soundOnSaysTheLawAndOtherOptionsSurviveEachChange() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Porch", "--url", "rtsp://8.8.8.8/stream", "--allow-internet-address")
                .exitCode()).isZero();
        assertThat(cli.run("camera", "set", "Porch", "--privacy-mask", "0,0 0.5,0 0.5,0.5").exitCode()).isZero();

        CliRunner.Result on = cli.run("camera", "set", "Porch", "--audio", "on");
        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.err()).contains("§ 201 StGB");
        CliRunner.Result masked = cli.run("camera", "set", "Porch", "--detection-mask", "0,0 1,0 1,0.2",
                "--retention", "24h");
        assertThat(masked.exitCode()).as(masked.err()).isZero();

        JsonNode porch = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(porch.get("recordAudio").asBoolean()).isTrue();
        assertThat(porch.get("detectionMasks").asBoolean()).isTrue();
        assertThat(porch.get("allowInternetAddress").asBoolean()).as("kept through the mask and retention changes")
                .isTrue();
        assertThat(porch.get("privacyMasks")).hasSize(1);
        assertThat(porch.get("retentionHours").asDouble()).isEqualTo(24.0);

        CliRunner.Result off = cli.run("--lang", "de", "camera", "set", "Porch", "--audio", "off",
                "--no-detection-masks");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("201");
        porch = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(porch.get("recordAudio").asBoolean()).isFalse();
        assertThat(porch.get("detectionMasks").asBoolean()).isFalse();
    }
}
