package org.doorstep.ui.keep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.doorstep.ui.common.UiExecutors;

/** The keep dialog's and the kept list's models, without a stage, on a real data folder. */
class KeepViewModelTest {
    @TempDir
    Path dir;

    @Test
    void refusalsComeAsSentencesAndAKeptClipIsListedAndReleased() throws Exception {
        try (App app = App.open(new DataDir(dir), "keep model test")) {
            app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null, null));
            Messages text = Messages.of("keep", Locale.ENGLISH);
            Instant to = Instant.now();
            KeepViewModel model = KeepViewModel.range(app.keep(), UiExecutors.direct(), text, ZoneId.of("UTC"),
                    Clock.systemUTC(), "Porch", to.minusSeconds(60), to);
            assertThat(model.header()).startsWith("Keep Porch, ");

            model.keep();
            assertThat(model.problemProperty().get()).startsWith("Say why");
            model.reasonProperty().set("theft");
            model.reviewOnProperty().set(LocalDate.now(ZoneId.of("UTC")).minusDays(3));
            model.keep();
            assertThat(model.problemProperty().get()).contains("past");
            model.reviewOnProperty().set(null);
            model.keep();
            assertThat(model.problemProperty().get()).isNull();
            assertThat(model.keptProperty().get().reason()).isEqualTo("theft");

            KeptListViewModel list = new KeptListViewModel(app.keep(), UiExecutors.direct(), text, ZoneId.of("UTC"));
            list.reload();
            assertThat(list.items()).hasSize(1);
            assertThat(list.review(list.items().get(0))).isEqualTo("no review date");
            assertThat(list.noticeProperty().get()).isEmpty();
            boolean[] changed = {false};
            list.onChanged(() -> changed[0] = true);
            list.release(list.items().get(0));
            assertThat(list.items()).isEmpty();
            assertThat(changed[0]).isTrue();
        }
    }
}
