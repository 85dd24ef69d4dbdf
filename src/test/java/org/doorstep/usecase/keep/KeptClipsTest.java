package org.doorstep.usecase.keep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.App;
import org.doorstep.common.UserException;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.record.RetentionService;
import org.doorstep.store.AuditLog;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.KeptClipRepository;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept clips against retention and the storage cap, on a real database and real encrypted segment files. */
class KeptClipsTest {
    @TempDir
    Path dir;

    private App app;
    private SegmentFiles files;
    private SegmentKeyStore keys;
    private SegmentIndex index;
    private Camera porch;
    private KeptClips keep;
    private final Instant now = Instant.now();

    @BeforeEach
    void open() throws Exception {
        app = App.open(new DataDir(dir), "keep test");
        files = new SegmentFiles(app.dataDir());
        keys = new SegmentKeyStore(app.dataDir().keys());
        index = new SegmentIndex(app.database());
        porch = app.cameras().insert(Camera.newCamera("porch", URI.create("rtsp://127.0.0.1:1/a"), null, null, null));
        keep = app.keep();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private SegmentRow segment(Instant start) throws Exception {
        String rel = files.relative(porch.id(), "main", start);
        Path file = files.resolve(rel);
        Files.createDirectories(file.getParent());
        SegmentKeyStore.SegmentKey key = keys.keyFor(porch.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
            w.write(new byte[10_000], 0, 10_000);
        }
        return index.insert(new SegmentRow(0, porch.id(), "main", start, start.plusSeconds(60), null, null,
                Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
    }

    private RetentionService retention(long capBytes) {
        return new RetentionService(app.cameras(), index, files, keys,
                new Settings(null, 60, capBytes, 0, 300, "auto", 5), Clock.systemUTC(),
                new KeptClipRepository(app.database()));
    }

    /** Three one-minute segments from five days ago (past the 48 h default). */
    private List<SegmentRow> oldFootage() throws Exception {
        Instant start = now.minus(Duration.ofDays(5));
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(segment(start.plusSeconds(60L * i)));
        }
        return rows;
    }

    @Test
    void retentionLeavesKeptFootageAndReleaseLetsItGo() throws Exception {
        List<SegmentRow> rows = oldFootage();
        SegmentRow middle = rows.get(1);
        KeptClips.Kept kept = keep.keep("porch", middle.start().plusSeconds(10), middle.start().plusSeconds(20),
                "bicycle stolen from the porch", LocalDate.now().plusDays(30));

        RetentionService.Result first = retention(0).runOnce();

        assertThat(first.deleted()).isEqualTo(2);
        assertThat(index.all()).extracting(SegmentRow::id).containsExactly(middle.id());
        assertThat(files.resolve(middle.file())).exists();
        assertThat(keys.keyIds()).contains(middle.keyId()); // the day key still opens the kept footage

        keep.release(kept.id());
        RetentionService.Result second = retention(0).runOnce();

        assertThat(second.deleted()).isEqualTo(1);
        assertThat(index.all()).isEmpty();
        assertThat(files.resolve(middle.file())).doesNotExist();
        assertThat(keep.all()).isEmpty();
        List<AuditLog.Entry> audit = new AuditLog(app.database()).all();
        assertThat(audit).extracting(AuditLog.Entry::action)
                .containsSubsequence(KeptClips.AUDIT_KEEP, KeptClips.AUDIT_RELEASE);
        assertThat(audit).extracting(AuditLog.Entry::detail).allSatisfy(d -> assertThat(d).doesNotContain("bicycle"));
    }

    @Test
    void theStorageCapPassesOverKeptFootage() throws Exception {
        Instant start = now.minus(Duration.ofMinutes(10));
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(segment(start.plusSeconds(60L * i)));
        }
        // the oldest is kept; the cap allows one segment: the kept one stays, all others go
        keep.keep("porch", rows.get(0).start(), rows.get(0).end(), "evidence", null);

        RetentionService.Result r = retention(rows.get(0).bytes()).runOnce();

        assertThat(r.deleted()).isEqualTo(3);
        assertThat(index.all()).extracting(SegmentRow::id).containsExactly(rows.get(0).id());
    }

    @Test
    void keptClipsAreListedWithReasonAndDueReview() throws Exception {
        SegmentRow s = oldFootage().get(0);
        keep.keep("porch", s.start(), s.end(), "parcel theft", LocalDate.now());
        keep.keep("porch", s.start(), s.end(), "second look", LocalDate.now().plusDays(7));

        assertThat(keep.all()).extracting(KeptClips.Kept::reason).containsExactly("parcel theft", "second look");
        assertThat(keep.due()).singleElement().satisfies(k -> {
            assertThat(k.reason()).isEqualTo("parcel theft");
            assertThat(k.camera()).isEqualTo("porch");
        });
        assertThat(keep.overlapping(s.start(), s.end())).hasSize(2);
        assertThat(keep.overlapping(s.end(), s.end().plusSeconds(60))).isEmpty();
    }

    @Test
    void aReasonIsRequiredAndTheReviewDateCannotLieInThePast() {
        Instant from = now.minusSeconds(120);
        assertThatThrownBy(() -> keep.keep("porch", from, now, "  ", null)).isInstanceOf(UserException.class)
                .hasMessageContaining("Say why");
        assertThatThrownBy(() -> keep.keep("porch", from, now, "x", LocalDate.now().minusDays(2)))
                .isInstanceOf(UserException.class);
        assertThatThrownBy(() -> keep.keep("porch", now, from, "x", null)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> keep.keep("nope", from, now, "x", null)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> keep.keep("porch", now.minus(Duration.ofDays(2)), now, "x", null))
                .isInstanceOf(UserException.class);
        assertThat(keep.all()).isEmpty();
    }

    @Test
    void keepingNeedsTheAppUnlockedAndReleasingNeedsAnOwner() throws Exception {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.ENGLISH);
        try {
            org.doorstep.usecase.lock.AppLock lock = app.lock();
            lock.set(null, "correct horse".toCharArray());
            lock.people().add("Anna", org.doorstep.usecase.lock.People.Role.STAFF, "1234".toCharArray());
            KeptClips.Kept kept = keep.keep("porch", now.minusSeconds(300), now, "bike stolen", null);
            lock.lockNow();
            assertThatThrownBy(() -> keep.keep("porch", now.minusSeconds(600), now, "x", null))
                    .isInstanceOf(org.doorstep.usecase.lock.AppLock.LockedException.class);
            assertThatThrownBy(() -> keep.release(kept.id()))
                    .isInstanceOf(org.doorstep.usecase.lock.AppLock.LockedException.class);
            // the clerk who saw the theft may keep it, but only an owner lets retention have it again
            assertThat(lock.unlockAs("Anna", "1234".toCharArray()).ok()).isTrue();
            KeptClips.Kept second = keep.keep("porch", now.minusSeconds(900), now.minusSeconds(600), "second", null);
            assertThatThrownBy(() -> keep.release(second.id()))
                    .isInstanceOf(org.doorstep.usecase.lock.AppLock.LockedException.class)
                    .hasMessageContaining("Anna");
            assertThat(keep.all()).hasSize(2);
            assertThat(lock.unlock("correct horse".toCharArray())).isTrue();
            keep.release(second.id());
            assertThat(keep.all()).extracting(KeptClips.Kept::id).containsExactly(kept.id());
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
