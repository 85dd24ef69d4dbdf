package org.doorstep.ui.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock screen's model without a stage: lock now, a wrong and a right password, the field emptied each time. */
class LockViewModelTest {
    @TempDir
    Path dir;

    @Test
    void lockNowThenUnlockWithTheRightPassword() throws Exception {
        try (App app = App.open(new DataDir(dir), "doorstep")) {
            LockViewModel model = new LockViewModel(app.lock(), UiExecutors.direct(), Messages.of("lock", Locale.GERMAN));
            assertThat(model.enabledProperty().get()).isFalse();
            model.lockNow();
            assertThat(model.lockedProperty().get()).as("no password: nothing to lock").isFalse();

            app.lock().set(null, "geheim".toCharArray());
            model.lockNow();
            assertThat(model.lockedProperty().get()).isTrue();
            assertThat(model.enabledProperty().get()).isTrue();
            assertThat(model.liveAllowedProperty().get()).isTrue();

            model.password.set("falsch");
            model.unlock();
            assertThat(model.lockedProperty().get()).isTrue();
            assertThat(model.problemProperty().get()).isEqualTo("Das ist nicht das Sperrpasswort.");
            assertThat(model.password.get()).isEmpty();

            model.password.set("geheim");
            model.unlock();
            assertThat(model.lockedProperty().get()).isFalse();
            assertThat(model.problemProperty().get()).isNull();
            assertThat(model.busyProperty().get()).isFalse();
            model.close();
        }
    }
}
