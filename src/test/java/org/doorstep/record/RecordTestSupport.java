package org.doorstep.record;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.App;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.StreamCheck;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;

import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentFiles;
/** A real data directory, database and recording service against a real RTSP source. */
final class RecordTestSupport implements AutoCloseable {
    final App app;
    final SegmentFiles files;
    final SegmentKeyStore keys;
    final SegmentIndex index;
    final Settings settings;
    final RetentionService retention;
    final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
    RecordingService service;

    RecordTestSupport(Path dir, int segmentSeconds, long capBytes) throws Exception {
        app = App.open(new DataDir(dir), "test");
        files = new SegmentFiles(app.dataDir());
        keys = new SegmentKeyStore(app.dataDir().keys());
        index = new SegmentIndex(app.database());
        Settings d = Settings.defaults();
        settings = new Settings(null, segmentSeconds, capBytes, 0, d.retentionCheckSeconds(), d.hwAccel(), d.motionFps());
        retention = new RetentionService(app.cameras(), index, files, keys, settings, Clock.systemUTC());
    }

    static DoorbellConfig sim() {
        return DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null);
    }

    Camera addCamera(String name, URI url, String user, String password) throws Exception {
        Camera c = Camera.newCamera(name, url, null, user, null);
        if (password != null) {
            c = c.withCredentialRef(app.vault().store(password.toCharArray()));
        }
        return app.cameras().insert(c);
    }

    RecordingService start() throws Exception {
        service = new RecordingService(app.cameras(), app.vault(), settings, files, keys, index, null,
                statuses::add, Clock.systemUTC());
        service.start(List.of());
        return service;
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        app.close();
    }

    /** ffprobe decodes every video frame; returns "frames,duration" and the stderr text. */
    static StreamCheck.Result probeDecode(Path file) throws IOException, InterruptedException {
        return StreamCheck.run(org.bytedeco.ffmpeg.ffprobe.class, "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames:format=duration,format_name", "-of", "default=nw=1",
                file.toString());
    }
}
