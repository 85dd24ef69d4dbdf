package org.doorstep.usecase.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationSettingsTest {
    @TempDir
    Path dir;

    @Test
    void quietHoursAreKeptPerCameraAcrossRestarts() {
        Path file = dir.resolve("notifications.json");
        NotificationSettings settings = new NotificationSettings(file);
        settings.setQuietHours(7, QuietHours.parse("22:00-07:00").orElseThrow());
        settings.setQuietHours(8, QuietHours.parse("12:00-13:00").orElseThrow());
        settings.setQuietHours(8, null);

        NotificationSettings again = new NotificationSettings(file);
        assertThat(again.quietHours(7)).map(Object::toString).contains("22:00-07:00");
        assertThat(again.quietHours(8)).isEmpty();
        assertThat(again.all()).hasSize(1);
    }

    @Test
    void aDamagedFileMeansNoQuietHours() throws Exception {
        Path file = dir.resolve("notifications.json");
        Files.writeString(file, "[1, 2");
        assertThat(new NotificationSettings(file).all()).isEmpty();
    }

    @Test
    void ringsAndLostCamerasAreOnUntilSwitchedOffAndAllChoicesAreSavedAtOnce() {
        Path file = dir.resolve("notifications.json");
        NotificationSettings settings = new NotificationSettings(file);
        assertThat(settings.rings()).isTrue();
        assertThat(settings.cameraLost()).isTrue();
        settings.setQuietHours(9, QuietHours.parse("01:00-02:00").orElseThrow());

        settings.save(new NotificationSettings.Choices(false, true,
                java.util.Map.of(7L, QuietHours.parse("22:00-07:00").orElseThrow())));

        NotificationSettings again = new NotificationSettings(file);
        assertThat(again.rings()).isFalse();
        assertThat(again.cameraLost()).isTrue();
        assertThat(again.all()).containsOnlyKeys(7L); // camera 9's hours went with the save
        again.setKinds(true, false);
        assertThat(new NotificationSettings(file).choices())
                .isEqualTo(new NotificationSettings.Choices(true, false, again.all()));
    }
}
