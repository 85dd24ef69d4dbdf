package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.doorstep.store.EraseReceipt;
import org.doorstep.store.GapRow;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scope on a data folder written by the real encrypting writer, each followed by the verification scan: erased
 * footage, thumbnails and event times cannot be reproduced from anything in the data folder (files, database file
 * bytes, logs), no remaining key (nor a stale copy of a destroyed key file) decrypts an erased byte, and everything
 * outside the scope is exactly as it was and still decrypts.
 */
class EraseScopesTest {
    @TempDir
    Path dir;

    private static final Instant D1_0801 = EraseFixture.DAY1.plusSeconds((8 * 60 + 1) * 60L);
    private static final Instant D1_0804 = EraseFixture.DAY1.plusSeconds((8 * 60 + 4) * 60L);

    @Test
    void everything() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            EraseResult r = eraseAndScan(f, EraseScope.everything(), s -> true, e -> true);
            assertThat(r.segments()).isEqualTo(12);
            assertThat(r.events()).isEqualTo(24);
            assertThat(r.thumbnails()).isEqualTo(12);
            assertThat(f.app.cameras().all()).hasSize(2); // settings stay
            assertThat(new SegmentIndex(f.app.database()).gaps(null, null, null)).isEmpty();
        }
    }

    @Test
    void oneCameraKeepsTheOtherAndItsSettings() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            long porch = f.a.id();
            EraseResult r = eraseAndScan(f, EraseScope.camera("porch", false), s -> s.cameraId() == porch,
                    e -> e.cameraId() == porch);
            assertThat(r.segments()).isEqualTo(6);
            assertThat(f.app.cameras().findByName("porch")).isPresent();
            assertThat(new SegmentIndex(f.app.database()).gaps(porch, null, null)).isEmpty();
            assertThat(new SegmentIndex(f.app.database()).gaps(f.b.id(), null, null)).hasSize(2);
        }
    }

    @Test
    void removingTheCameraToo() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            long porch = f.a.id();
            eraseAndScan(f, EraseScope.camera("porch", true), s -> s.cameraId() == porch, e -> e.cameraId() == porch);
            assertThat(f.app.cameras().findByName("porch")).isEmpty();
            assertThat(f.app.cameras().findByName("garden")).isPresent();
        }
    }

    @Test
    void oneCameraAndARangeWithAGap() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            long porch = f.a.id();
            Predicate<SegmentRow> seg = s -> s.cameraId() == porch && !s.start().isBefore(D1_0801) && s.start().isBefore(D1_0804);
            Predicate<StoredEvent> ev = e -> e.cameraId() == porch && !e.start().isBefore(D1_0801) && e.start().isBefore(D1_0804);
            EraseResult r = eraseAndScan(f, EraseScope.cameraRange("porch", D1_0801, D1_0804), seg, ev);
            assertThat(r.segments()).isEqualTo(2);
            assertThat(r.events()).isEqualTo(4);
            // the gap inside the range is gone; the other camera's gap at the same time stays
            List<GapRow> gaps = new SegmentIndex(f.app.database()).gaps(null, D1_0801, D1_0804);
            assertThat(gaps).extracting(GapRow::cameraId).containsExactly(f.b.id());
            // 08:00 of that day shared the day key: it was re-encrypted under a fresh key and reads as before
            SegmentRow kept = f.segments().stream().filter(s -> s.cameraId() == porch && s.start().isBefore(D1_0801)).findFirst().orElseThrow();
            assertThat(kept.keyId()).isNotIn(r.receiptId());
            assertThat(f.decrypt(kept.file())).isEqualTo(f.plaintext.get(kept.id()));
        }
    }

    @Test
    void allCamerasAndARange() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            Predicate<SegmentRow> seg = s -> !s.start().isBefore(D1_0801) && s.start().isBefore(D1_0804);
            Predicate<StoredEvent> ev = e -> !e.start().isBefore(D1_0801) && e.start().isBefore(D1_0804);
            EraseResult r = eraseAndScan(f, EraseScope.range(D1_0801, D1_0804), seg, ev);
            assertThat(r.segments()).isEqualTo(4);
            assertThat(new SegmentIndex(f.app.database()).gaps(null, D1_0801, D1_0804)).isEmpty();
        }
    }

    @Test
    void previewCountsWhatWillGoAndChangesNothing() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            ErasePreview p = f.app.erase().preview(EraseScope.cameraRange("porch", EraseFixture.DAY1, EraseFixture.DAY2));
            assertThat(p.segments()).isEqualTo(3);
            assertThat(p.events()).isEqualTo(6);
            assertThat(p.thumbnails()).isEqualTo(3);
            assertThat(p.hours()).isEqualTo(3 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.cameras()).containsExactly("porch");
            assertThat(p.exports()).singleElement().satisfies(x -> assertThat(x.file()).endsWith("porch-export.mp4"));
            assertThat(f.segments()).hasSize(12);
            assertThat(f.app.erase().preview(EraseScope.cameraRange("garden", EraseFixture.DAY1.minusSeconds(86_400),
                    EraseFixture.DAY1)).empty()).isTrue();
        }
    }

    @Test
    void aKeptExportStaysAndIsNotRewritten() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            ErasePreview p = f.app.erase().preview(EraseScope.camera("porch", false));
            f.app.erase().run(EraseScope.camera("porch", false), Set.of(p.exports().get(0).id()), EraseProgress.NONE, () -> false);
            assertThat(f.exportFile).exists();
        }
    }

    @Test
    void cancelledBeforeTheKeysStepErasesNothing() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            List<SegmentRow> before = f.segments();
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> f.app.erase().run(EraseScope.everything(), Set.of(), EraseProgress.NONE, () -> true));
            assertThat(f.segments()).extracting(SegmentRow::id).isEqualTo(before.stream().map(SegmentRow::id).toList());
            for (SegmentRow s : f.segments()) {
                assertThat(f.decrypt(s.file())).isEqualTo(f.plaintext.get(s.id()));
            }
            assertThat(dir.resolve("erase-journal.json")).doesNotExist();
        }
    }

    @Test
    void receiptsFormAHashChainWithoutPersonalData() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            f.app.erase().run(EraseScope.cameraRange("porch", D1_0801, D1_0804), Set.of(), EraseProgress.NONE, () -> false);
            f.app.erase().run(EraseScope.camera("garden", false), Set.of(), EraseProgress.NONE, () -> false);
            List<EraseReceipt> receipts = f.app.erase().receipts();
            assertThat(receipts).hasSize(2);
            assertThat(receipts.get(1).prevHash()).isEqualTo(receipts.get(0).hash());
            assertThat(f.app.erase().receiptsIntact()).isTrue();
            EraseReceipt first = receipts.get(0);
            assertThat(first.scope()).isEqualTo("camera " + f.a.id() + ", 2026-11-20 to 2026-11-20");
            assertThat(first.scope()).doesNotContain("porch").doesNotContain("08:");
            assertThat(first.rangeStart()).isEqualTo(EraseFixture.DAY1); // coarse: the day, not the minute
            assertThat(first.destroyedKeyIds()).isNotEmpty();
            // tampering shows
            try (var c = f.app.database().connection(); var st = c.createStatement()) {
                st.execute("UPDATE erase_receipt SET segments = 0 WHERE receipt_id = '" + first.receiptId() + "'");
            }
            assertThat(f.app.erase().receiptsIntact()).isFalse();
        }
    }

    /** Runs the erase and the verification scan; returns the result. */
    static EraseResult eraseAndScan(EraseFixture f, EraseScope scope, Predicate<SegmentRow> erasedSegment,
                                    Predicate<StoredEvent> erasedEvent) throws Exception {
        Expectation x = expect(f, erasedSegment, erasedEvent);
        EraseResult r = f.app.erase().run(scope, Set.of(), EraseProgress.NONE, () -> false);
        scan(f, x);
        return r;
    }

    /** What was there before the erase, split into what must go and what must stay. */
    record Expectation(List<SegmentRow> gone, List<SegmentRow> kept, List<StoredEvent> goneEvents,
                       List<StoredEvent> keptEvents) {}

    static Expectation expect(EraseFixture f, Predicate<SegmentRow> erasedSegment, Predicate<StoredEvent> erasedEvent)
            throws Exception {
        List<SegmentRow> before = f.segments();
        List<StoredEvent> eventsBefore = f.events();
        f.snapshot();
        Expectation x = new Expectation(before.stream().filter(erasedSegment).toList(),
                before.stream().filter(erasedSegment.negate()).toList(),
                eventsBefore.stream().filter(erasedEvent).toList(),
                eventsBefore.stream().filter(erasedEvent.negate()).toList());
        assertThat(x.gone()).isNotEmpty();
        return x;
    }

    /** Every timeline rollup cell as "grain second camera sums...", in key order. */
    static List<String> rollupCells(EraseFixture f) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var c = f.app.database().connection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT grain_s, cell_utc, camera_id, recorded_ms, last_end, peak, rings, motions, camera_motions,"
                        + " max_score, first_event, strongest FROM timeline_rollup ORDER BY grain_s, cell_utc, camera_id")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                row.append(rs.getInt(1)).append(' ')
                        .append(rs.getObject(2, java.time.OffsetDateTime.class).toEpochSecond()).append(' ');
                for (int i = 3; i <= 12; i++) {
                    row.append(rs.getObject(i)).append(' ');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /** The verification scan. */
    static void scan(EraseFixture f, Expectation x) throws Exception {
        List<SegmentRow> gone = x.gone();
        List<SegmentRow> kept = x.kept();
        List<StoredEvent> goneEvents = x.goneEvents();
        List<StoredEvent> keptEvents = x.keptEvents();

        // rows: exactly the erased ones are gone, the others unchanged (a re-keyed row only changes key and size)
        assertThat(f.segments()).extracting(s -> s.id() + " " + s.start() + " " + s.end() + " " + s.file())
                .containsExactlyElementsOf(kept.stream().map(s -> s.id() + " " + s.start() + " " + s.end() + " " + s.file()).toList());
        assertThat(f.events()).extracting(e -> e.id() + " " + e.type() + " " + e.start() + " " + e.box() + " " + e.thumbnail())
                .containsExactlyElementsOf(keptEvents.stream().map(e -> e.id() + " " + e.type() + " " + e.start() + " " + e.box() + " " + e.thumbnail()).toList());
        // the timeline's rollup cells summarise only what is left: exactly what a rebuild from the remaining rows
        // gives, so no cell still counts an erased segment, event or activity minute
        List<String> cells = rollupCells(f);
        new org.doorstep.store.TimelineRollups(f.app.database()).rebuild(done -> { }, () -> false);
        assertThat(rollupCells(f)).as("rollup cells after the erase").containsExactlyElementsOf(cells);
        for (SegmentRow s : gone) {
            boolean keptSameMinute = kept.stream().anyMatch(k -> k.cameraId() == s.cameraId()
                    && k.start().getEpochSecond() / 60 == s.start().getEpochSecond() / 60);
            if (!keptSameMinute) {
                assertThat(cells).as("minute cell of erased %s", s.file()).noneMatch(c -> c.startsWith("60 "
                        + s.start().getEpochSecond() / 60 * 60 + " " + s.cameraId() + " "));
            }
        }
        // kept footage and thumbnails still decrypt to what was recorded
        for (SegmentRow s : kept) {
            assertThat(f.decrypt(s.file())).isEqualTo(f.plaintext.get(s.id()));
        }
        for (StoredEvent e : keptEvents) {
            if (e.thumbnail() != null) {
                assertThat(new String(f.decrypt(e.thumbnail()), StandardCharsets.US_ASCII)).startsWith("THUMB-");
            }
        }
        // erased: files gone, and their stale copies undecryptable by anything left
        for (SegmentRow s : gone) {
            assertThat(f.dir.resolve(s.file())).doesNotExist();
            f.assertUndecryptable(f.stale.get(s.file()));
        }
        for (StoredEvent e : goneEvents) {
            if (e.thumbnail() != null) {
                assertThat(f.dir.resolve(e.thumbnail())).doesNotExist();
                f.assertUndecryptable(f.stale.get(e.thumbnail()));
            }
        }
        // nothing in the data folder (database file bytes, logs, anything) names an erased file or event time
        Map<String, String> everything = f.allFilesAsText();
        for (Map.Entry<String, String> file : everything.entrySet()) {
            String text = file.getValue();
            for (SegmentRow s : gone) {
                assertThat(text.contains(s.file())).as("%s names erased %s", file.getKey(), s.file()).isFalse();
                String ring = s.start().plusSeconds(30).toString();
                assertThat(text.contains(ring)).as("%s names erased time %s", file.getKey(), ring).isFalse();
            }
            for (StoredEvent e : goneEvents) {
                String millis = Long.toString(e.start().toEpochMilli());
                assertThat(text.contains(millis)).as("%s names erased event time %s", file.getKey(), millis).isFalse();
                if (e.thumbnail() != null) {
                    assertThat(text.contains(e.thumbnail())).as("%s names %s", file.getKey(), e.thumbnail()).isFalse();
                }
            }
        }
        // ...while the scan does see what was kept (so its silence about the erased part means something)
        String db = everything.get("db/doorstep.mv.db");
        for (SegmentRow s : kept) {
            assertThat(db.contains(s.file())).as("database file shows kept %s", s.file()).isTrue();
        }
        String log = everything.get("logs/doorstep.log");
        for (SegmentRow s : kept) {
            String ring = s.start().plusSeconds(s.cameraId() == f.b.id() ? 32 : 30).toString();
            assertThat(log.contains("doorbell rang at " + ring)).as("log keeps %s", ring).isTrue();
        }
        assertThat(f.dir.resolve("erase-journal.json")).doesNotExist();
    }
}
