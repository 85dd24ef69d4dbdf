package org.doorstep.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.NotificationSettings;
import org.doorstep.usecase.desktop.QuietHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsViewModelTest {
    @TempDir
    Path dir;

    private NotificationsViewModel model(NotificationSettings settings) {
        return new NotificationsViewModel(settings, () -> List.of(
                new NotificationsViewModel.CameraRef(1, "Front door"),
                new NotificationsViewModel.CameraRef(2, "Garden")),
                UiExecutors.direct(), Messages.of("desktop", Locale.ENGLISH));
    }

    @Test
    void showsTheSavedChoicesAndARowPerCamera() {
        NotificationSettings settings = new NotificationSettings(dir.resolve("notifications.json"));
        settings.setQuietHours(2, QuietHours.parse("23:00-06:30").orElseThrow());
        settings.setKinds(true, false);
        NotificationsViewModel model = model(settings);
        model.load();
        assertThat(model.rings.get()).isTrue();
        assertThat(model.cameraLost.get()).isFalse();
        assertThat(model.rows()).extracting(r -> r.camera().name()).containsExactly("Front door", "Garden");
        NotificationsViewModel.Row garden = model.rows().get(1);
        assertThat(garden.quiet.get()).isTrue();
        assertThat(garden.from.get()).isEqualTo("23:00");
        assertThat(garden.to.get()).isEqualTo("06:30");
        assertThat(model.rows().get(0).quiet.get()).isFalse();
    }

    @Test
    void savesEverythingAtOnceSoTheRouterFollowsIt() {
        Path file = dir.resolve("notifications.json");
        NotificationsViewModel model = model(new NotificationSettings(file));
        model.load();
        model.rings.set(false);
        NotificationsViewModel.Row front = model.rows().get(0);
        front.quiet.set(true);
        front.from.set("21:30");
        front.to.set("07:00");
        assertThat(model.save()).isTrue();
        assertThat(model.message().get()).startsWith("Saved");

        NotificationSettings again = new NotificationSettings(file);
        assertThat(again.rings()).isFalse();
        assertThat(again.cameraLost()).isTrue();
        assertThat(again.quietHours(1)).map(Object::toString).contains("21:30-07:00");
        assertThat(again.quietHours(2)).isEmpty();

        front.quiet.set(false); // switching a camera's quiet hours off removes them
        assertThat(model.save()).isTrue();
        assertThat(new NotificationSettings(file).all()).isEmpty();
    }

    @Test
    void aWrongTimeIsExplainedAtItsRowAndNothingIsSaved() {
        Path file = dir.resolve("notifications.json");
        NotificationsViewModel model = model(new NotificationSettings(file));
        model.load();
        model.cameraLost.set(false);
        NotificationsViewModel.Row garden = model.rows().get(1);
        garden.quiet.set(true);
        garden.from.set("25:00");
        assertThat(model.save()).isFalse();
        assertThat(garden.error().get()).contains("HH:MM");
        assertThat(model.rows().get(0).error().get()).isEmpty();
        assertThat(model.message().get()).contains("Nothing was saved");
        assertThat(new NotificationSettings(file).cameraLost()).isTrue();

        garden.from.set("07:00"); // equal ends mean nothing
        assertThat(model.save()).isFalse();
        garden.from.set("06:00");
        assertThat(model.save()).isTrue();
        assertThat(garden.error().get()).isEmpty();
    }
}
