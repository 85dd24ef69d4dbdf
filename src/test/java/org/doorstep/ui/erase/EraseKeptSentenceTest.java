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
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.erase.EraseScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erase confirmation says how many kept clips it includes, in English and German. */
class EraseKeptSentenceTest {
    @TempDir
    Path dir;

    @Test
    void theConfirmationNamesTheKeptClips() throws Exception {
        try (App app = App.open(new DataDir(dir), "erase kept sentence")) {
            app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
            Instant t = Instant.now().minusSeconds(3600);
            app.keep().keep("Porch", t, t.plusSeconds(60), "theft", null);
            app.keep().keep("Porch", t.plusSeconds(120), t.plusSeconds(180), "theft, second visit", null);

            EraseViewModel english = new EraseViewModel(app.erase(), EraseScope.camera("Porch", false),
                    UiExecutors.direct(), Messages.of("erase_ui", Locale.ENGLISH));
            english.load();
            assertThat(english.summaryProperty().get())
                    .endsWith("This includes 2 kept clips, which will be erased and released too.");
            assertThat(english.nothingProperty().get()).isFalse();

            EraseViewModel german = new EraseViewModel(app.erase(), EraseScope.cameraRange("Porch", t, t.plusSeconds(60)),
                    UiExecutors.direct(), Messages.of("erase_ui", Locale.GERMAN));
            german.load();
            assertThat(german.summaryProperty().get()).endsWith("Dazu gehört ein aufbewahrter Clip; auch er wird"
                    + " gelöscht und freigegeben.");
        }
    }
}
