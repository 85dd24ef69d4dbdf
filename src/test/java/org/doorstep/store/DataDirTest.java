package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirTest {
    private final Path home = Path.of("/home/anna");

    @Test
    void explicitFolderWins() {
        DataDir d = DataDir.resolve(Path.of("/srv/ds"), Map.of("DOORSTEP_HOME", "/elsewhere"), "Linux", home);
        assertThat(d.root()).isEqualTo(Path.of("/srv/ds"));
    }

    @Test
    void environmentComesNext() {
        assertThat(DataDir.resolve(null, Map.of("DOORSTEP_HOME", "/data/ds"), "Linux", home).root())
                .isEqualTo(Path.of("/data/ds"));
    }

    @Test
    void linuxFollowsXdg() {
        assertThat(DataDir.resolve(null, Map.of(), "Linux", home).root())
                .isEqualTo(Path.of("/home/anna/.local/share/doorstep"));
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "/x"), "Linux", home).root())
                .isEqualTo(Path.of("/x/doorstep"));
    }

    @Test
    void macAndWindowsUseTheirUsualPlaces() {
        assertThat(DataDir.resolve(null, Map.of(), "Mac OS X", home).root())
                .isEqualTo(Path.of("/home/anna/Library/Application Support/Doorstep"));
        assertThat(DataDir.resolve(null, Map.of("LOCALAPPDATA", "/c/Users/anna/AppData/Local"), "Windows 11", home).root())
                .isEqualTo(Path.of("/c/Users/anna/AppData/Local/Doorstep"));
    }

    @Test
    void subfoldersLiveUnderTheRoot() {
        DataDir d = new DataDir(Path.of("/d"));
        assertThat(d.segments()).isEqualTo(Path.of("/d/segments"));
        assertThat(d.keys()).isEqualTo(Path.of("/d/keys"));
        assertThat(d.thumbnails()).isEqualTo(Path.of("/d/thumbnails"));
        assertThat(d.settingsFile()).isEqualTo(Path.of("/d/settings.json"));
    }
}
