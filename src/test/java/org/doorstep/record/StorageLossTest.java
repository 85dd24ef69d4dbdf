package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.doorstep.common.Messages;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.sim.StreamCheck;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.doorstep.store.SegmentRow;
import org.doorstep.store.GapRow;
import org.doorstep.store.SegmentFiles;
/**
 * The recordings drive goes away (USB drive unplugged) and comes back; the disk runs short of the free-space reserve.
 * Recording is reported unavailable, never writes elsewhere, resumes when the drive is back, and loses nothing.
 */
class StorageLossTest {
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void segmentsFolderGoneForTenSecondsIsReportedGappedAndRecordingResumes() throws Exception {
        driveUnpluggedAndBack(false);
    }

    @Test
    void anEmptyFolderLeftWhereTheDriveWasMountedIsNotWrittenTo() throws Exception {
        driveUnpluggedAndBack(true);
    }

    /**
     * Unplugs the drive the recordings are on, then plugs it back in. Without an empty mount folder, the segments
     * folder is a link to a folder on the drive (the link dangles while it is away); with one, the folder is moved
     * away and an empty folder stays in its place (an empty mount point on the system disk). A segments folder that
     * is simply deleted is another case (SegmentsFolderDeletedTest): that one is created again.
     */
    private void driveUnpluggedAndBack(boolean leaveEmptyMountFolder) throws Exception {
        Path data = dir.resolve("data");
        Path drive = dir.resolve("drive");
        if (!leaveEmptyMountFolder) {
            Files.createDirectories(drive.resolve("segments"));
            Files.createDirectories(data);
            Files.createSymbolicLink(data.resolve("segments"), drive.resolve("segments"));
        }
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(data, 5, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 1);

            Path segments = t.files.root();
            Path away = dir.resolve("unplugged");
            Path unplugged = leaveEmptyMountFolder ? segments : drive;
            Instant gone = Instant.now();
            Files.move(unplugged, away);
            if (leaveEmptyMountFolder) {
                Files.createDirectory(segments);
            }
            await().atMost(Duration.ofSeconds(9)).until(() -> t.statuses.stream()
                    .anyMatch(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE));
            Instant reported = t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE).findFirst().orElseThrow().since();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), gone.plus(OUTAGE)).toMillis()));
            if (leaveEmptyMountFolder) {
                try (Stream<Path> inside = Files.walk(segments)) {
                    assertThat(inside.filter(p -> !p.equals(segments)).toList())
                            .as("nothing written into the empty mount folder").isEmpty();
                }
                Files.delete(segments);
            } else {
                assertThat(Files.exists(segments)).as("the recorder did not rebuild the vanished folder").isFalse();
                assertThat(drive).as("nor the drive's folder").doesNotExist();
            }
            Instant back = Instant.now();
            Files.move(away, unplugged);
            await().atMost(Duration.ofSeconds(10)).until(() -> recordingSince(t, back));
            Instant resumed = t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.RECORDING && s.since().isAfter(back))
                    .findFirst().orElseThrow().since();
            // a segment after the outage gets indexed
            await().atMost(Duration.ofSeconds(15)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(r -> r.start().isAfter(back.minusSeconds(1))));
            t.service.close();
            System.out.printf("storage loss (empty mount folder: %s): reported %d ms after the folder went, "
                            + "recording again %d ms after it came back%n", leaveEmptyMountFolder,
                    Duration.between(gone, reported).toMillis(), Duration.between(back, resumed).toMillis());

            assertThat(Duration.between(back, resumed)).isLessThan(Duration.ofSeconds(5));
            CameraStatus unavailable = t.statuses.stream()
                    .filter(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE).findFirst().orElseThrow();
            assertThat(unavailable.reason()).isEqualTo("storage-unavailable");
            assertThat(unavailable.message())
                    .isEqualTo(Messages.of("record").get("status.storageUnavailable", "porch", segments))
                    .contains("porch").contains(segments.toString());
            // reported once, not once per 2-second retry; the recorder never stopped
            assertThat(t.statuses.stream().filter(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE))
                    .hasSize(1);
            assertThat(t.statuses.stream().filter(s -> s.state() == CameraStatus.State.STOPPED
                    && s.since().isBefore(resumed))).isEmpty();

            List<GapRow> gaps = t.index.gaps(cam.id(), null, null);
            assertThat(gaps).singleElement().satisfies(g -> {
                assertThat(g.reason()).isEqualTo("storage-unavailable");
                assertThat(g.detail()).isNotBlank();
                // the segment open when the drive went is kept, so the gap starts at its end (≤ one segment later)
                assertThat(g.start()).isBetween(gone.minusSeconds(1), gone.plusSeconds(7));
                assertThat(g.end()).isNotNull();
                assertThat(g.end()).isBetween(back.minusSeconds(1), back.plusSeconds(5));
            });
            GapRow gap = gaps.get(0);
            List<SegmentRow> rows = t.index.find(cam.id(), null, null);
            assertThat(rows).anyMatch(r -> r.end().isBefore(gap.start().plusSeconds(1)));
            assertThat(rows).anyMatch(r -> !r.start().isBefore(gap.end().minusSeconds(1)));
            assertThat(rows).noneMatch(r -> r.start().isAfter(gap.start().plusSeconds(1))
                    && r.start().isBefore(gap.end().minusSeconds(1)));
            for (SegmentRow r : rows) {
                assertDecodes(t, r);
            }
        }
    }

    private static boolean recordingSince(RecordTestSupport t, Instant after) {
        return t.statuses.stream().anyMatch(s -> s.state() == CameraStatus.State.RECORDING && s.since().isAfter(after));
    }

    /** Intact: the indexed size is the file's, and every video frame of the decrypted file decodes without error. */
    private void assertDecodes(RecordTestSupport t, SegmentRow r) throws Exception {
        Path file = t.files.resolve(r.file());
        assertThat(file).exists();
        assertThat(Files.size(file)).as(r.file()).isEqualTo(r.bytes());
        Path plain = dir.resolve("plain-" + r.id() + ".mp4");
        try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(file, t.keys);
             InputStream in = reader.stream(0)) {
            Files.copy(in, plain);
        }
        StreamCheck.Result probe = RecordTestSupport.probeDecode(plain);
        assertThat(probe.exit()).as(r.file()).isZero();
        assertThat(probe.stderr()).as("ffprobe errors for " + r.file()).isBlank();
        int frames = Integer.parseInt(probe.stdout().replaceAll("(?s).*nb_read_frames=(\\d+).*", "$1"));
        assertThat(frames).as(r.file()).isPositive();
    }

    @Test
    void aRestartWhileTheDriveIsUnpluggedNeitherAdoptsTheEmptyFolderNorForgetsTheFootage() throws Exception {
        DataDir data = new DataDir(dir.resolve("data")).create();
        SegmentFiles first = new SegmentFiles(data);
        first.checkVolume();
        Path marker = data.segments().resolve(SegmentFiles.VOLUME_MARKER);
        assertThat(marker).isRegularFile();
        Files.writeString(data.segments().resolve("footage.dseg"), "x");

        Path away = dir.resolve("unplugged");
        Files.move(data.segments(), away);
        Files.createDirectory(data.segments()); // the empty mount folder
        SegmentFiles restarted = new SegmentFiles(data);
        assertThat(restarted.volumePresent()).isFalse();
        assertThat(data.segments()).isEmptyDirectory();
        // start-up reconcile must not drop index rows of footage that is only unplugged
        try (RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 5, 0)) {
            Camera cam = t.addCamera("a", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            SegmentRow row = t.index.insert(new SegmentRow(0, cam.id(), "main", Instant.now(), Instant.now().plusSeconds(5),
                    null, null, 1, "h264", null, 1280, 720, null, "k", "segments/1/2026-01-01/main-20260101T000000000Z.dseg"));
            Reconciler.Result r = new Reconciler(t.index, restarted, t.keys, Clock.systemUTC()).reconcile();
            assertThat(r.rowsRemoved()).isZero();
            assertThat(t.index.all()).extracting(SegmentRow::id).contains(row.id());
        }

        Files.delete(data.segments());
        Files.move(away, data.segments());
        assertThat(restarted.volumePresent()).isTrue();
        assertThat(new SegmentFiles(data).volumePresent()).isTrue();
    }

    @Test
    void aDataDirFromBeforeMarkersIsAdoptedWithItsFootage() throws Exception {
        DataDir data = new DataDir(dir.resolve("old")).create();
        Path old = data.segments().resolve("1").resolve("2026-01-01").resolve("main-20260101T000000000Z.dseg");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "x");
        SegmentFiles files = new SegmentFiles(data);
        assertThat(files.volumePresent()).isTrue();
        assertThat(data.segments().resolve(SegmentFiles.VOLUME_MARKER)).isRegularFile();
        assertThat(old).exists();
        assertThat(new SegmentFiles(data).volumePresent()).isTrue();
    }

    @Test
    void belowTheFreeDiskReserveTheOldestFootageGoesFirstAndOnlyAsMuchAsNeeded() throws Exception {
        try (RecordTestSupport t = new RecordTestSupport(dir, 60, 0)) {
            Camera a = t.addCamera("a", URI.create("rtsp://127.0.0.1:1/a"), null, null);
            Camera b = t.addCamera("b", URI.create("rtsp://127.0.0.1:1/b"), null, null);
            Instant now = Instant.now();
            List<SegmentRow> rows = new ArrayList<>();
            for (int i = 30; i >= 1; i--) {
                rows.add(segment(t, i % 2 == 0 ? a : b, now.minus(Duration.ofMinutes(i)), 1 << 20));
            }
            long each = rows.get(0).bytes();
            long usable = Files.getFileStore(t.files.root()).getUsableSpace();
            // about four segments short of the reserve (other programs on this disk make it approximate)
            long reserve = usable + each * 7 / 2;
            RetentionService reserved = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    new Settings(null, 60, 0, reserve, 300, "auto", 5), Clock.systemUTC(), bigDisk());

            RetentionService.Result r = reserved.runOnce();
            System.out.printf("free-disk reserve: %d of 30 one-MiB segments deleted (about 4 expected)%n", r.deleted());

            assertThat(r.deleted()).isBetween(1, 29);
            List<SegmentRow> left = t.index.all();
            assertThat(left).extracting(SegmentRow::id).containsExactlyElementsOf(
                    rows.subList(r.deleted(), 30).stream().map(SegmentRow::id).toList());
            for (SegmentRow gone : rows.subList(0, r.deleted())) {
                assertThat(t.files.resolve(gone.file())).doesNotExist();
            }
        }
    }

    @Test
    void aDiskThatCannotMeetTheReserveLosesOldFootageButRecordingNeverStops() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 5, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 2);
            long usable = Files.getFileStore(t.files.root()).getUsableSpace();
            RetentionService full = new RetentionService(t.app.cameras(), t.index, t.files, t.keys,
                    new Settings(null, 5, 0, usable + (1L << 40), 300, "auto", 5), Clock.systemUTC(), bigDisk());

            List<SegmentRow> before = t.index.find(cam.id(), null, null);
            RetentionService.Result r = full.runOnce();
            Instant cleaned = Instant.now();
            assertThat(r.deleted()).isGreaterThanOrEqualTo(before.size());
            for (SegmentRow gone : before) {
                assertThat(t.files.resolve(gone.file())).doesNotExist();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(s -> s.end().isAfter(cleaned)));
            t.service.close();
            assertThat(t.statuses).noneMatch(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE);
            for (SegmentRow s : t.index.find(cam.id(), null, null)) {
                assertDecodes(t, s);
            }
        }
    }

    /**
     * This disk's free space on a disk said to be 100 000 times bigger: the reserve is at most 5 % of the disk
     * (DiskReserve), and these tests need a reserve above what is free here.
     */
    private static DiskSpace bigDisk() {
        return new DiskSpace() {
            @Override
            public long usable(Path path) throws java.io.IOException {
                return DiskSpace.system().usable(path);
            }

            @Override
            public long total(Path path) throws java.io.IOException {
                return DiskSpace.system().total(path) * 100_000;
            }
        };
    }

    private static SegmentRow segment(RecordTestSupport t, Camera cam, Instant start, int bytes) throws Exception {
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
}
