package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.doorstep.App;
import org.doorstep.common.JsonMapper;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EraseCommandTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private long[] setUp() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
            EventRepository events = new EventRepository(app.database());
            StoredEvent ring = events.insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0, T0.plusSeconds(1), 100,
                    null, null, null));
            StoredEvent later = events.insert(new StoredEvent(0, porch.id(), StoredEvent.MOTION, T0.plusSeconds(3600),
                    T0.plusSeconds(3610), 40, null, null, null));
            return new long[] {ring.id(), later.id()};
        }
    }

    @Test
    void erasesOneEventAndPrintsTheResultAsJsonThenListsTheReceipt() throws Exception {
        long[] ids = setUp();
        CliRunner cli = new CliRunner(dir);

        CliRunner.Result r = cli.run("erase", "--event", Long.toString(ids[0]), "--yes", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JsonMapper.create().readTree(r.out());
        assertThat(doc.get("events").asInt()).isEqualTo(1);
        assertThat(doc.get("segments").asInt()).isZero();
        assertThat(doc.get("scope").asText()).isEqualTo("camera 1, 2026-11-27 to 2026-11-27");
        assertThat(doc.get("receiptId").asText()).startsWith("e-");
        for (String field : new String[] {"thumbnails", "bytes", "keysDestroyed"}) {
            assertThat(doc.has(field)).isTrue();
        }
        CliRunner.Result events = cli.run("events", "--json");
        assertThat(events.out()).doesNotContain(T0.toString()).contains(T0.plusSeconds(3600).toString());

        CliRunner.Result receipts = cli.run("receipts", "--json");
        assertThat(receipts.exitCode()).isZero();
        JsonNode list = JsonMapper.create().readTree(receipts.out());
        assertThat(list.get("chainIntact").asBoolean()).isTrue();
        assertThat(list.get("receipts")).hasSize(1);
        assertThat(list.get("receipts").get(0).get("receiptId").asText()).isEqualTo(doc.get("receiptId").asText());
    }

    @Test
    void asksForExactlyOneScopeInGermanToo() throws Exception {
        setUp();
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result none = cli.run("erase", "--yes");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("exactly one of --all, --camera NAME or --event ID");
        CliRunner.Result de = cli.run("--lang", "de", "erase", "--camera", "Dachboden", "--yes");
        assertThat(de.exitCode()).isEqualTo(2);
        assertThat(de.err()).contains("Es gibt keine Kamera namens");
        CliRunner.Result text = cli.run("erase", "--all", "--yes");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Erased 0 segments, 2 events");
        assertThat(text.err()).contains("Destroying keys");
    }
}
