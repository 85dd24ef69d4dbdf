package org.doorstep.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.motion.MotionCost;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera settings' motion-cost hint, without a stage: a camera analysed on the virtual doorbell's 1280x720 main
 * stream shows its measured cost and that a sub stream is cheaper; typing a sub stream changes it.
 */
class CameraMotionCostHintTest {
    @TempDir
    Path dir;

    @Test
    void measuredCostOfTheMainStreamAndThatASubStreamIsCheaper() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg);
             Workspace workspace = new Launcher().open(dir, "motion cost hint test")) {
            bell.start();
            workspace.catalog().add(new CameraCatalog.ByAddress("Front door",
                    bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(), null, null, null, null));
            workspace.catalog().add(new CameraCatalog.ByAddress("Shop", "rtsp://127.0.0.2:1/a", null, null, null,
                    null)); // never answers: analysed, but nothing measured
            long id = workspace.catalog().require("Front door").id();
            workspace.watch().start(List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                MotionCost c = workspace.watch().motionCost(id);
                return c != null && c.width() > 0 && c.percentOfCore() > 0;
            });

            CameraSettingsViewModel model = new CameraSettingsViewModel(workspace.catalog(), workspace.watch(), null,
                    UiExecutors.direct(), Messages.of("settings", Locale.ENGLISH));
            model.load("Front door");
            assertThat(model.motionCost().get().percentOfCore()).isGreaterThan(0).isLessThan(
                    100.0 * Runtime.getRuntime().availableProcessors());
            System.out.println("hint: " + model.motionCostHint().get());
            assertThat(model.motionCostHint().get())
                    .startsWith("Motion analysis runs on the 1280×720 main stream, as there is no sub stream: about ")
                    .contains("% of one core (measured now")
                    .contains("A 640×360 sub stream has 1/4 of these pixels to decode, so it costs less");

            model.subUrl.set(bell.rtspUri(VirtualDoorbell.Stream.SUB).toString());
            assertThat(model.motionCostHint().get()).startsWith("After saving, motion analysis uses the sub stream,")
                    .contains("(1/4 for 640×360)");
            model.subUrl.set("");
            model.motion.set(false);
            assertThat(model.motionCostHint().get()).isEmpty();

            CameraSettingsViewModel german = new CameraSettingsViewModel(workspace.catalog(), workspace.watch(),
                    null, UiExecutors.direct(), Messages.of("settings", Locale.GERMAN));
            german.load("Front door");
            assertThat(german.motionCostHint().get())
                    .startsWith("Die Bewegungserkennung läuft auf dem Hauptstream mit 1280×720")
                    .contains("Ein Substream mit 640×360 hat 1/4 dieser Pixel zu dekodieren");

            CameraSettingsViewModel shop = new CameraSettingsViewModel(workspace.catalog(), workspace.watch(), null,
                    UiExecutors.direct(), Messages.of("settings", Locale.ENGLISH));
            shop.load("Shop");
            assertThat(shop.motionCostHint().get()).startsWith("Without a sub stream, motion analysis decodes the"
                    + " main stream");
        }
    }
}
