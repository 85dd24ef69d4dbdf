package org.doorstep.record;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.doorstep.App;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;

import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentFiles;
/**
 * A recorder in its own JVM, for the crash and benchmark tests: records all cameras of a data dir with the given
 * segment length and prints "RECORDING <cameraId>" when a camera starts recording. Runs until killed.
 */
public final class RecorderProcess {
    private RecorderProcess() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int segmentSeconds = Integer.parseInt(args[1]);
        App app = App.open(new DataDir(data), "test recorder");
        Settings d = Settings.defaults();
        Settings s = new Settings(null, segmentSeconds, 0, 0, d.retentionCheckSeconds(), d.hwAccel(), d.motionFps());
        SegmentFiles files = new SegmentFiles(app.dataDir());
        SegmentKeyStore keys = new SegmentKeyStore(app.dataDir().keys());
        SegmentIndex index = new SegmentIndex(app.database());
        RecordingService service = app.own(new RecordingService(app.cameras(), app.vault(), s, files, keys, index, null,
                st -> {
                    if (st.state() == CameraStatus.State.RECORDING) {
                        System.out.println("RECORDING " + st.cameraId());
                        System.out.flush();
                    }
                }, Clock.systemUTC()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        service.start(List.of());
        Thread.sleep(Long.MAX_VALUE);
    }
}
