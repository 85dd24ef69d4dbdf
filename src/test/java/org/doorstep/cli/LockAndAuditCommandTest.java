package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.doorstep.App;
import org.doorstep.common.JsonMapper;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.lock.AppLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doorstep lock …} and {@code doorstep audit}, run in-process against a real data folder. */
class LockAndAuditCommandTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private long setUp() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null,
                    null));
            return new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null)).id();
        }
    }

    @Test
    void aLockedInstallRefusesEraseExportAndSegmentsWithoutThePasswordAndAuditsWhatRan() throws Exception {
        long event = setUp();
        CliRunner cli = new CliRunner(dir);

        CliRunner.Result set = cli.runWithStdin("open sesame\n", "lock", "set");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.err()).contains("The lock is set");
        String access = Files.readString(dir.resolve("access.json"));
        assertThat(access).doesNotContain("open sesame").contains("PBKDF2WithHmacSHA256");

        CliRunner.Result noPassword = cli.runWithStdin("", "erase", "--event", Long.toString(event), "--yes");
        assertThat(noPassword.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(noPassword.err()).contains("Doorstep is locked: erasing needs the lock password");
        CliRunner.Result wrong = cli.runWithStdin("guess\n", "erase", "--event", Long.toString(event), "--yes");
        assertThat(wrong.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(wrong.err()).contains("That is not the lock password");
        CliRunner.Result export = cli.runWithStdin("guess\n", "export", "--camera", "Porch", "--from",
                T0.toString(), "--to", T0.plusSeconds(60).toString(), dir.resolve("x.mp4").toString());
        assertThat(export.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(export.err()).contains("exporting stays locked");
        CliRunner.Result segments = cli.runWithStdin("", "segments", "--json");
        assertThat(segments.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        CliRunner.Result german = cli.runWithStdin("", "--lang", "de", "segments");
        assertThat(german.err()).contains("Doorstep ist gesperrt");
        assertThat(cli.runWithStdin("", "events", "--json").exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(cli.runWithStdin("open sesame\n", "events", "--json").out()).as("nothing was erased")
                .contains(T0.toString());

        CliRunner.Result erased = cli.runWithStdin("open sesame\n", "erase", "--event", Long.toString(event), "--yes",
                "--json");
        assertThat(erased.exitCode()).as(erased.err()).isZero();
        CliRunner.Result options = cli.runWithStdin("open sesame\n", "lock", "options", "--idle", "5",
                "--audit-days", "90");
        assertThat(options.exitCode()).as(options.err()).isZero();

        CliRunner.Result lockedAudit = cli.runWithStdin("", "audit", "--json");
        assertThat(lockedAudit.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        CliRunner.Result audit = cli.runWithStdin("open sesame\n", "audit", "--json");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        JsonNode doc = JsonMapper.create().readTree(audit.out());
        assertThat(doc.get("retentionDays").asInt()).isEqualTo(90);
        JsonNode entries = doc.get("entries");
        assertThat(entries).isNotEmpty();
        java.util.List<String> actions = new java.util.ArrayList<>();
        for (JsonNode e : entries) {
            actions.add(e.get("action").asText());
            assertThat(e.has("at")).isTrue();
            assertThat(Instant.parse(e.get("at").asText())).isNotNull();
            assertThat(e.get("detail").isNull() ? "" : e.get("detail").asText()).doesNotContain("open sesame");
        }
        assertThat(actions).contains("lock.set", "unlock.failed", "unlock", "erase", "setting");
        JsonNode eraseRow = find(entries, "erase");
        assertThat(eraseRow.get("actor").asText()).isEqualTo("doorstep erase");
        assertThat(eraseRow.get("detail").asText()).startsWith("receipt e-");
        java.util.List<String> settings = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (e.get("action").asText().equals("setting")) {
                settings.add(e.get("detail").asText());
            }
        });
        assertThat(settings).containsExactly("lock idle minutes: 10 -> 5", "audit retention days: 365 -> 90");

        // a range that holds nothing
        CliRunner.Result none = cli.runWithStdin("open sesame\n", "audit", "--json", "--from", "2020-01-01T00:00:00Z",
                "--to", "2020-01-02T00:00:00Z");
        assertThat(JsonMapper.create().readTree(none.out()).get("entries")).isEmpty();

        CliRunner.Result status = cli.run("lock", "status", "--json");
        assertThat(JsonMapper.create().readTree(status.out()).get("passwordSet").asBoolean()).isTrue();
        CliRunner.Result clearWrong = cli.runWithStdin("nope\n", "lock", "clear");
        assertThat(clearWrong.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        CliRunner.Result clear = cli.runWithStdin("open sesame\n", "lock", "clear");
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(cli.run("segments").exitCode()).as("no lock, no password asked").isZero();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndResetNeedsYes() throws Exception {
        setUp();
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.runWithStdin("first\n", "lock", "set").exitCode()).isZero();
        CliRunner.Result bad = cli.runWithStdin("not it\nsecond\n", "lock", "set");
        assertThat(bad.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        CliRunner.Result changed = cli.runWithStdin("first\nsecond\n", "lock", "set");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.err()).contains("changed");
        assertThat(cli.runWithStdin("first\n", "segments").exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(cli.runWithStdin("second\n", "segments").exitCode()).isZero();

        CliRunner.Result noYes = cli.run("lock", "reset");
        assertThat(noYes.exitCode()).isEqualTo(2);
        assertThat(noYes.err()).contains("erases every recording");
        CliRunner.Result reset = cli.run("lock", "reset", "--yes");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.err()).contains("Every recording is erased (receipt e-");
        assertThat(cli.run("events", "--json").out()).doesNotContain(T0.toString());
        assertThat(cli.run("lock", "status").out()).contains("No lock password is set");
    }

    // every locked command gets a standard input here: reading the test JVM's own would wait for ever

    private static JsonNode find(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " row");
    }
}
