package org.doorstep.usecase.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UninstallTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final Messages en = Messages.of("desktop", Locale.ENGLISH);

    @TempDir
    Path dir;

    @Test
    void howDoorstepIsRemovedFollowsHowItWasInstalled() {
        Optional<Path> opt = Optional.of(Path.of("/opt/doorstep/bin/doorstep"));
        assertThat(Uninstall.detect(Autostart.Os.LINUX, opt, Optional.empty(), Uninstall.DPKG_LIST::equals))
                .isEqualTo(Uninstall.Removal.DEB);
        assertThat(Uninstall.detect(Autostart.Os.LINUX, opt, Optional.empty(), p -> false))
                .isEqualTo(Uninstall.Removal.RPM);
        assertThat(Uninstall.detect(Autostart.Os.LINUX, Optional.of(Path.of("/home/a/doorstep/bin/doorstep")),
                Optional.empty(), p -> true)).isEqualTo(Uninstall.Removal.PORTABLE); // an app image run in place
        assertThat(Uninstall.detect(Autostart.Os.WINDOWS, Optional.of(Path.of("C:/Doorstep/Doorstep.exe")),
                Optional.empty(), p -> false)).isEqualTo(Uninstall.Removal.WINDOWS);
        assertThat(Uninstall.detect(Autostart.Os.MAC, Optional.of(Path.of("/Applications/Doorstep.app/Contents/MacOS/Doorstep")),
                Optional.empty(), p -> false)).isEqualTo(Uninstall.Removal.MAC);
        assertThat(Uninstall.detect(Autostart.Os.LINUX, Optional.empty(), Optional.of(Path.of("/x/bin/doorstep")),
                p -> false)).isEqualTo(Uninstall.Removal.PORTABLE);
        assertThat(Uninstall.detect(Autostart.Os.LINUX, Optional.empty(), Optional.empty(), p -> false))
                .isEqualTo(Uninstall.Removal.DEVELOPMENT);
    }

    @Test
    void theSentenceNamesTheExactCommandOrWay() {
        assertThat(new Uninstall(null, null, Uninstall.Removal.DEB, Optional.empty()).howToRemove(en))
                .contains("sudo apt remove doorstep");
        assertThat(new Uninstall(null, null, Uninstall.Removal.RPM, Optional.empty()).howToRemove(en))
                .contains("sudo dnf remove doorstep");
        assertThat(new Uninstall(null, null, Uninstall.Removal.WINDOWS, Optional.empty()).howToRemove(en))
                .contains("Settings → Apps");
        assertThat(new Uninstall(null, null, Uninstall.Removal.MAC, Optional.empty()).howToRemove(en))
                .contains("drag Doorstep from Applications to the Bin");
        assertThat(new Uninstall(null, null, Uninstall.Removal.PORTABLE, Optional.of(Path.of("/x/doorstep")))
                .howToRemove(en)).contains("/x/doorstep");
        assertThat(new Uninstall(null, null, Uninstall.Removal.DEB, Optional.empty())
                .howToRemove(Messages.of("desktop", Locale.GERMAN))).contains("Dann das Programm entfernen");
    }

    @Test
    void erasingMyRecordingsRunsEraseEverythingWithAReceiptAndStartAtLoginGoesOff() throws Exception {
        try (App app = App.open(new DataDir(dir), "test")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null,
                    null, null));
            new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null));
            AppSettings.Choices c = app.appSettings().choices();
            // a --data-dir folder: the setting changes, the user's real login entry is never touched
            app.appSettings().save(c.withStartWithComputer(true));
            Uninstall uninstall = new Uninstall(app.erase(), app.appSettings(), Uninstall.Removal.DEB, Optional.empty());
            assertThat(uninstall.preview().events()).isEqualTo(1);

            Uninstall.Outcome outcome = uninstall.run(true, EraseProgress.NONE, () -> false, en);

            assertThat(outcome.erased()).isPresent();
            assertThat(outcome.erased().get().events()).isEqualTo(1);
            assertThat(outcome.erased().get().receiptId()).startsWith("e-");
            assertThat(app.erase().receipts()).hasSize(1);
            assertThat(app.erase().preview(org.doorstep.usecase.erase.EraseScope.everything()).events()).isZero();
            assertThat(outcome.startAtLoginOff()).isTrue();
            assertThat(app.appSettings().choices().startWithComputer()).isFalse();
            assertThat(outcome.removal()).contains("sudo apt remove doorstep");
        }
        assertThat(dir.resolve("settings.json")).exists(); // the data folder stays, with the receipt
    }

    @Test
    void withoutTheTickNothingIsErased() throws Exception {
        try (App app = App.open(new DataDir(dir), "test")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null,
                    null, null));
            new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null));
            Uninstall.Outcome outcome = new Uninstall(app.erase(), app.appSettings(), Uninstall.Removal.RPM,
                    Optional.empty()).run(false, EraseProgress.NONE, () -> false, en);
            assertThat(outcome.erased()).isEmpty();
            assertThat(outcome.startAtLoginOff()).isFalse();
            assertThat(app.erase().receipts()).isEmpty();
            assertThat(app.erase().preview(org.doorstep.usecase.erase.EraseScope.everything()).events()).isEqualTo(1);
        }
    }
}
