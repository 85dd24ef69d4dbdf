package org.doorstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.doorstep.store.DataDir;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the default data folder the logs live in the OS's log folder; erase must scrub them there too. */
class LogFolderEraseTest {
    @TempDir
    Path data;

    @TempDir
    Path osLogs;

    @Test
    void eraseScrubsTheLogFolderThisProcessLogsTo() throws Exception {
        String ring = "2026-11-20T08:00:30Z";
        Files.writeString(osLogs.resolve("doorstep.log"),
                "2026-11-25T10:00:00.000Z INFO  [events-1] o.d.events.CameraEventService - camera 1: doorbell rang at "
                        + ring + "\n2026-11-25T10:00:01.000Z INFO  [main] org.doorstep.App - started\n");
        String before = System.getProperty("doorstep.logs");
        System.setProperty("doorstep.logs", osLogs.toString()); // what ErrorReporting sets for the default folder
        try (App app = App.open(new DataDir(data), "log folder erase test")) {
            app.erase().run(EraseScope.range(Instant.parse("2026-11-20T08:00:00Z"),
                    Instant.parse("2026-11-20T08:05:00Z")), Set.of(), EraseProgress.NONE, () -> false);
        } finally {
            if (before == null) {
                System.clearProperty("doorstep.logs");
            } else {
                System.setProperty("doorstep.logs", before);
            }
        }
        String log = Files.readString(osLogs.resolve("doorstep.log"));
        assertThat(log).doesNotContain(ring).contains("org.doorstep.App - started");
    }
}
