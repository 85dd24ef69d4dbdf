package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import org.doorstep.App;
import org.doorstep.common.JsonMapper;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepCommandTest {
    @TempDir
    Path dir;

    @Test
    void keepsListsAsJsonRemindsAndReleases() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        }
        CliRunner cli = new CliRunner(dir);
        String today = LocalDate.now().toString();

        CliRunner.Result added = cli.run("keep", "add", "--camera", "Porch", "--from", "2026-11-27T08:00:00Z",
                "--to", "2026-11-27T08:05:00Z", "--reason", "parcel stolen", "--review", today);
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Kept clip 1").contains("Porch");

        CliRunner.Result list = cli.run("keep", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode rows = JsonMapper.create().readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("reason").asText()).isEqualTo("parcel stolen");
        assertThat(rows.get(0).get("from").asText()).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(rows.get(0).get("due").asBoolean()).isTrue();
        assertThat(list.err()).contains("due for review");

        CliRunner.Result noReason = cli.run("keep", "add", "--camera", "Porch", "--from", "2026-11-27T08:00:00Z",
                "--to", "2026-11-27T08:05:00Z", "--reason", " ");
        assertThat(noReason.exitCode()).isNotZero();
        assertThat(noReason.err()).contains("Say why");

        CliRunner.Result released = cli.run("keep", "release", "1");
        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(cli.run("keep", "list").out()).contains("No clips are kept");
        assertThat(cli.run("keep", "release", "1").exitCode()).isNotZero();
    }
}
