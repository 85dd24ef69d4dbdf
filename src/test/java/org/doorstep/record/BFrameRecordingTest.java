package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.doorstep.playback.ExportService;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera that sends B-pictures (decode order differs from presentation order): the recorder and the export
 * carry its pts/dts through unchanged, from the first GOP on, and FFmpeg decodes the result without complaint.
 */
class BFrameRecordingTest {
    static final int FPS = 15;

    @TempDir
    Path dir;

    @Test
    void recordedAndExportedBFrameStreamKeepsItsTimestamps() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim().withSizes(320, 180, 320, 180, FPS)
                .withBFrames(2));
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.RECORDING));
            Thread.sleep(7000);
            t.service.close();

            List<SegmentRow> rows = t.index.find(cam.id(), null, null);
            assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
            int recordedPackets = 0;
            for (SegmentRow r : rows) {
                Path plain = dir.resolve("seg-" + r.id() + ".mp4");
                try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(t.files.resolve(r.file()), t.keys)) {
                    Files.write(plain, reader.stream(0).readAllBytes());
                }
                List<StreamCheck.Packet> packets = StreamCheck.packets(plain);
                assertThat(StreamCheck.timestampProblem(packets)).as("segment " + r.file() + " " + head(packets)).isNull();
                assertThat(packets.get(0).key()).isTrue();
                assertThat(StreamCheck.decodeWarnings(plain)).as("decoding segment " + r.file()).isEmpty();
                recordedPackets += packets.size();
            }

            Path out = dir.resolve("export.mp4");
            ExportService.Result res = new ExportService(t.index, t.files, t.keys).export(cam.id(),
                    rows.get(0).start(), rows.get(rows.size() - 1).end(), out, f -> { }, () -> false);
            List<StreamCheck.Packet> packets = StreamCheck.packets(out);
            assertThat(StreamCheck.timestampProblem(packets)).as("export " + head(packets)).isNull();
            assertThat(StreamCheck.decodeWarnings(out)).as("decoding the export").isEmpty();
            assertThat(packets).hasSize(recordedPackets);
            assertThat(StreamCheck.decodedFrames(out)).isEqualTo(packets.size());
            // presentation order is not decode order (the B-pictures survived), and pictures are 1/15 s apart
            List<Long> pts = packets.stream().map(StreamCheck.Packet::pts).toList();
            assertThat(pts).isNotEqualTo(pts.stream().sorted().toList());
            List<Long> sorted = pts.stream().sorted().toList();
            long step = sorted.get(1) - sorted.get(0);
            StringBuilder gaps = new StringBuilder();
            // the recording stopped mid-GOP: the last reference picture may be there without the B-pictures
            // shown before it, which were never sent; anywhere else, no picture time is missing
            for (int i = 1; i < sorted.size() - 1; i++) {
                if (sorted.get(i) - sorted.get(i - 1) != step) {
                    gaps.append(" after packet-in-pts-order ").append(i - 1).append(": ").append(sorted.get(i - 1))
                            .append(" -> ").append(sorted.get(i));
                }
            }
            assertThat(gaps.toString()).as("gaps in presentation times (a frame is " + step + ")").isEmpty();
            assertThat(res.bytes()).isEqualTo(Files.size(out));

            // the player shows the recording in presentation order, one picture per 1/15 s, nothing skipped
            List<java.time.Instant> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<org.doorstep.playback.Notice> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
            org.doorstep.playback.PlaybackService player = new org.doorstep.playback.PlaybackService(t.index, t.files,
                    t.keys, new org.doorstep.store.EventRepository(t.app.database()));
            try (org.doorstep.playback.PlaybackSession session = player.open(List.of(
                    new org.doorstep.playback.PlaybackSession.Source(cam.id(), "porch",
                            new org.doorstep.playback.VideoOut() {
                                @Override
                                public void frame(org.bytedeco.ffmpeg.avutil.AVFrame frame, java.time.Instant at) {
                                    shown.add(at);
                                }

                                @Override
                                public void noRecording(java.time.Instant at) {
                                }
                            })), rows.get(0).start(), notices::add, false, java.time.ZoneOffset.UTC)) {
                session.speed(4.0);
                session.play();
                await().atMost(Duration.ofSeconds(30)).until(() -> shown.size() >= 60);
            }
            assertThat(notices).isEmpty();
            for (int i = 1; i < 60; i++) {
                long ms = Duration.between(shown.get(i - 1), shown.get(i)).toMillis();
                assertThat(ms).as("picture " + i + " of " + shown.subList(0, 60)).isBetween(55L, 80L);
            }
        }
    }

    private static String head(List<StreamCheck.Packet> p) {
        return p.subList(0, Math.min(12, p.size())).toString();
    }
}
