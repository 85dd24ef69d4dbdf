package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.media.RtspRecordingProxy;
import org.doorstep.privacy.ThumbnailSink;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.ActivityRepository;
import org.doorstep.store.AnalysedStreams;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;
import org.doorstep.store.DataDir;
import org.doorstep.store.Database;
import org.doorstep.store.EventRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Motion analysis connects with the camera's RTSP transport setting, as recording does. */
class MotionServiceTransportTest {

    @TempDir
    Path dir;

    @Test
    void aUdpCameraIsAnalysedOverUdp() throws Exception {
        DataDir data = new DataDir(dir).create();
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (Database db = Database.open(data); VirtualDoorbell doorbell = new VirtualDoorbell(cfg)) {
            doorbell.start();
            try (RtspRecordingProxy proxy = new RtspRecordingProxy(doorbell.rtspPort())) {
                URI sub = URI.create(proxy.via(doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString()));
                Camera camera = new CameraRepository(db).insert(new Camera(0, "Porch", sub, sub, null, null, null,
                        null, true, null, "udp", true, 5, null, Instant.now()));
                ThumbnailSink none = (cameraId, at, jpeg) -> null;
                try (MotionService motion = new MotionService(new EventRepository(db), new ActivityRepository(db),
                        new AnalysedStreams(db), none, Camera::analysisUrl, 5.0, List.of())) {
                    motion.start(camera);
                    await().atMost(Duration.ofSeconds(20)).until(() -> motion.stats(camera.id()).analysed() >= 5);
                }
                assertThat(proxy.requestedTransports()).isNotEmpty().allMatch(t -> t.startsWith("RTP/AVP/UDP;"));
            }
        }
    }
}
