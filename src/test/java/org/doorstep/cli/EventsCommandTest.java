package org.doorstep.cli;

import org.doorstep.common.JsonMapper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void listsEventsFilteredByCameraTypeAndTime() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            CameraRepository cameras = new CameraRepository(db);
            long porch = cameras.insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            long shop = cameras.insert(Camera.newCamera("Shop", URI.create("rtsp://10.0.0.3/a"), null, null, null)).id();
            EventRepository events = new EventRepository(db);
            events.insert(new StoredEvent(0, porch, StoredEvent.MOTION, T0, T0.plusSeconds(12), 64,
                    new StoredEvent.Box(0.25, 0.5, 0.125, 0.25), null, null));
            StoredEvent ring = events.insert(new StoredEvent(0, porch, StoredEvent.RING, T0.plusSeconds(5), null, 100, null,
                    null, null));
            events.update(new StoredEvent(ring.id(), porch, StoredEvent.RING, ring.start(), T0.plusSeconds(6), 100, null,
                    null, null));
            events.insert(new StoredEvent(0, shop, StoredEvent.MOTION, T0.plusSeconds(3600), T0.plusSeconds(3610), 40,
                    null, null, null));
            try (var c = db.connection(); var ps = c.prepareStatement("INSERT INTO segment (camera_id, stream, start_utc,"
                    + " end_utc, bytes, key_id, file) VALUES (?, 'main', ?, ?, 1, 'k', ?)")) {
                for (int i = 0; i < 3; i++) {
                    ps.setLong(1, porch);
                    ps.setObject(2, T0.minusSeconds(60).plusSeconds(60L * i).atOffset(java.time.ZoneOffset.UTC));
                    ps.setObject(3, T0.plusSeconds(60L * i).atOffset(java.time.ZoneOffset.UTC));
                    ps.setString(4, "segments/p" + i);
                    ps.executeUpdate();
                }
            }
        }
        CliRunner cli = new CliRunner(dir);
        JsonNode all = JsonMapper.create().readTree(cli.run("events", "--json").out());
        assertThat(all).hasSize(3);
        JsonNode rings = JsonMapper.create().readTree(cli.run("events", "--json", "--type", "ring").out());
        assertThat(rings).hasSize(1);
        assertThat(rings.get(0).get("camera").asText()).isEqualTo("Porch");
        assertThat(rings.get(0).get("start").asText()).isEqualTo("2026-11-27T08:00:05Z");
        assertThat(rings.get(0).get("end").asText()).isEqualTo("2026-11-27T08:00:06Z");
        JsonNode porchMotion = JsonMapper.create().readTree(cli.run("events", "--json", "--camera", "Porch", "--type", "motion",
                "--from", "2026-11-27T07:59:00Z", "--to", "2026-11-27T08:10:00Z").out());
        assertThat(porchMotion).hasSize(1);
        assertThat(porchMotion.get(0).get("score").asInt()).isEqualTo(64);
        assertThat(porchMotion.get(0).get("box").get("x").asDouble()).isEqualTo(0.25);
        // 08:00:00-08:00:12 with 5 s pre- and post-roll touches the segments 07:59-08:00 and 08:00-08:01
        JsonNode recording = porchMotion.get(0).get("recording");
        assertThat(recording.get("from").asText()).isEqualTo("2026-11-27T07:59:55Z");
        assertThat(recording.get("to").asText()).isEqualTo("2026-11-27T08:00:17Z");
        assertThat(recording.get("segments").asInt()).isEqualTo(2);
        JsonNode shopEvent = JsonMapper.create().readTree(cli.run("events", "--json", "--camera", "Shop").out()).get(0);
        assertThat(shopEvent.get("recording").get("segments").asInt()).isZero();
        CliRunner.Result table = cli.run("events", "--camera", "Shop");
        assertThat(table.out()).contains("Shop").contains("motion");
        CliRunner.Result badType = cli.run("events", "--type", "explosion");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("Unknown kind of event");
        CliRunner.Result badRange = cli.run("events", "--from", "2026-11-28T00:00:00Z", "--to", "2026-11-27T00:00:00Z");
        assertThat(badRange.err()).contains("must be before");
    }

    @Test
    void activityIsKeptPerSecondInMinuteRows() throws Exception {
        try (Database db = Database.open(new DataDir(dir).create())) {
            long cam = new CameraRepository(db).insert(
                    Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null)).id();
            ActivityRepository activity = new ActivityRepository(db);
            byte[] first = new byte[60];
            first[10] = 30;
            first[11] = 80;
            activity.merge(cam, T0.plusSeconds(20), first);
            byte[] second = new byte[60];
            second[11] = 50;
            second[12] = 20;
            activity.merge(cam, T0, second);
            Map<Instant, Integer> levels = activity.levels(cam, T0, T0.plusSeconds(60));
            assertThat(levels).containsExactly(
                    Map.entry(T0.plusSeconds(10), 30), Map.entry(T0.plusSeconds(11), 80), Map.entry(T0.plusSeconds(12), 20));
        }
    }
}
