package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-disk reserve on a small disk: the default 2 GB on a 2 GB disk made retention delete each segment right
 * after it was written, silently. The reserve is now at most 5 % of the disk, and footage deleted for space before
 * its retention is said (a shortfall per camera).
 */
class SmallDiskReserveTest {
    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;

    @TempDir
    Path dir;

    /** A disk of {@code total} bytes whose free space is {@code free} plus what was deleted since (files count). */
    private static final class SmallDisk implements DiskSpace {
        final long total;
        final long free;
        final Path root;
        final long startBytes;

        SmallDisk(long total, long free, Path root) throws IOException {
            this.total = total;
            this.free = free;
            this.root = root;
            this.startBytes = bytesIn(root);
        }

        @Override
        public long usable(Path path) throws IOException {
            return free + (startBytes - bytesIn(root));
        }

        @Override
        public long total(Path path) {
            return total;
        }

        private static long bytesIn(Path root) throws IOException {
            try (var walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
    }

    @Test
    void theReserveIsAtMostFivePercentOfTheDiskAndAtLeastTwiceTheHeadroom() {
        assertThat(DiskReserve.reserve(2 * GB, 2 * GB)).isEqualTo(2 * GB / 20); // a 2 GB card: about 100 MB
        assertThat(DiskReserve.reserve(2 * GB, 500 * GB)).isEqualTo(2 * GB); // a big disk: the setting
        assertThat(DiskReserve.reserve(0, 500 * GB)).isZero(); // switched off
        assertThat(DiskReserve.reserve(2 * GB, 20 * MB)).isEqualTo(2 * MB); // a 20 MB disk: 2 x 1 MB headroom
        assertThat(DiskReserve.headroom(20 * MB)).isEqualTo(MB);
        assertThat(DiskReserve.headroom(4000 * GB)).isEqualTo(256 * MB);
    }

    @Test
    void theDefaultReserveOnATwoGigabyteDiskKeepsTheFootage() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera cam = t.addCamera("porch", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Instant now = Instant.now();
            for (int i = 10; i >= 1; i--) {
                segment(t, cam, now.minus(Duration.ofMinutes(i)), (int) MB);
            }
            // 1.5 GB of a 2 GB disk free: under the old fixed 2 GB reserve every segment went
            DiskSpace disk = new SmallDisk(2 * GB, 1536 * MB, t.files.root());
            RetentionService retention = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    Settings.defaults(), Clock.systemUTC(), disk);

            RetentionService.Result r = retention.runOnce();

            assertThat(r.deleted()).isZero();
            assertThat(t.index.all()).hasSize(10);
            assertThat(retention.effectiveReserve()).isEqualTo(2 * GB / 20);
            assertThat(retention.shortfalls()).isEmpty();
        }
    }

    @Test
    void footageDeletedForSpaceBeforeItsRetentionIsReportedAsAShortfall() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera cam = t.addCamera("porch", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Instant now = Instant.now();
            for (int i = 10; i >= 1; i--) {
                segment(t, cam, now.minus(Duration.ofMinutes(i)), (int) MB);
            }
            // a 100 MB disk: reserve 5 MB; 2 MB free, so three or four of the 10 minutes must go
            DiskSpace disk = new SmallDisk(100 * MB, 2 * MB, t.files.root());
            RetentionService retention = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    Settings.defaults(), Clock.systemUTC(), disk);

            RetentionService.Result r = retention.runOnce();

            assertThat(r.deleted()).isBetween(3, 4);
            List<RetentionService.Shortfall> shortfalls = retention.shortfalls();
            assertThat(shortfalls).singleElement().satisfies(s -> {
                assertThat(s.cameraName()).isEqualTo("porch");
                assertThat(s.retention()).isEqualTo(Duration.ofHours(48));
                assertThat(s.kept()).isLessThan(Duration.ofMinutes(8));
            });
        }
    }

    private static void segment(RecordTestSupport t, Camera cam, Instant start, int bytes) throws Exception {
        String rel = t.files.relative(cam.id(), "main", start);
        Path file = t.files.resolve(rel);
        Files.createDirectories(file.getParent());
        SegmentKeyStore.SegmentKey key = t.keys.keyFor(cam.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
            w.write(new byte[bytes], 0, bytes);
        }
        t.index.insert(new SegmentRow(0, cam.id(), "main", start, start.plusSeconds(60), null, null,
                Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
    }
}
