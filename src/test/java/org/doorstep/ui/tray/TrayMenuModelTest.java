package org.doorstep.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;
import org.junit.jupiter.api.Test;

class TrayMenuModelTest {
    private final TrayMenuModel model = new TrayMenuModel(Messages.of("desktop", Locale.ENGLISH));

    private static CameraStatus status(long id, String name, String stream, CameraStatus.State state) {
        return new CameraStatus(id, name, stream, state, null, null, Instant.EPOCH, 0, 0);
    }

    @Test
    void withNothingRecordingTheMenuSaysSoAndOffersOpenAndQuit() {
        TrayMenuModel.State s = model.state();
        assertThat(s.items()).extracting(TrayMenuModel.Item::id)
                .containsExactly(TrayMenuModel.STATUS, TrayMenuModel.OPEN, TrayMenuModel.QUIT);
        assertThat(s.item(TrayMenuModel.STATUS).label()).isEqualTo("Not recording");
        assertThat(s.item(TrayMenuModel.STATUS).enabled()).isFalse();
        assertThat(s.item(TrayMenuModel.OPEN).enabled()).isTrue();
        assertThat(s.item(TrayMenuModel.QUIT).label()).isEqualTo("Quit Doorstep (stops recording)");
        assertThat(s.problem()).isFalse();
    }

    @Test
    void countsRecordingCamerasAndNamesTheOnesWithAProblem() {
        model.statusChanged(status(1, "Front door", "main", CameraStatus.State.RECORDING));
        model.statusChanged(status(2, "Garden", "main", CameraStatus.State.RECORDING));
        model.statusChanged(status(3, "Garage", "main", CameraStatus.State.RECONNECTING));
        TrayMenuModel.State s = model.statusChanged(status(1, "Front door", "sub", CameraStatus.State.RECONNECTING));

        assertThat(s.item(TrayMenuModel.STATUS).label()).isEqualTo("Recording 2 cameras");
        assertThat(s.item(TrayMenuModel.PROBLEM).label()).isEqualTo("Problem: Garage");
        assertThat(s.item(TrayMenuModel.PROBLEM).enabled()).isFalse();
        assertThat(s.problem()).isTrue();
        assertThat(s.tooltip()).contains("Recording 2 cameras", "Garage");
    }

    @Test
    void aRecoveredOrStoppedCameraClearsTheProblem() {
        model.statusChanged(status(3, "Garage", "main", CameraStatus.State.STORAGE_UNAVAILABLE));
        assertThat(model.state().problem()).isTrue();
        model.statusChanged(status(3, "Garage", "main", CameraStatus.State.RECORDING));
        assertThat(model.state().item(TrayMenuModel.STATUS).label()).isEqualTo("Recording 1 camera");
        assertThat(model.state().has(TrayMenuModel.PROBLEM)).isFalse();
        TrayMenuModel.State s = model.statusChanged(status(3, "Garage", "main", CameraStatus.State.STOPPED));
        assertThat(s.item(TrayMenuModel.STATUS).label()).isEqualTo("Not recording");
    }

    @Test
    void germanMenu() {
        TrayMenuModel de = new TrayMenuModel(Messages.of("desktop", Locale.GERMAN));
        TrayMenuModel.State s = de.statusChanged(status(1, "Haustür", "main", CameraStatus.State.RECORDING));
        assertThat(s.item(TrayMenuModel.STATUS).label()).isEqualTo("Nimmt 1 Kamera auf");
        assertThat(s.item(TrayMenuModel.OPEN).label()).isEqualTo("Doorstep öffnen");
    }

    @Test
    void theProblemIconHasARedDot() {
        java.awt.image.BufferedImage base = new java.awt.image.BufferedImage(32, 32,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.image.BufferedImage dot = SystemTrayIcon.withProblemDot(base);
        assertThat(dot.getRGB(26, 6) & 0xffffff).isEqualTo(0xd93025);
        assertThat(dot.getRGB(4, 28) >>> 24).isZero();
    }
}
