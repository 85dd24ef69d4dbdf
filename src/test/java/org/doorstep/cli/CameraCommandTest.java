package org.doorstep.cli;

import org.doorstep.common.JsonMapper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraCommandTest {
    private static final String PASSWORD = "Tr0ub4dor&3-secret";

    @TempDir
    Path dir;

    @Test
    void passwordFromStdinIsStoredEncryptedAndNeverShown() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result add = cli.runWithStdin(PASSWORD + "\n", "camera", "add", "Front door",
                "--url", "rtsp://192.168.1.20:554/stream1", "--sub-url", "rtsp://192.168.1.20:554/stream2",
                "--user", "admin", "--password-stdin");
        assertThat(add.exitCode()).isZero();
        assertThat(add.out() + add.err()).doesNotContain(PASSWORD).contains("Front door");

        CliRunner.Result list = cli.run("camera", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Front door").contains("rtsp://192.168.1.20:554/stream1").doesNotContain(PASSWORD);

        CliRunner.Result json = cli.run("camera", "list", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).doesNotContain(PASSWORD);
        JsonNode cams = JsonMapper.create().readTree(json.out());
        assertThat(cams).hasSize(1);
        assertThat(cams.get(0).get("name").asText()).isEqualTo("Front door");
        assertThat(cams.get(0).get("user").asText()).isEqualTo("admin");
        assertThat(cams.get(0).get("hasPassword").asBoolean()).isTrue();
        assertThat(cams.get(0).get("subUrl").asText()).isEqualTo("rtsp://192.168.1.20:554/stream2");

        assertNoFileContains(dir, PASSWORD);
    }

    @Test
    void credentialsTypedIntoTheUrlAreTakenOut() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result add = cli.run("camera", "add", "Garage", "--url", "rtsp://viewer:" + PASSWORD + "@10.1.2.3/live");
        assertThat(add.exitCode()).isZero();
        assertThat(add.out() + add.err()).doesNotContain(PASSWORD).contains("taken out");
        CliRunner.Result json = cli.run("camera", "list", "--json");
        JsonNode cam = JsonMapper.create().readTree(json.out()).get(0);
        assertThat(cam.get("mainUrl").asText()).isEqualTo("rtsp://10.1.2.3/live");
        assertThat(cam.get("user").asText()).isEqualTo("viewer");
        assertThat(cam.get("hasPassword").asBoolean()).isTrue();
        assertNoFileContains(dir, PASSWORD);
    }

    @Test
    void removeForgetsCameraAndItsPassword() throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.runWithStdin(PASSWORD + "\n", "camera", "add", "Porch", "--url", "rtsp://10.0.0.9/a", "--password-stdin");
        assertThat(Files.readString(dir.resolve("keys/credentials.json"))).contains("-");
        CliRunner.Result remove = cli.run("camera", "remove", "Porch");
        assertThat(remove.exitCode()).isZero();
        assertThat(cli.run("camera", "list", "--json").out().trim()).isEqualTo("[ ]");
        assertThat(Files.readString(dir.resolve("keys/credentials.json")).trim()).isEqualTo("{}");
    }

    @Test
    void retentionIsReadAsPeopleWriteIt() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Shop", "--url", "rtsp://10.0.0.5/a", "--retention", "3d").exitCode()).isZero();
        JsonNode cam = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(cam.get("retentionHours").asDouble()).isEqualTo(72.0);
    }

    private static void assertNoFileContains(Path root, String secret) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        byte[] needleUtf16 = secret.getBytes(StandardCharsets.UTF_16BE);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                assertThat(indexOf(content, needle)).as("password in clear text in %s", f).isNegative();
                assertThat(indexOf(content, needleUtf16)).as("password in clear text in %s", f).isNegative();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void setRenamesSwitchesOffAndChangesSettingsThroughTheCatalog() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Porch", "--url", "rtsp://10.0.0.2/a").exitCode()).isZero();
        assertThat(cli.run("camera", "add", "Garage", "--url", "rtsp://10.0.0.3/a").exitCode()).isZero();

        CliRunner.Result set = cli.run("camera", "set", "Porch", "--rename", "Front door", "--enabled", "off",
                "--retention", "24h", "--transport", "UDP", "--motion", "off", "--sensitivity", "8");
        assertThat(set.exitCode()).as(set.err()).isZero();
        JsonNode cam = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0);
        assertThat(cam.get("name").asText()).isEqualTo("Front door");
        assertThat(cam.get("enabled").asBoolean()).isFalse();
        assertThat(cam.get("retentionHours").asDouble()).isEqualTo(24.0);

        CliRunner.Result taken = cli.run("camera", "set", "Front door", "--rename", "Garage");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("already a camera called \"Garage\"");
        CliRunner.Result badTransport = cli.run("camera", "set", "Garage", "--transport", "http");
        assertThat(badTransport.exitCode()).isEqualTo(2);
        assertThat(badTransport.err()).contains("tcp or udp").doesNotContain("Exception");
        CliRunner.Result badSwitch = cli.run("camera", "set", "Garage", "--enabled", "maybe");
        assertThat(badSwitch.exitCode()).isEqualTo(2);
        assertThat(badSwitch.err()).contains("on or off");
    }

    @Test
    void privacyMasksAreSetAsCornerFractionsAndRemovedWithNoMasks() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Porch", "--url", "rtsp://192.168.1.20/main").exitCode()).isZero();
        CliRunner.Result set = cli.run("camera", "set", "Porch", "--privacy-mask", "0,0 0.5,0 0.5,1 0,1",
                "--privacy-mask", "0.8,0.8 1,0.8 1,1");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("2 privacy mask");
        JsonNode masks = JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0)
                .get("privacyMasks");
        assertThat(masks).hasSize(2);
        assertThat(masks.get(0)).hasSize(4);
        assertThat(masks.get(0).get(1).get(0).asDouble()).isEqualTo(0.5);
        assertThat(masks.get(1).get(2).get(1).asDouble()).isEqualTo(1.0);

        CliRunner.Result outside = cli.run("camera", "set", "Porch", "--privacy-mask", "0,0 1.5,0 0,1");
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.err()).contains("outside the picture");
        CliRunner.Result tooFew = cli.run("camera", "set", "Porch", "--privacy-mask", "0,0 1,1");
        assertThat(tooFew.exitCode()).isEqualTo(2);
        assertThat(tooFew.err()).contains("three corners");

        assertThat(cli.run("camera", "set", "Porch", "--no-masks").exitCode()).isZero();
        assertThat(JsonMapper.create().readTree(cli.run("camera", "list", "--json").out()).get(0)
                .get("privacyMasks")).isEmpty();
    }
}
