package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.doorstep.playback.ExportService;
import org.doorstep.sim.Audio;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.store.SegmentRow;
import org.doorstep.store.KeyframeIndex;
/** Records the virtual doorbell over RTSP into encrypted segments, indexes and exports them. */
class RecordingEngineTest {
    @TempDir
    Path dir;

    @Test
    void sixtySecondsRecordedAreIndexedAndEveryExportDecodes() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withAudio(Audio.AAC));
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 10, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            // sound is recorded only when switched on (off by default since the camera settings)
            cam = cam.withOptions(new Camera.Options(null, null, 0, "auto", true, false));
            t.app.cameras().update(cam);
            t.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.RECORDING));
            Thread.sleep(Long.getLong("record.seconds", 60) * 1000);
            t.service.close();

            List<SegmentRow> rows = t.index.find(cam.id(), null, null);
            assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
            long covered = rows.stream().mapToLong(r -> r.duration().toMillis()).sum();
            assertThat(covered).isGreaterThanOrEqualTo(Long.getLong("record.seconds", 60) * 1000 - 2000);
            for (SegmentRow r : rows) {
                assertThat(r.videoCodec()).isEqualTo("h264");
                assertThat(r.audioCodec()).isEqualTo("aac");
                assertThat(r.width()).isEqualTo(1280);
                assertThat(KeyframeIndex.unpack(r.keyframes())).isNotEmpty();
                assertThat(Files.size(t.files.resolve(r.file()))).isEqualTo(r.bytes());
            }
            // encrypted at rest: the MP4 structure is visible after decryption and nowhere on disk
            Path firstFile = t.files.resolve(rows.get(0).file());
            byte[] disk = Files.readAllBytes(firstFile);
            byte[] plain;
            try (org.doorstep.privacy.DecryptingSegmentReader r =
                         org.doorstep.privacy.DecryptingSegmentReader.open(firstFile, t.keys)) {
                plain = r.stream(0).readAllBytes();
            }
            for (String box : new String[] {"ftyp", "moov", "moof", "mdat"}) {
                byte[] b = box.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(indexOf(plain, b)).as("plaintext has " + box).isGreaterThanOrEqualTo(0);
                assertThat(indexOf(disk, b)).as("disk has " + box).isEqualTo(-1);
            }
            ExportService export = new ExportService(t.index, t.files, t.keys);
            Instant first = rows.get(0).start();
            Instant last = rows.get(rows.size() - 1).end();
            // the whole recording, and a range that spans a segment boundary
            Instant[][] ranges = {{first, last}, {first.plusSeconds(7), first.plusSeconds(23)}};
            for (Instant[] range : ranges) {
                Path out = dir.resolve("export-" + range[0].toEpochMilli() + ".mp4");
                ExportService.Result res = export.export(cam.id(), range[0], range[1], out, f -> { }, () -> false);
                StreamCheck.Result probe = RecordTestSupport.probeDecode(out);
                assertThat(probe.exit()).isZero();
                assertThat(probe.stderr()).as("ffprobe errors").isBlank();
                assertThat(probe.stdout()).contains("format_name=mov,mp4");
                double seconds = Double.parseDouble(probe.stdout().replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
                double wanted = Duration.between(range[0], range[1]).toMillis() / 1000.0;
                // starts at the keyframe at or before 'from' (GOP ≤ 2 s)
                assertThat(seconds).isBetween(wanted - 1.0, wanted + 2.5);
                assertThat(res.bytes()).isEqualTo(Files.size(out));
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
