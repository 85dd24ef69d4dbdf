package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.doorstep.App;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorstep storage}: the reserve in force, retention that cannot be kept; {@code storage move DIR}. */
class StorageCommandTest {
    @TempDir
    Path dir;

    @Test
    void statusSaysWhenRetentionCannotBeKeptAndMoveMovesTheRecordings() throws Exception {
        Path data = dir.resolve("data");
        // 20 MB recorded in the last hour, 48 h retention, a 50 MB storage cap: about 2 h fit
        try (App app = App.open(new DataDir(data), "test")) {
            Camera cam = app.cameras().insert(Camera.newCamera("porch", URI.create("rtsp://127.0.0.1:1/x"), null,
                    null, null));
            SegmentFiles files = new SegmentFiles(app.dataDir());
            files.checkVolume();
            SegmentIndex index = new SegmentIndex(app.database());
            Instant start = Instant.now().minusSeconds(3600);
            for (int i = 0; i < 20; i++) {
                Instant t = start.plusSeconds(180L * i);
                String rel = files.relative(cam.id(), "main", t);
                Files.createDirectories(files.resolve(rel).getParent());
                Files.write(files.resolve(rel), new byte[1_000_000]);
                index.insert(new SegmentRow(0, cam.id(), "main", t, t.plusSeconds(180), null, null, 1_000_000,
                        "h264", null, 1280, 720, null, "k", rel));
            }
        }
        Files.writeString(data.resolve("settings.json"), "{\"storageCapBytes\": 50000000}");
        CliRunner cli = new CliRunner(data);

        CliRunner.Result text = cli.run("storage");
        System.out.println(text.out());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains(data.resolve("segments").toString()).contains("available")
                .contains("Camera porch: the disk keeps only 2 h of the 2 d set");
        JsonNode json = new ObjectMapper().readTree(cli.run("storage", "--json").out());
        assertThat(json.get("available").asBoolean()).isTrue();
        assertThat(json.get("reserveBytes").asLong()).isLessThanOrEqualTo(json.get("totalBytes").asLong() / 20 + 1);
        assertThat(json.get("retentionShortfalls").get(0).get("camera").asText()).isEqualTo("porch");

        Path target = dir.resolve("usb").resolve("recordings");
        Files.createDirectories(target.getParent());
        CliRunner.Result moved = cli.run("storage", "move", target.toString());
        System.out.println(moved.out() + moved.err());
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(moved.out()).contains("Moved 21 files");
        assertThat(data.resolve("segments")).doesNotExist();
        JsonNode after = new ObjectMapper().readTree(cli.run("storage", "--json").out());
        assertThat(after.get("folder").asText()).isEqualTo(target.toString());
        assertThat(after.get("available").asBoolean()).isTrue();
    }
}
