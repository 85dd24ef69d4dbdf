package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Theme;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.Test;

/**
 * App settings without a stage: the theme applies when chosen, is stored on save, bad sizes are explained, and
 * "save processor time while nothing moves" is stored and shown again.
 */
class AppSettingsViewModelTest {

    @Test
    void themeSwitchAppliesAtOnceAndIsStored() throws Exception {
        Path dir = Files.createTempDirectory("doorstep-app-settings");
        try (Workspace workspace = new Launcher().open(dir, "app settings test")) {
            AppSettingsViewModel model = new AppSettingsViewModel(workspace.appSettings(), UiExecutors.direct(),
                    Messages.of("settings", Locale.ENGLISH));
            List<Theme> applied = new ArrayList<>();
            model.themeApplier(() -> applied.add(model.theme.get()));
            List<String> languages = new ArrayList<>();
            model.onLanguageChanged(languages::add);
            model.load();
            assertThat(model.theme.get()).isEqualTo(Theme.SYSTEM);
            assertThat(model.space().get()).contains("free on this disk");
            model.theme.set(Theme.DARK);
            assertThat(applied).containsExactly(Theme.DARK);

            model.storageCapGb.set("lots");
            model.save();
            assertThat(model.error("storageCapBytes").get()).isEqualTo("Enter a size in gigabytes, for example 200"
                    + " (empty = no limit).");
            assertThat(workspace.appSettings().current().theme()).isEqualTo("system");

            model.storageCapGb.set("200");
            model.language.set("de");
            model.startWithComputer.set(true);
            assertThat(model.keyframesWhileStill.get()).as("off by default").isFalse();
            model.keyframesWhileStill.set(true);
            model.save();
            assertThat(model.error("storageCapBytes").get()).isEmpty();
            assertThat(languages).as("the window reopens in German at once").containsExactly("de");
            model.save();
            assertThat(languages).as("no change, no reopening").containsExactly("de");
            assertThat(workspace.appSettings().current().theme()).isEqualTo("dark");
            assertThat(workspace.appSettings().current().storageCapBytes()).isEqualTo(200_000_000_000L);
            assertThat(workspace.appSettings().current().language()).isEqualTo("de");
            assertThat(workspace.appSettings().current().startWithComputer()).isTrue();
            assertThat(workspace.appSettings().current().keyframesWhileStill()).isTrue();
        }
        try (Workspace again = new Launcher().open(dir, "app settings test")) {
            assertThat(again.appSettings().choices().theme()).isEqualTo("dark");
            assertThat(again.appSettings().choices().keyframesWhileStill()).isTrue();
            AppSettingsViewModel model = new AppSettingsViewModel(again.appSettings(), UiExecutors.direct(),
                    Messages.of("settings", Locale.ENGLISH));
            model.load();
            assertThat(model.keyframesWhileStill.get()).as("shown as saved").isTrue();
        }
    }
}
