package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.doorstep.common.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code camera add --url rtsp://<public address>} was accepted and recorded. Now an address outside the
 * local network is refused unless the owner allows it explicitly (--allow-internet-address), which camera list
 * shows. Nothing is contacted: adding by address does not connect.
 */
class CameraAddressPolicyCliTest {
    @TempDir
    Path dir;

    @Test
    void aPublicAddressIsRefusedUnlessExplicitlyAllowedAndTheAllowanceIsShown() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result refused = cli.run("camera", "add", "Far", "--url", "rtsp://admin:pw-99@8.8.8.8/live");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("outside your local network").contains("--allow-internet-address")
                .doesNotContain("pw-99").doesNotContain("Exception");
        assertThat(cli.run("camera", "list", "--json").out().trim()).isEqualTo("[ ]");

        CliRunner.Result sub = cli.run("camera", "add", "Half", "--url", "rtsp://192.168.1.5/main",
                "--sub-url", "rtsp://8.8.4.4/sub");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).contains("outside your local network");

        CliRunner.Result allowed = cli.run("camera", "add", "Far", "--url", "rtsp://8.8.8.8/live",
                "--allow-internet-address");
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.err()).contains("allowed its address explicitly");
        assertThat(cli.run("camera", "list").out()).contains("rtsp://8.8.8.8/live (internet address allowed)");
        JsonNode cam = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(cam.get("allowInternetAddress").asBoolean()).isTrue();

        // switching the allowance off again is refused while the address is outside
        CliRunner.Result off = cli.run("camera", "set", "Far", "--allow-internet-address", "off");
        assertThat(off.exitCode()).isEqualTo(2);
        assertThat(off.err()).contains("outside your local network");
    }

    @Test
    void aLanCameraNeedsNoAllowanceAndOtherSchemesAreRefused() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Door", "--url", "rtsp://10.0.0.9/a").exitCode()).isZero();
        JsonNode cam = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(cam.get("allowInternetAddress").asBoolean()).isFalse();
        assertThat(cli.run("camera", "list").out()).doesNotContain("internet address allowed");

        for (String url : new String[] {"file:///etc/passwd", "http://10.0.0.9/video.mjpg"}) {
            CliRunner.Result r = cli.run("camera", "add", "Odd", "--url", url);
            assertThat(r.exitCode()).as(url).isEqualTo(2);
            assertThat(r.err()).as(url).contains("not a camera stream address");
        }
        // allowing and refusing again works for a camera on the LAN
        assertThat(cli.run("camera", "set", "Door", "--allow-internet-address", "on").exitCode()).isZero();
        assertThat(cli.run("camera", "set", "Door", "--allow-internet-address", "off").exitCode()).isZero();
    }
}
