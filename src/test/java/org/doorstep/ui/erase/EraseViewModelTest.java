package org.doorstep.ui.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.erase.EraseScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erase confirmation's ViewModel on a real data folder, without a stage. */
class EraseViewModelTest {
    @TempDir
    Path dir;

    private App withTwoEvents() throws Exception {
        App app = App.open(new DataDir(dir), "test");
        Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
        EventRepository events = new EventRepository(app.database());
        Instant t = Instant.parse("2026-11-27T08:00:00Z");
        events.insert(new StoredEvent(0, porch.id(), StoredEvent.RING, t, t.plusSeconds(1), 100, null, null, null));
        events.insert(new StoredEvent(0, porch.id(), StoredEvent.MOTION, t.plusSeconds(60), t.plusSeconds(70), 40, null,
                null, null));
        return app;
    }

    @Test
    void confirmationThenProgressThenReceipt() throws Exception {
        try (App app = withTwoEvents()) {
            EraseViewModel model = new EraseViewModel(app.erase(), EraseScope.camera("Porch", false), UiExecutors.direct(),
                    Messages.of("erase_ui", Locale.ENGLISH));
            model.load();
            assertThat(model.summaryProperty().get())
                    .isEqualTo("Erases from Porch: 0 segments (0.0 hours, 0.0 MB), 2 events and 0 thumbnails.");
            assertThat(model.nothingProperty().get()).isFalse();
            model.start();
            assertThat(model.progressProperty().get()).isEqualTo(1.0);
            assertThat(model.receiptProperty().get()).matches("Erased 0 segments, 2 events, 0 thumbnails \\(0\\.0 MB\\);"
                    + " \\d+ keys destroyed\\. Receipt e-[0-9a-f]{12}\\.");
            assertThat(model.cancellableProperty().get()).isFalse();
            assertThat(app.erase().receipts()).hasSize(1);
        }
    }

    @Test
    void cancelBeforeTheKeysStepErasesNothingAndSaysSoInGerman() throws Exception {
        try (App app = withTwoEvents()) {
            EraseViewModel model = new EraseViewModel(app.erase(), EraseScope.everything(), UiExecutors.direct(),
                    Messages.of("erase_ui", Locale.GERMAN));
            model.load();
            assertThat(model.summaryProperty().get()).startsWith("Gelöscht wird von Porch:");
            model.cancel();
            model.start(); // start resets the flag: a cancel before start does not count
            assertThat(model.receiptProperty().get()).startsWith("0 Segmente, 2 Ereignisse");
            EraseViewModel again = new EraseViewModel(app.erase(), EraseScope.camera("Porch", false),
                    new UiExecutors(r -> { }, Runnable::run), Messages.of("erase_ui", Locale.GERMAN));
            assertThat(again.receiptProperty().get()).isNull();
        }
    }
}
