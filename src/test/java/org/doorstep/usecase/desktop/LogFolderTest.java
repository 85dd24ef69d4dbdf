package org.doorstep.usecase.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFolderTest {
    private final Path home = Path.of("/home/ann");
    private final Path data = Path.of("/data/doorstep");

    @Test
    void theDefaultDataFolderLogsWhereTheOsKeepsLogs() {
        assertThat(LogFolder.resolve(true, data, Map.of(), "Linux", home))
                .isEqualTo(Path.of("/home/ann/.local/state/doorstep/logs"));
        assertThat(LogFolder.resolve(true, data, Map.of("XDG_STATE_HOME", "/state"), "Linux", home))
                .isEqualTo(Path.of("/state/doorstep/logs"));
        assertThat(LogFolder.resolve(true, data, Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ann/Library/Logs/Doorstep"));
        assertThat(LogFolder.resolve(true, data, Map.of("LOCALAPPDATA", "/local"), "Windows 11", home))
                .isEqualTo(Path.of("/local/Doorstep/logs"));
    }

    @Test
    void aChosenDataFolderKeepsItsLogsInside() {
        assertThat(LogFolder.resolve(false, data, Map.of("XDG_STATE_HOME", "/state"), "Linux", home))
                .isEqualTo(Path.of("/data/doorstep/logs"));
    }
}
