package org.doorstep.usecase.player;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.App;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.record.RecordingService;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.Settings;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * (Shared by the export tests of usecase.player and ui.export.)
 * Real encrypted segments to export: the virtual doorbell (loopback RTSP, the cached demo scene) recorded for a few
 * seconds in two-second segments into a data folder, which the tests then open as a workspace.
 */
public final class DoorbellFootage {
    public static final String CAMERA = "Porch";

    private DoorbellFootage() {
    }

    /** Records about {@code seconds} of the doorbell into {@code dir}; returns the recorded range (main stream). */
    public static Instant[] record(Path dir, int seconds) throws Exception {
        DoorbellConfig config = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(config);
             App app = App.open(new DataDir(dir), "export test recording")) {
            bell.start();
            app.catalog().add(new CameraCatalog.ByAddress(CAMERA, bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                    null, null, null, null));
            Settings d = Settings.defaults();
            Settings settings = new Settings(null, 2, 0, 0, d.retentionCheckSeconds(), d.hwAccel(), d.motionFps());
            SegmentIndex index = new SegmentIndex(app.database());
            RecordingService recorder = new RecordingService(app.cameras(), app.vault(), settings,
                    new SegmentFiles(app.dataDir()), new SegmentKeyStore(app.dataDir().keys()), index, null,
                    status -> { }, Clock.systemUTC());
            try {
                recorder.start(List.of());
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 20).toNanos();
                while (System.nanoTime() < deadline && covered(index).compareTo(Duration.ofSeconds(seconds)) < 0) {
                    Thread.sleep(250);
                }
            } finally {
                recorder.close();
            }
            List<SegmentRow> rows = index.find(null, null, null).stream()
                    .filter(r -> r.stream().equals("main")).toList();
            if (rows.size() < 3) {
                throw new IllegalStateException("recorded only " + rows.size() + " segments");
            }
            return new Instant[] {rows.get(0).start(), rows.get(rows.size() - 1).end()};
        }
    }

    private static Duration covered(SegmentIndex index) throws Exception {
        return index.find(null, null, null).stream().map(SegmentRow::duration).reduce(Duration.ZERO, Duration::plus);
    }

}
