package org.doorstep.usecase.watch;

import java.nio.file.Path;
import org.doorstep.App;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;

/**
 * The data folder the motion-cost tests share: "Front door" on the doorbell's main stream alone (motion analysed on
 * main) and "Garden" with main and sub, 2-second segments.
 */
public final class MotionCostCameras {
    private MotionCostCameras() {
    }

    public static void insert(Path dir, VirtualDoorbell bell) throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            Settings d = Settings.defaults();
            app.settingsStore().save(new Settings(null, 2, 0, 0, 300, d.hwAccel(), d.motionFps()));
            app.cameras().insert(Camera.newCamera("Front door", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null,
                    null, null));
            app.cameras().insert(Camera.newCamera("Garden", bell.rtspUri(VirtualDoorbell.Stream.MAIN),
                    bell.rtspUri(VirtualDoorbell.Stream.SUB), null, null));
        }
    }
}
