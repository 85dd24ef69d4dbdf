package org.doorstep.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.doorstep.common.Messages;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.DecoderProbe;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HelpMenuTest {
    private final AtomicInteger shortcuts = new AtomicInteger();
    private final List<Path> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        DecoderDoctor.Report report = new DecoderDoctor.Report(Instant.EPOCH, "linux-x86_64",
                new DecoderProbe.Build("8.1.2", "LGPL", "", null), List.of(), List.of());
        Diagnostics diagnostics = new Diagnostics(() -> report, List::of, Path.of("/tmp/doorstep-logs"), "9.9");
        HelpMenuModel model = new HelpMenuModel(diagnostics, opened::add, UiExecutors.direct(),
                Messages.of("desktop", Locale.GERMAN));
        HelpMenu menu = new HelpMenu(model, Messages.of("desktop", Locale.GERMAN), shortcuts::incrementAndGet);
        stage.setScene(new Scene(new StackPane(menu.node()), 300, 200));
        stage.show();
    }

    @Test
    void theMenuOffersShortcutsLogsAndDiagnosticsInTheWindowsLanguage(FxRobot robot) {
        MenuButton menu = robot.lookup("#helpMenu").queryAs(MenuButton.class);
        assertThat(menu.getItems()).extracting(MenuItem::getText)
                .containsExactly("Tastenkürzel", "Log-Ordner öffnen", "Diagnose kopieren");
        robot.interact(() -> menu.getItems().get(0).fire());
        assertThat(shortcuts).hasValue(1);
        robot.interact(() -> menu.getItems().get(1).fire());
        assertThat(opened).containsExactly(Path.of("/tmp/doorstep-logs"));
        robot.interact(() -> menu.getItems().get(2).fire());
        WaitForAsyncUtils.waitForFxEvents();
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).contains("Doorstep 9.9", "FFmpeg 8.1.2", "Cameras 0");
    }

    @Test
    void uninstallIsOfferedLastWhenTheWindowWiresIt(FxRobot robot) {
        AtomicInteger uninstall = new AtomicInteger();
        Diagnostics diagnostics = new Diagnostics(() -> null, List::of, Path.of("/tmp/doorstep-logs"), "9.9");
        Messages de = Messages.of("desktop", Locale.GERMAN);
        HelpMenu menu = new HelpMenu(new HelpMenuModel(diagnostics, opened::add, UiExecutors.direct(), de), de,
                shortcuts::incrementAndGet);
        menu.onUninstall(uninstall::incrementAndGet);
        menu.onUninstall(uninstall::incrementAndGet); // wired again (a rebuilt window): still one item
        assertThat(menu.node().getItems()).extracting(MenuItem::getText).containsExactly("Tastenkürzel",
                "Log-Ordner öffnen", "Diagnose kopieren", null, "Doorstep deinstallieren…");
        robot.interact(() -> menu.node().getItems().get(4).fire());
        assertThat(uninstall).hasValue(1);
    }
}
