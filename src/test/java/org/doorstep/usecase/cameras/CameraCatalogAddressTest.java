package org.doorstep.usecase.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: the window's edit path (all settings at once) checks a changed address like camera add does. */
class CameraCatalogAddressTest {
    @TempDir
    Path dir;
    Locale before;

    @BeforeEach
    void english() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void editingAnAddressToAPublicOneIsRefusedAtItsFieldUnlessAllowed() {
        try (Workspace w = new Launcher().open(dir.resolve("data"), "catalog address test")) {
            CameraCatalog catalog = w.catalog();
            catalog.add(new CameraCatalog.ByAddress("Door", "rtsp://10.0.0.9/main", null, null, null, null));
            CameraCatalog.Changes c = CameraCatalog.Changes.of(catalog.require("Door"));
            CameraCatalog.Changes toPublic = new CameraCatalog.Changes(c.name(), "rtsp://8.8.8.8/main",
                    "file:///etc/passwd", c.transport(), c.enabled(), c.retention(), c.retentionReason(),
                    c.storageCapBytes(), c.motion(), c.sensitivity(), c.detectionMasks(), c.privacyMasks(),
                    c.hwAccel(), c.recordAudio(), c.hideLive());
            assertThatThrownBy(() -> catalog.change("Door", toPublic))
                    .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                        assertThat(e.problems().get("mainUrl")).contains("outside your local network");
                        assertThat(e.problems().get("subUrl")).contains("not a camera stream address");
                    });
            assertThat(catalog.require("Door").mainUrl().toString()).isEqualTo("rtsp://10.0.0.9/main");

            catalog.setAllowInternetAddress("Door", true);
            CameraCatalog.Changes allowed = new CameraCatalog.Changes(c.name(), "rtsp://8.8.8.8/main", "",
                    c.transport(), c.enabled(), c.retention(), c.retentionReason(), c.storageCapBytes(), c.motion(),
                    c.sensitivity(), c.detectionMasks(), c.privacyMasks(), c.hwAccel(), c.recordAudio(), c.hideLive());
            assertThat(catalog.change("Door", allowed).mainUrl().toString()).isEqualTo("rtsp://8.8.8.8/main");
            assertThat(catalog.require("Door").options().allowInternetAddress()).isTrue();
            assertThatThrownBy(() -> catalog.setAllowInternetAddress("Door", false))
                    .isInstanceOf(UserException.class).hasMessageContaining("outside your local network");
        }
    }
}
