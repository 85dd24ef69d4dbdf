package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.Database;
import org.doorstep.store.GapRow;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, as the recorder meets it: the free space runs out (a disk that reports "full"), and H2 closes the
 * index database by itself after a failed write. Recording stops before the database's disk is full, says so,
 * resumes by itself, and no segment or gap row is lost — without a restart.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    /** The real disk, except that it can be made to report no free space at all. */
    static final class FillableDisk implements DiskSpace {
        final AtomicBoolean full = new AtomicBoolean();

        @Override
        public long usable(Path path) throws IOException {
            return full.get() ? 0 : DiskSpace.system().usable(path);
        }

        @Override
        public long total(Path path) throws IOException {
            return DiskSpace.system().total(path);
        }
    }

    /** What H2 does when a write fails: closes the database at once, without writing what was pending. */
    private static void h2ClosesTheDatabase(Database db) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // the statement may report the session it just closed
        }
    }

    private RecordingService start(RecordTestSupport t, DiskSpace disk) throws Exception {
        RetentionService retention = new RetentionService(t.app.cameras(), t.index, t.files, t.keys, t.settings,
                Clock.systemUTC(), disk);
        t.service = new RecordingService(t.app.cameras(), t.app.vault(), t.settings, t.files, t.keys, t.index,
                retention, t.statuses::add, Clock.systemUTC(), disk);
        t.service.start(List.of());
        return t.service;
    }

    @Test
    void aFullDiskStopsRecordingBeforeTheDatabaseHasNoRoomAndRecordingResumesWhenThereIsRoom() throws Exception {
        FillableDisk disk = new FillableDisk();
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            start(t, disk);
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 1);

            Instant filled = Instant.now();
            disk.full.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> t.statuses.stream()
                    .anyMatch(s -> "disk-full".equals(s.reason())));
            long filesWhileFull = segmentFiles(t);
            Thread.sleep(5000);
            assertThat(segmentFiles(t)).as("no segment started while the disk is full").isEqualTo(filesWhileFull);
            Instant freed = Instant.now();
            disk.full.set(false);
            await().atMost(Duration.ofSeconds(15)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(r -> r.start().isAfter(freed.minusSeconds(1))));
            t.service.close();

            CameraStatus full = t.statuses.stream().filter(s -> "disk-full".equals(s.reason())).findFirst().orElseThrow();
            assertThat(full.state()).isEqualTo(CameraStatus.State.STORAGE_UNAVAILABLE);
            assertThat(full.message()).contains("porch").contains("full");
            assertThat(t.index.gaps(cam.id(), null, null)).anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo("disk-full");
                assertThat(g.start()).isBetween(filled.minusSeconds(1), filled.plusSeconds(5));
                assertThat(g.end()).isNotNull().isAfter(freed.minusSeconds(1));
            });
            assertEveryFileIndexed(t);
        }
    }

    @Test
    void whenH2ClosesTheDatabaseUnderTheRecorderTheNextSegmentsAreIndexedWithoutARestart() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            start(t, DiskSpace.system());
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 1);
            Instant closed = Instant.now();
            h2ClosesTheDatabase(t.app.database());
            await().atMost(Duration.ofSeconds(15)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(r -> r.start().isAfter(closed)));
            t.service.close();
            assertThat(t.app.database().reopenCount()).isGreaterThanOrEqualTo(1);
            assertEveryFileIndexed(t);
        }
    }

    @Test
    void theDiskFullGapAndTheSegmentsWrittenWhileTheDatabaseCannotBeOpenedAreIndexedWhenItIsBack() throws Exception {
        FillableDisk disk = new FillableDisk();
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            start(t, disk);
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 1);

            // H2 closed the database and cannot open it again for now (its file is out of reach)
            h2ClosesTheDatabase(t.app.database());
            Path file = t.app.database().file();
            Path away = dir.resolve("away.mv.db");
            Files.move(file, away);
            await().atMost(Duration.ofSeconds(15)).until(() -> segmentFiles(t) >= 3); // one closed while it was away
            disk.full.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> t.statuses.stream()
                    .anyMatch(s -> "disk-full".equals(s.reason())));
            Thread.sleep(1000);
            Files.move(away, file);
            Instant back = Instant.now();
            disk.full.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(r -> r.start().isAfter(back)));
            t.service.close();

            List<GapRow> gaps = t.index.gaps(cam.id(), null, null);
            assertThat(gaps).as("the disk-full gap is not lost").anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo("disk-full");
                assertThat(g.end()).isNotNull();
            });
            assertEveryFileIndexed(t);
        }
    }

    private static long segmentFiles(RecordTestSupport t) throws IOException {
        try (Stream<Path> walk = Files.walk(t.files.root())) {
            return walk.filter(p -> p.toString().endsWith(SegmentFiles.EXTENSION)).count();
        }
    }

    private static void assertEveryFileIndexed(RecordTestSupport t) throws Exception {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(t.files.root())) {
            onDisk = walk.filter(p -> p.toString().endsWith(SegmentFiles.EXTENSION)).map(t.files::relativize).sorted()
                    .toList();
        }
        assertThat(t.index.all().stream().map(SegmentRow::file).sorted().toList())
                .as("every segment file has its index row").isEqualTo(onDisk);
    }
}
