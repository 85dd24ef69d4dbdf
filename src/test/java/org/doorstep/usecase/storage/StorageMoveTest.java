package org.doorstep.usecase.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.doorstep.App;
import org.doorstep.common.UserException;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving the recordings to another folder while a camera records: paused, copied with progress, verified, switched,
 * resumed, and the old copy removed only after success. Cancelled or failed, nothing changes.
 */
class StorageMoveTest {
    @TempDir
    Path dir;

    /** 3-second segments, so the first one (and the first after the move) is there in seconds, not a minute. */
    private static void shortSegments(Path data) throws Exception {
        try (App app = App.open(new DataDir(data), "test setup")) {
            org.doorstep.store.Settings d = org.doorstep.store.Settings.defaults();
            app.settingsStore().save(new org.doorstep.store.Settings(null, 3, 0, d.minFreeBytes(), 300, d.hwAccel(),
                    d.motionFps()));
        }
    }

    private static DoorbellConfig sim() {
        return DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null);
    }

    @Test
    void recordingsMoveToAnotherFolderWhileRecordingAndRecordingGoesOnThere() throws Exception {
        Path data = dir.resolve("data");
        Path target = dir.resolve("bigger-drive").resolve("doorstep-recordings");
        Files.createDirectories(target.getParent());
        shortSegments(data);
        try (VirtualDoorbell bell = new VirtualDoorbell(sim()); App app = App.open(new DataDir(data), "move test")) {
            bell.start();
            app.catalog().add(new CameraCatalog.ByAddress("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                    null, null, null, null));
            SegmentIndex index = new SegmentIndex(app.database());
            app.watch().start(List.of());
            await().atMost(Duration.ofSeconds(90)).until(() -> !index.all().isEmpty());
            Path old = data.resolve("segments");

            List<Storage.MoveProgress> steps = new ArrayList<>();
            Storage.MoveResult r = app.storage().move(target, steps::add, () -> false);
            Instant moved = Instant.now();
            System.out.printf("moved %d files, %.1f MB in %d ms%n", r.files(), r.bytes() / 1e6, r.took().toMillis());

            assertThat(r.oldCopyRemoved()).isTrue();
            assertThat(old).doesNotExist();
            assertThat(app.storage().status().folder()).isEqualTo(target);
            assertThat(steps).isNotEmpty().last().satisfies(p -> assertThat(p.step()).isEqualTo("switch"));
            assertThat(steps).filteredOn(p -> p.step().equals("copy")).last()
                    .satisfies(p -> assertThat(p.bytesDone()).isEqualTo(p.bytesTotal()));
            SegmentFiles files = new SegmentFiles(app.dataDir());
            SegmentKeyStore keys = new SegmentKeyStore(app.dataDir().keys());
            for (SegmentRow row : index.all()) {
                Path f = files.resolve(row.file());
                assertThat(f).startsWith(target).exists().hasSize(row.bytes());
                try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(f, keys)) {
                    assertThat(reader.size()).isPositive();
                }
            }
            // recording goes on, into the new folder
            await().atMost(Duration.ofSeconds(90)).until(() -> index.all().stream()
                    .anyMatch(s -> s.start().isAfter(moved)));
            assertThat(index.all().stream().filter(s -> s.start().isAfter(moved)))
                    .allSatisfy(s -> assertThat(files.resolve(s.file())).startsWith(target).exists());
        }
        // and after a restart the recordings are still found there
        try (App app = App.open(new DataDir(data), "move test again")) {
            assertThat(app.storage().status().folder()).isEqualTo(target);
            assertThat(app.storage().status().available()).isTrue();
        }
    }

    @Test
    void whenTheDriveIsGoneMovingStartsAFreshFolderAndTheMissingFootageBecomesAGap() throws Exception {
        Path data = dir.resolve("data");
        Path drive = dir.resolve("usb");
        Files.createDirectories(drive.resolve("segments"));
        Files.createDirectories(data);
        Files.createSymbolicLink(data.resolve("segments"), drive.resolve("segments"));
        try (App app = App.open(new DataDir(data), "move test")) {
            var cam = app.cameras().insert(org.doorstep.store.Camera.newCamera("porch",
                    java.net.URI.create("rtsp://127.0.0.1:1/x"), null, null, null));
            SegmentFiles files = new SegmentFiles(app.dataDir());
            files.checkVolume();
            SegmentIndex index = new SegmentIndex(app.database());
            Instant t = Instant.now().minusSeconds(600);
            String rel = files.relative(cam.id(), "main", t);
            Files.createDirectories(files.resolve(rel).getParent());
            Files.write(files.resolve(rel), new byte[1000]);
            index.insert(new SegmentRow(0, cam.id(), "main", t, t.plusSeconds(60), null, null, 1000, "h264", null,
                    1280, 720, null, "k", rel));
            Files.move(drive, dir.resolve("unplugged")); // the drive is gone
            assertThat(app.storage().status().available()).isFalse();
            assertThat(app.storage().problems(org.doorstep.common.Messages.of("storage", java.util.Locale.ENGLISH)))
                    .singleElement().asString().contains("plug it in");

            Path fresh = dir.resolve("internal").resolve("recordings");
            Files.createDirectories(fresh.getParent());
            Storage.MoveResult r = app.storage().move(fresh, p -> { }, () -> false);

            assertThat(r.startedFresh()).isTrue();
            assertThat(app.storage().status().folder()).isEqualTo(fresh);
            assertThat(app.storage().status().available()).isTrue();
            assertThat(index.all()).isEmpty();
            assertThat(index.gaps(cam.id(), null, null)).singleElement()
                    .satisfies(g -> assertThat(g.reason()).isEqualTo("files-missing"));
        }
    }

    @Test
    void aCancelledMoveLeavesEverythingWhereItWas() throws Exception {
        Path data = dir.resolve("data");
        try (App app = App.open(new DataDir(data), "move test")) {
            Path old = data.resolve("segments");
            SegmentFiles files = new SegmentFiles(app.dataDir());
            files.checkVolume();
            for (int i = 0; i < 5; i++) {
                Path f = old.resolve("1").resolve("2026-11-30").resolve("main-2026113" + i + "T000000000Z.dseg");
                Files.createDirectories(f.getParent());
                Files.write(f, new byte[1 << 20]);
            }
            Path target = dir.resolve("elsewhere");
            AtomicBoolean cancel = new AtomicBoolean();
            assertThatThrownBy(() -> app.storage().move(target, p -> cancel.set(p.filesDone() >= 2), cancel::get))
                    .isInstanceOf(UserException.class).hasMessageContaining("cancelled");
            assertThat(target).doesNotExist();
            assertThat(app.storage().status().folder()).isEqualTo(old);
            try (Stream<Path> walk = Files.walk(old)) {
                assertThat(walk.filter(p -> p.toString().endsWith(".dseg")).count()).isEqualTo(5);
            }
            Path notEmpty = Files.createDirectories(dir.resolve("full-folder"));
            Files.writeString(notEmpty.resolve("someone-elses.txt"), "x");
            assertThatThrownBy(() -> app.storage().move(notEmpty, p -> { }, () -> false))
                    .isInstanceOf(UserException.class).hasMessageContaining("not empty");
            assertThat(notEmpty.resolve("someone-elses.txt")).exists();
        }
    }
}
