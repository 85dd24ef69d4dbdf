package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: the explicit "internet address allowed" setting is visible in the camera's settings, and kept on save. */
class CameraNetworkNoteTest {
    @TempDir
    Path dir;

    @Test
    void theAllowanceIsShownAndSurvivesASave() {
        try (Workspace workspace = new Launcher().open(dir.resolve("data"), "network note test")) {
            CameraCatalog catalog = workspace.catalog();
            catalog.add(new CameraCatalog.ByAddress("Cabin", "rtsp://8.8.8.8/live", null, null, null, null, true));
            catalog.add(new CameraCatalog.ByAddress("Door", "rtsp://10.0.0.9/live", null, null, null, null));
            CameraSettingsViewModel model = new CameraSettingsViewModel(catalog, workspace.watch(), null,
                    UiExecutors.direct(), Messages.of("settings", Locale.GERMAN));
            model.load("Cabin");
            assertThat(model.networkNote().get()).contains("außerhalb Ihres lokalen Netzes")
                    .contains("ausdrücklich erlaubt");
            model.save();
            assertThat(model.saved().get()).isTrue();
            assertThat(catalog.require("Cabin").options().allowInternetAddress()).isTrue();

            model.load("Door");
            assertThat(model.networkNote().get()).isEmpty();
        }
    }
}
