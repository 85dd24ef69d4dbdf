package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.doorstep.playback.ExportService;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One flipped byte in one recorded segment costs the export that piece, not the whole range. */
class DamagedExportTest {
    @TempDir
    Path dir;

    @Test
    void flippedByteIsSkippedAndNamedTheRestIsExported() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withSizes(640, 360, 640, 360, 15));
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.RECORDING));
            Thread.sleep(8000);
            t.service.close();
            List<SegmentRow> rows = t.index.find(cam.id(), null, null);
            assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
            SegmentRow bad = rows.get(1);
            Path file = t.files.resolve(bad.file());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long at = ch.size() * 2 / 3; // inside a chunk after the header: one fragment of the middle
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, at);
                b.put(0, (byte) (b.get(0) ^ 0x01));
                ch.write(b.rewind(), at);
            }

            Path out = dir.resolve("export.mp4");
            ExportService.Result res = new ExportService(t.index, t.files, t.keys).export(cam.id(),
                    rows.get(0).start(), rows.get(rows.size() - 1).end(), out, f -> { }, () -> false);

            assertThat(res.damaged()).hasSize(1);
            ExportService.Damaged d = res.damaged().get(0);
            assertThat(d.from()).isAfterOrEqualTo(bad.start()).isBefore(bad.end());
            assertThat(d.to()).isAfter(d.from()).isBeforeOrEqualTo(bad.end());
            // only the damaged fragment (1 s GOPs) is lost, not the segment, and everything else is there
            assertThat(Duration.between(d.from(), d.to())).isLessThan(bad.duration());
            long recorded = Duration.between(rows.get(0).start(), rows.get(rows.size() - 1).end()).toMillis();
            long lost = Duration.between(d.from(), d.to()).toMillis();
            assertThat(res.duration().toMillis()).isGreaterThanOrEqualTo(recorded - lost - 1500);
            assertThat(StreamCheck.decodeWarnings(out)).isEmpty();
        }
    }
}
