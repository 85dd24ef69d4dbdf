package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.doorstep.store.Camera;
import org.doorstep.store.GapRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a camera row from an older version may hold a file: address (an ONVIF camera answered GetStreamUri with
 * file:///etc/passwd) or a public address. The recorder neither reads the file nor connects anywhere: it says a
 * sentence, records a gap with reason "not-allowed", and keeps running (retrying slowly) until stopped.
 */
class RefusedAddressTest {
    @TempDir
    Path dir;

    /** What the ONVIF rebase stored: the camera's host put into the file: URI (this one made the recorder throw). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"file:///etc/passwd", "file://127.0.0.1/etc/passwd"})
    void aFileAddressFromAnOldRowIsRefusedWithASentenceAndAGap(String address) throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 10, 0)) {
            Camera cam = t.addCamera("old row", URI.create(address), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.RECONNECTING));
            CameraStatus refused = t.statuses.stream().filter(s -> s.state() == CameraStatus.State.RECONNECTING)
                    .findFirst().orElseThrow();
            assertThat(refused.reason()).isEqualTo("not-allowed");
            assertThat(refused.message()).contains("old row").contains("not a camera stream address")
                    .contains("rtsp://");
            // still supervised, not dead: it stops cleanly when asked
            assertThat(t.service.status()).extracting(CameraStatus::state)
                    .containsOnly(CameraStatus.State.RECONNECTING);
            t.service.close();
            assertThat(t.statuses.get(t.statuses.size() - 1).state()).isEqualTo(CameraStatus.State.STOPPED);
            List<GapRow> gaps = t.index.gaps(cam.id(), null, null);
            assertThat(gaps).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo("not-allowed"));
        }
    }

    @Test
    void aPublicAddressIsNeverContactedByTheRecorder() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 10, 0)) {
            Camera cam = t.addCamera("far away", URI.create("rtsp://8.8.8.8/stream"), "admin", "pw-1234");
            t.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.RECONNECTING));
            CameraStatus refused = t.statuses.stream().filter(s -> s.state() == CameraStatus.State.RECONNECTING)
                    .findFirst().orElseThrow();
            assertThat(refused.reason()).isEqualTo("not-allowed");
            assertThat(refused.message()).contains("outside your local network").doesNotContain("pw-1234");
            t.service.close();
            assertThat(t.index.gaps(cam.id(), null, null)).extracting(GapRow::reason).containsExactly("not-allowed");
        }
    }
}
