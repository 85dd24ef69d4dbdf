package org.doorstep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() throws Exception {
        Settings s = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(s).isEqualTo(Settings.defaults());
        assertThat(s.segmentSeconds()).isEqualTo(60);
        assertThat(s.hwAccel()).isEqualTo("auto");
    }

    @Test
    void savedSettingsComeBack() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub").resolve("settings.json"));
        Settings changed = new Settings("de", 30, 5_000_000_000L, 1_000_000L, 120, "off", 2.5);
        store.save(changed);
        assertThat(store.load()).isEqualTo(changed);
    }

    @Test
    void unknownKeysFromNewerVersionsAreIgnored() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"segmentSeconds\": 45, \"futureOption\": true}");
        assertThat(new SettingsStore(file).load().segmentSeconds()).isEqualTo(45);
    }

    @Test
    void keysMissingFromTheFileKeepTheirDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"segmentSeconds\": 45, \"hwAccel\": \"off\"}");
        Settings d = Settings.defaults();
        assertThat(new SettingsStore(file).load()).isEqualTo(new Settings(d.language(), 45, d.storageCapBytes(),
                d.minFreeBytes(), d.retentionCheckSeconds(), "off", d.motionFps()));
    }

    @Test
    void keysWrittenAsNullKeepTheirDefaultsToo() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"segmentSeconds\": 30, \"minFreeBytes\": null, \"storageCapBytes\": null,"
                + " \"retentionCheckSeconds\": null, \"motionFps\": null, \"startWithComputer\": null}");
        Settings d = Settings.defaults();
        Settings s = new SettingsStore(file).load();
        assertThat(s.segmentSeconds()).isEqualTo(30);
        assertThat(s.minFreeBytes()).isEqualTo(d.minFreeBytes());
        assertThat(s.storageCapBytes()).isEqualTo(d.storageCapBytes());
        assertThat(s.motionFps()).isEqualTo(d.motionFps());
    }

    @Test
    void anAppOpenedOnAPartialSettingsFileRunsWithTheDefaultsOfTheMissingKeys() throws Exception {
        DataDir data = new DataDir(dir.resolve("data")).create();
        Files.writeString(data.settingsFile(), "{\"language\": \"de\"}");
        Settings s = new SettingsStore(data.settingsFile()).load();
        assertThat(s).isEqualTo(new Settings("de", 60, 0, Settings.defaults().minFreeBytes(), 300, "auto", 5.0));
    }

    @Test
    void anExplicitZeroIsKeptWhereZeroIsAllowed() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"minFreeBytes\": 0}");
        assertThat(new SettingsStore(file).load().minFreeBytes()).isZero();
    }

    @Test
    void outOfRangeValuesFallBackToSafeOnes() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"segmentSeconds\": -5, \"retentionCheckSeconds\": 99999, \"motionFps\": 0}");
        Settings s = new SettingsStore(file).load();
        assertThat(s.segmentSeconds()).isEqualTo(60);
        assertThat(s.retentionCheckSeconds()).isEqualTo(300);
        assertThat(s.motionFps()).isEqualTo(5.0);
    }

    @Test
    void damagedFileIsReportedAndLeftAlone() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ this is not json");
        assertThatThrownBy(() -> new SettingsStore(file).load())
                .isInstanceOf(SettingsStore.DamagedSettingsException.class)
                .hasMessageContaining("damaged");
        assertThat(Files.readString(file)).isEqualTo("{ this is not json");
    }
}
