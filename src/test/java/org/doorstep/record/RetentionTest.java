package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.store.SegmentRow;
/** Retention, storage cap and key destruction on a real database and real encrypted files. */
class RetentionTest {
    @TempDir
    Path dir;

    private SegmentRow segment(RecordTestSupport t, Camera cam, Instant start, int bytes) throws Exception {
        String rel = t.files.relative(cam.id(), "main", start);
        Path file = t.files.resolve(rel);
        Files.createDirectories(file.getParent());
        SegmentKeyStore.SegmentKey key = t.keys.keyFor(cam.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
            w.write(new byte[bytes], 0, bytes);
        }
        return t.index.insert(new SegmentRow(0, cam.id(), "main", start, start.plusSeconds(60), null, null,
                Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
    }

    @Test
    void capRemovesOldestFirstAcrossCameras() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera a = t.addCamera("a", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Camera b = t.addCamera("b", URI.create("rtsp://127.0.0.1:1/b"), null, null);
            Instant now = Instant.now();
            List<SegmentRow> rows = new ArrayList<>();
            for (int i = 10; i >= 1; i--) {
                rows.add(segment(t, i % 2 == 0 ? a : b, now.minus(Duration.ofMinutes(i)), 100_000));
            }
            long each = rows.get(0).bytes();
            RetentionService capped = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    new org.doorstep.store.Settings(null, 60, each * 4, 0, 300, "auto", 5), java.time.Clock.systemUTC());

            RetentionService.Result r = capped.runOnce();

            assertThat(r.deleted()).isEqualTo(6);
            List<SegmentRow> left = t.index.all();
            assertThat(left).extracting(SegmentRow::id).containsExactlyElementsOf(
                    rows.subList(6, 10).stream().map(SegmentRow::id).toList());
            for (SegmentRow gone : rows.subList(0, 6)) {
                assertThat(t.files.resolve(gone.file())).doesNotExist();
            }
            assertThat(t.index.totalBytes()).isLessThanOrEqualTo(each * 4);
        }
    }

    @Test
    void aCamerasOwnCapRemovesOnlyItsOldestFootage() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera a = t.addCamera("a", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Camera b = t.addCamera("b", URI.create("rtsp://127.0.0.1:1/b"), null, null);
            Instant now = Instant.now();
            List<SegmentRow> ofA = new ArrayList<>();
            List<SegmentRow> ofB = new ArrayList<>();
            for (int i = 6; i >= 1; i--) {
                ofA.add(segment(t, a, now.minus(Duration.ofMinutes(i)), 100_000));
                ofB.add(segment(t, b, now.minus(Duration.ofMinutes(i)), 100_000));
            }
            long each = ofA.get(0).bytes();
            // camera a may keep two segments' worth; b has no cap of its own, and there is no app-wide cap
            Camera capped = a.withOptions(new Camera.Options(null, null, each * 2, "auto", false, false));
            t.app.cameras().update(capped);
            RetentionService retention = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    new org.doorstep.store.Settings(null, 60, 0, 0, 300, "auto", 5), java.time.Clock.systemUTC());

            RetentionService.Result r = retention.runOnce();

            assertThat(r.deleted()).isEqualTo(4);
            assertThat(t.index.totalBytes(a.id())).isLessThanOrEqualTo(each * 2);
            assertThat(t.index.all()).extracting(SegmentRow::id).containsAll(ofB.stream().map(SegmentRow::id).toList())
                    .containsAll(ofA.subList(4, 6).stream().map(SegmentRow::id).toList());
            for (SegmentRow gone : ofA.subList(0, 4)) {
                assertThat(t.files.resolve(gone.file())).doesNotExist();
            }
        }
    }

    @Test
    void footageOlderThanTheCameraRetentionGoesAndItsDayKeyIsDestroyed() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera cam = t.addCamera("door", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Instant now = Instant.now();
            SegmentRow old = segment(t, cam, now.minus(Duration.ofDays(3)), 10_000);
            SegmentRow recent = segment(t, cam, now.minus(Duration.ofHours(47)), 10_000);

            RetentionService.Result r = t.retention.runOnce();

            assertThat(r.deleted()).isEqualTo(1);
            assertThat(t.index.all()).extracting(SegmentRow::id).containsExactly(recent.id());
            assertThat(t.files.resolve(old.file())).doesNotExist();
            assertThat(r.keysDestroyed()).isEqualTo(1);
            assertThat(t.keys.find(old.keyId())).isEmpty();
            assertThat(t.keys.find(recent.keyId())).isPresent();
        }
    }
}
