package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.doorstep.App;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UninstallCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private void oneRing() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null,
                    null, null));
            new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null));
        }
    }

    @Test
    void withoutTheTickTheRecordingsStayAndItSaysHowToRemoveTheProgram() throws Exception {
        oneRing();
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("uninstall");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Your recordings stay in " + dir, "Quit Doorstep first",
                "development build"); // the tests run from the build tree: nothing installed
        assertThat(cli.run("events", "--json").out()).contains(T0.toString());
    }

    @Test
    void eraseMyRecordingsNeedsYesWithoutATerminalThenErasesWithAReceipt() throws Exception {
        oneRing();
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result refused = cli.run("uninstall", "--erase-recordings");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("1 events", "--yes");
        assertThat(cli.run("events", "--json").out()).contains(T0.toString());

        CliRunner.Result r = cli.run("uninstall", "--erase-recordings", "--yes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("[100%] Done");
        assertThat(r.out()).containsPattern("Erased 0 recordings, 1 events, .*Receipt e-");
        assertThat(cli.run("events", "--json").out()).doesNotContain(T0.toString());
        assertThat(cli.run("receipts").out()).contains("e-");
    }
}
