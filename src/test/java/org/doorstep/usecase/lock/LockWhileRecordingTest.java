package org.doorstep.usecase.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.doorstep.App;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseScope;
import org.doorstep.usecase.player.Playback;
import org.doorstep.usecase.player.PlayerService;
import org.doorstep.usecase.settings.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock against the real recorder and the virtual doorbell (loopback RTSP, two-second segments): while locked,
 * playback, previews, export, erase and settings are refused and recording goes on; once unlocked each works and
 * leaves its audit row; a reset erases what was recorded before it removes the lock.
 */
class LockWhileRecordingTest {
    @TempDir
    Path dir;

    private static final String CAMERA = "Porch";

    @Test
    void lockedRefusesViewingExportEraseAndSettingsWhileRecordingGoesOn() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"segmentSeconds\": 2, \"minFreeBytes\": 0}");
        DoorbellConfig sim = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath()).withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(sim); App app = App.open(new DataDir(dir), "lock test")) {
            bell.start();
            app.catalog().add(new CameraCatalog.ByAddress(CAMERA, bell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                    null, null, null, null));
            AppLock lock = app.lock();
            lock.set(null, "correct horse".toCharArray());
            app.watch().start(List.of());
            lock.lockNow();
            assertThat(lock.locked()).isTrue();
            Instant lockedAt = Instant.now();

            // recording goes on while locked
            List<SegmentRow> whileLocked = awaitSegments(app, 2, lockedAt);
            Instant from = whileLocked.get(0).start();
            Instant to = whileLocked.get(whileLocked.size() - 1).end();

            PlayerService player = app.player();
            assertThatThrownBy(() -> player.open(List.of(CAMERA), from, c -> new NoTarget(), new Quiet(), false))
                    .isInstanceOf(AppLock.LockedException.class).hasMessageContaining("playing recordings");
            assertThatThrownBy(() -> player.preview(CAMERA, from, 320)).isInstanceOf(AppLock.LockedException.class);
            Path out = dir.resolve("clip.mp4");
            assertThatThrownBy(() -> player.export(CAMERA, from, to, out, f -> { }, () -> false))
                    .isInstanceOf(AppLock.LockedException.class).hasMessageContaining("exporting");
            assertThat(out).doesNotExist();
            assertThatThrownBy(() -> app.erase().run(EraseScope.cameraRange(CAMERA, from, to), Set.of(),
                    EraseProgress.NONE, () -> false)).isInstanceOf(AppLock.LockedException.class)
                    .hasMessageContaining("erasing");
            AppSettings.Choices choices = app.appSettings().choices();
            assertThatThrownBy(() -> app.appSettings().save(choices)).isInstanceOf(AppLock.LockedException.class);
            assertThatThrownBy(() -> app.catalog().change(CAMERA, new CameraCatalog.Settings(Duration.ofHours(24),
                    "tcp", false, 5))).isInstanceOf(AppLock.LockedException.class);
            assertThat(lock.allows(AppLock.Access.LIVE)).as("live stays by default").isTrue();
            assertThat(segments(app).stream().map(SegmentRow::id)).as("nothing was erased")
                    .containsAll(whileLocked.stream().map(SegmentRow::id).toList());

            assertThat(lock.unlock("wrong".toCharArray())).isFalse();
            assertThat(lock.locked()).isTrue();
            assertThat(lock.unlock("correct horse".toCharArray())).isTrue();

            // unlocked: each works and leaves its row
            try (Playback playback = player.open(List.of(CAMERA), from, c -> new NoTarget(), new Quiet(), false)) {
                assertThat(playback.cameras()).containsExactly(CAMERA);
            }
            player.export(CAMERA, from, to, out, f -> { }, () -> false);
            assertThat(out).isRegularFile();
            app.catalog().change(CAMERA, new CameraCatalog.Settings(Duration.ofHours(24), "tcp", false, 5));
            List<SegmentRow> more = awaitSegments(app, 1, to); // still recording after all of it
            assertThat(more).isNotEmpty();
            List<Audit.Row> beforeErase = app.audit().entries(null, null);
            Audit.Row export = beforeErase.stream().filter(r -> r.action().equals(Audit.EXPORT)).findFirst().orElseThrow();
            assertThat(export.detail()).contains("file=" + out.toAbsolutePath()).contains("from=" + from);
            List<Audit.Row> views = beforeErase.stream().filter(r -> r.action().equals(Audit.VIEW)).toList();
            assertThat(views).hasSize(2); // one when it opened, one with the range when it closed
            assertThat(views.get(0).detail()).contains("from=" + from).contains("(" + CAMERA + ")");
            assertThat(views.get(1).detail()).contains("from=").contains(" to=");

            Instant eraseTo = whileLocked.get(0).end();
            app.erase().run(EraseScope.cameraRange(CAMERA, from, eraseTo), Set.of(), EraseProgress.NONE, () -> false);

            List<Audit.Row> rows = app.audit().entries(null, null);
            List<String> actions = rows.stream().map(Audit.Row::action).toList();
            assertThat(actions).contains(Audit.LOCK_SET, Audit.LOCKED, Audit.UNLOCK_FAILED, Audit.UNLOCKED, Audit.VIEW,
                    Audit.EXPORT, Audit.SETTING, Audit.ERASE);
            assertThat(actions.subList(0, actions.indexOf(Audit.UNLOCKED)))
                    .as("nothing refused left a view, export or erase row").doesNotContain(Audit.VIEW, Audit.EXPORT,
                            Audit.ERASE);
            assertThat(rows).allMatch(r -> "lock test".equals(r.actor()));
            Audit.Row setting = rows.stream().filter(r -> r.action().equals(Audit.SETTING)).findFirst().orElseThrow();
            assertThat(setting.detail()).contains("retention").contains("PT48H").contains("PT24H");
            Audit.Row erase = rows.stream().filter(r -> r.action().equals(Audit.ERASE)).findFirst().orElseThrow();
            assertThat(erase.detail()).startsWith("receipt e-");
            assertThat(rows.stream().map(Audit.Row::detail).filter(d -> d != null).toList())
                    .as("no password in the log").noneMatch(d -> d.contains("correct horse"));
            // the erase rewrote the rows that named its range: the log keeps no trace of erased times
            assertThat(rows.stream().filter(r -> r.action().equals(Audit.VIEW)).map(Audit.Row::detail))
                    .allMatch(d -> d.startsWith("range erased (receipt e-"));

            // a forgotten password: reset erases everything recorded so far, then the lock is gone
            lock.lockNow();
            Instant beforeReset = Instant.now();
            String receipt = lock.reset();
            assertThat(receipt).startsWith("e-");
            assertThat(lock.enabled()).isFalse();
            assertThat(lock.locked()).isFalse();
            assertThat(segments(app)).noneMatch(s -> s.end().isBefore(beforeReset.minusSeconds(1)));
            assertThat(app.audit().entries(null, null).stream().map(Audit.Row::action)).contains(Audit.LOCK_RESET);
        }
    }

    /** Waits (up to 40 s) until at least {@code n} main-stream segments starting at or after {@code since} exist. */
    private static List<SegmentRow> awaitSegments(App app, int n, Instant since) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < end) {
            List<SegmentRow> s = segments(app).stream().filter(x -> !x.start().isBefore(since)).toList();
            if (s.size() >= n) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + n + " segments recorded since " + since);
    }

    private static List<SegmentRow> segments(App app) throws Exception {
        long id = app.catalog().require(CAMERA).id();
        return new SegmentIndex(app.database()).find(id, null, null).stream()
                .filter(r -> r.stream().equals("main")).toList();
    }

    /** Asks for no pictures: the player opens without decoding. */
    private static final class NoTarget implements FrameTarget {
        @Override
        public Size wanted() {
            return Size.NONE;
        }

        @Override
        public ByteBuffer acquire(int width, int height) {
            return ByteBuffer.allocateDirect(width * height * 4);
        }

        @Override
        public void publish() {
        }
    }

    private static final class Quiet implements PlayerService.PlaybackListener {
        @Override
        public void recording(String camera, boolean showing) {
        }

        @Override
        public void notice(org.doorstep.playback.Notice notice) {
        }
    }
}
