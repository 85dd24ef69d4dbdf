package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.doorstep.App;
import org.doorstep.privacy.EncryptedThumbnails;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erase everything of 30 days x 4 cameras of synthetic segments: 10-minute segments (144 per camera-day, 17,280 in
 * all) of 2 KiB each written by the real encrypting writer under the real day keys, one motion event with an encrypted
 * thumbnail per camera-hour (2,880), all indexed in H2. Prints the time until the footage is unreadable (every day key
 * destroyed and the key-encryption key rotated) and until the erase is complete (files, rows, receipt, compaction),
 * with the progress it reported, and what the database compaction alone cost.
 */
@Tag("bench")
class EraseBenchmark {
    @TempDir
    Path dir;

    @Test
    void eraseThirtyDaysOfFourCameras() throws Exception {
        int days = 30;
        int cameras = 4;
        int perDay = 144;
        Instant first = Instant.now().minusSeconds(86_400L * (days + 1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        long t0 = System.nanoTime();
        try (App app = App.open(new DataDir(dir), "erase bench")) {
            SegmentKeyStore keys = new SegmentKeyStore(app.dataDir().keys());
            SegmentFiles files = new SegmentFiles(app.dataDir());
            SegmentIndex index = new SegmentIndex(app.database());
            EventRepository events = new EventRepository(app.database());
            EncryptedThumbnails thumbs = new EncryptedThumbnails(app.dataDir(), keys);
            EncryptingSegmentWriter.Buffers buffers = new EncryptingSegmentWriter.Buffers();
            byte[] payload = new byte[2048];
            byte[] jpeg = new byte[1024];
            for (int c = 0; c < cameras; c++) {
                Camera cam = app.cameras().insert(Camera.newCamera("cam" + c, URI.create("rtsp://127.0.0.1:1/" + c), null, null, null));
                for (int d = 0; d < days; d++) {
                    for (int s = 0; s < perDay; s++) {
                        Instant start = first.plusSeconds(86_400L * d + 600L * s);
                        String rel = files.relative(cam.id(), "main", start);
                        Path file = files.resolve(rel);
                        Files.createDirectories(file.getParent());
                        SegmentKeyStore.SegmentKey key = keys.keyFor(cam.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
                        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, buffers)) {
                            w.write(payload, 0, payload.length);
                        }
                        index.insert(new SegmentRow(0, cam.id(), "main", start, start.plusSeconds(600), null, null,
                                Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
                        if (s % 6 == 0) {
                            var t = thumbs.store(cam.id(), start.plusSeconds(30), jpeg);
                            events.insert(new StoredEvent(0, cam.id(), StoredEvent.MOTION, start.plusSeconds(30),
                                    start.plusSeconds(40), 50, new StoredEvent.Box(0.1, 0.1, 0.2, 0.2), t.file(), t.keyId()));
                        }
                    }
                }
            }
            long dbBytes = Files.size(dir.resolve("db").resolve("doorstep.mv.db"));
            System.out.printf("setup: %d segments, %d events with thumbnails, %d keys, database %.1f MB, in %.1f s%n",
                    days * cameras * perDay, days * cameras * perDay / 6, keys.keyIds().size(), dbBytes / 1e6,
                    (System.nanoTime() - t0) / 1e9);

            List<String> progress = new ArrayList<>();
            long[] unreadableAt = {-1};
            long start = System.nanoTime();
            EraseResult r = app.erase().run(EraseScope.everything(), Set.of(), (step, fraction) -> {
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (step == EraseProgress.Step.FILES && unreadableAt[0] < 0) {
                    unreadableAt[0] = ms; // the first report after the keys step: every key is gone
                }
                if (progress.isEmpty() || !progress.get(progress.size() - 1).startsWith(step.name())
                        || step == EraseProgress.Step.ROWS) {
                    progress.add(step.name() + " " + Math.round(fraction * 100) + "% at " + ms + " ms");
                }
            }, () -> false);
            long complete = (System.nanoTime() - start) / 1_000_000;

            assertThat(r.segments()).isEqualTo(days * cameras * perDay);
            assertThat(keys.keyIds()).isEmpty();
            System.out.println("progress: " + String.join(", ", progress));
            System.out.printf("erase everything of %d days x %d cameras: unreadable (keys gone) after %d ms, complete after"
                    + " %d ms; database compaction %d ms (file %.1f MB before the erase, %.1f MB after)%n", days, cameras,
                    unreadableAt[0], complete, app.erase().lastCompaction().toMillis(), dbBytes / 1e6,
                    Files.size(dir.resolve("db").resolve("doorstep.mv.db")) / 1e6);
        }
    }
}
