package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.GapRow;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone deletes the {@code segments} folder (a clean-up, a file manager). It was a plain folder on the data
 * folder's disk, so creating it again puts footage where it was: recording goes on (and after a restart too), and
 * the footage that went is a "files-missing" gap rather than rows pointing at nothing.
 */
class SegmentsFolderDeletedTest {
    @TempDir
    Path dir;

    @Test
    void deletingTheSegmentsFolderWhileRecordingRecreatesItAndTheLostFootageBecomesAGap() throws Exception {
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim());
             RecordTestSupport t = new RecordTestSupport(dir.resolve("data"), 3, 0)) {
            bell.start();
            Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
            t.start();
            await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 2);
            List<SegmentRow> before = t.index.find(cam.id(), null, null);

            Instant deleted = Instant.now();
            deleteTree(t.files.root());
            await().atMost(Duration.ofSeconds(20)).until(() -> t.index.find(cam.id(), null, null).stream()
                    .anyMatch(r -> r.start().isAfter(deleted)));
            Instant recordingAgain = t.index.find(cam.id(), null, null).stream()
                    .filter(r -> r.start().isAfter(deleted)).findFirst().orElseThrow().start();
            t.service.close();
            System.out.printf("segments folder deleted: recording again %d ms later%n",
                    Duration.between(deleted, recordingAgain).toMillis());

            assertThat(t.files.root().resolve(SegmentFiles.VOLUME_MARKER)).exists();
            for (SegmentRow r : t.index.all()) {
                assertThat(t.files.resolve(r.file())).as("no row points at a deleted file").exists();
            }
            List<GapRow> gaps = t.index.gaps(cam.id(), null, null);
            assertThat(gaps).anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo(Reconciler.FILES_MISSING);
                assertThat(g.start()).isEqualTo(before.get(0).start());
                assertThat(g.end()).isNotNull().isAfterOrEqualTo(before.get(before.size() - 1).end());
                assertThat(g.detail()).contains("gone");
            });
        }
    }

    @Test
    void aSegmentsFolderDeletedWhileDoorstepWasClosedIsRecreatedAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        long camId;
        try (VirtualDoorbell bell = new VirtualDoorbell(RecordTestSupport.sim())) {
            bell.start();
            try (RecordTestSupport t = new RecordTestSupport(data, 3, 0)) {
                Camera cam = t.addCamera("porch", bell.rtspUri(VirtualDoorbell.Stream.MAIN), null, null);
                camId = cam.id();
                t.start();
                await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(cam.id(), null, null).size() >= 1);
            }
            deleteTree(data.resolve("segments"));
            try (RecordTestSupport t = new RecordTestSupport(data, 3, 0)) {
                Instant restarted = Instant.now();
                t.start();
                await().atMost(Duration.ofSeconds(25)).until(() -> t.index.find(camId, null, null).stream()
                        .anyMatch(r -> r.start().isAfter(restarted)));
                t.service.close();
                assertThat(t.statuses).noneMatch(s -> s.state() == CameraStatus.State.STORAGE_UNAVAILABLE);
                assertThat(t.index.gaps(camId, null, null)).anyMatch(g -> g.reason().equals(Reconciler.FILES_MISSING));
            }
        }
    }

    static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
