package org.doorstep.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.Messages;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.doorstep.record.CameraStatus;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.live.LiveStatus;
import org.doorstep.usecase.live.Quality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live view's state without a stage: tiles, layout, switching, badges, rings (executors run in place). */
class LiveViewModelTest {
    @TempDir
    Path dir;
    Workspace workspace;
    LiveViewModel model;

    @BeforeEach
    void open() {
        workspace = new Launcher().open(dir, "live model test");
        model = new LiveViewModel(workspace.live(), workspace.catalog(), UiExecutors.direct(),
                Messages.of("live", Locale.ENGLISH));
    }

    @AfterEach
    void close() {
        model.stopAll();
        workspace.close();
    }

    @Test
    void gridLayoutAdaptsToTheNumberOfCameras() {
        assertThat(LiveViewModel.columnsFor(0)).isEqualTo(1);
        assertThat(LiveViewModel.columnsFor(1)).isEqualTo(1);
        assertThat(LiveViewModel.columnsFor(2)).isEqualTo(2);
        assertThat(LiveViewModel.columnsFor(4)).isEqualTo(2);
        assertThat(LiveViewModel.columnsFor(5)).isEqualTo(3);
        assertThat(LiveViewModel.columnsFor(9)).isEqualTo(3);
        assertThat(LiveViewModel.columnsFor(10)).isEqualTo(4);
        assertThat(LiveViewModel.columnsFor(16)).isEqualTo(4);
        assertThat(LiveViewModel.columnsFor(25)).isEqualTo(4);
    }

    @Test
    void tilesFollowTheCatalogAndKeysSwitchBetweenGridAndOneCamera() {
        for (int i = 1; i <= 5; i++) {
            add("Cam " + i, 10);
        }
        model.reload();
        assertThat(model.tiles()).extracting(LiveTile::name).containsExactly("Cam 1", "Cam 2", "Cam 3", "Cam 4",
                "Cam 5");
        assertThat(model.tiles()).extracting(LiveTile::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(model.columnsProperty().get()).isEqualTo(3);
        LiveTile third = model.tiles().get(2);

        assertThat(model.showNumber(3)).isTrue();
        assertThat(model.modeProperty().get()).isEqualTo(LiveViewModel.Mode.SINGLE);
        assertThat(model.selectedProperty().get()).isSameAs(third);
        assertThat(model.showNumber(9)).isFalse();
        assertThat(model.selectedProperty().get()).isSameAs(third);
        model.showGrid();
        assertThat(model.modeProperty().get()).isEqualTo(LiveViewModel.Mode.GRID);

        add("Cam 6", 10);
        model.reload();
        assertThat(model.tiles()).hasSize(6);
        assertThat(model.tiles().get(2)).as("unchanged cameras keep their tiles").isSameAs(third);
    }

    @Test
    void badgesSayWhyAStreamIsNotLiveAndTheRecorderFillsIn() {
        TileBadge live = model.badgeFor(LiveStatus.live(null), null);
        assertThat(live.kind()).isEqualTo(TileBadge.Kind.LIVE);
        assertThat(live.text()).isEqualTo("Live");
        assertThat(model.badgeFor(LiveStatus.reconnecting(LiveStatus.Problem.WRONG_PASSWORD), null).text())
                .isEqualTo("Reconnecting: wrong password");
        assertThat(model.badgeFor(LiveStatus.reconnecting(LiveStatus.Problem.UNREACHABLE), null).kind())
                .isEqualTo(TileBadge.Kind.UNREACHABLE);
        assertThat(model.badgeFor(LiveStatus.reconnecting(LiveStatus.Problem.STREAM_ENDED), null).text())
                .isEqualTo("Reconnecting: stream ended");
        assertThat(model.badgeFor(LiveStatus.CONNECTING, null).text()).isEqualTo("Connecting…");
        // the recorder already knows the camera refuses the password: say so while the live stream connects
        CameraStatus refused = recorder(1, CameraStatus.State.RECONNECTING, "auth-failed");
        TileBadge b = model.badgeFor(LiveStatus.CONNECTING, refused);
        assertThat(b.kind()).isEqualTo(TileBadge.Kind.WRONG_PASSWORD);
        assertThat(b.problem()).isTrue();
        assertThat(model.badgeFor(LiveStatus.PAUSED, recorder(1, CameraStatus.State.RECONNECTING, "unreachable"))
                .kind()).isEqualTo(TileBadge.Kind.UNREACHABLE);

        LiveViewModel german = new LiveViewModel(workspace.live(), workspace.catalog(), UiExecutors.direct(),
                Messages.of("live", Locale.GERMAN));
        assertThat(german.badgeFor(LiveStatus.reconnecting(LiveStatus.Problem.WRONG_PASSWORD), null).text())
                .isEqualTo("Verbinde neu: falsches Passwort");
    }

    @Test
    void recorderStatesAndRingsReachTheirTile() {
        add("Porch", 10);
        add("Yard", 10);
        model.reload();
        LiveTile porch = model.tiles().get(0);
        LiveTile yard = model.tiles().get(1);

        model.statusChanged(recorder(porch.cameraId(), CameraStatus.State.RECORDING, null));
        assertThat(porch.recordingProperty().get()).isTrue();
        assertThat(yard.recordingProperty().get()).isFalse();
        model.statusChanged(recorder(porch.cameraId(), CameraStatus.State.STORAGE_UNAVAILABLE, "storage-unavailable"));
        assertThat(porch.recordingProperty().get()).isFalse();
        assertThat(porch.diskProblemProperty().get()).isTrue();

        model.rang(yard.cameraId());
        assertThat(yard.ringingProperty().get()).isTrue();
        assertThat(porch.ringingProperty().get()).isFalse();
        model.showSingle(yard); // looking at it: seen
        assertThat(yard.ringingProperty().get()).isFalse();
        model.rang(porch.cameraId());
        model.ringSeen(porch);
        assertThat(porch.ringingProperty().get()).isFalse();
    }

    @Test
    void aCameraNobodyAnswersForShowsWhyInItsBadge() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        workspace.catalog().add(new CameraCatalog.ByAddress("Gone", "rtsp://127.0.0.1:" + port + "/main", null,
                null, null, null));
        model.reload();
        LiveTile gone = model.tiles().get(0);
        Target target = new Target();
        model.play(gone, target, Quality.SUB, false);
        assertThat(model.playingCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> gone.badgeProperty().get().kind()
                == TileBadge.Kind.UNREACHABLE);
        assertThat(gone.badgeProperty().get().text()).isEqualTo("Reconnecting: camera unreachable");
        model.play(gone, target, Quality.SUB, false); // the same again: nothing new is opened
        assertThat(model.playingCount()).isEqualTo(1);
        model.stop(target);
        assertThat(model.playingCount()).isZero();
    }

    @Test
    void aCameraWhoseLiveViewIsHiddenOpensNoStreamAndSaysSo() {
        add("Living room", 12);
        org.doorstep.store.Camera c = workspace.catalog().require("Living room");
        org.doorstep.usecase.cameras.CameraCatalog.Changes now = org.doorstep.usecase.cameras.CameraCatalog.Changes.of(c);
        workspace.catalog().change("Living room", new org.doorstep.usecase.cameras.CameraCatalog.Changes(now.name(),
                now.mainUrl(), now.subUrl(), now.transport(), now.enabled(), now.retention(), now.retentionReason(),
                now.storageCapBytes(), now.motion(), now.sensitivity(), now.detectionMasks(), now.privacyMasks(),
                now.hwAccel(), now.recordAudio(), true));
        model.reload();
        LiveTile tile = model.tiles().get(0);
        assertThat(tile.hidden()).isTrue();
        model.play(tile, new Target(), org.doorstep.usecase.live.Quality.SUB, false);
        assertThat(model.playingCount()).isZero();
        assertThat(tile.badgeProperty().get().kind()).isEqualTo(TileBadge.Kind.HIDDEN);
        assertThat(tile.badgeProperty().get().text()).isEqualTo("Live view hidden (still recording)");
        assertThat(tile.badgeProperty().get().problem()).isFalse();
    }

    private void add(String name, int host) {
        workspace.catalog().add(new CameraCatalog.ByAddress(name, "rtsp://127.0.0." + host + ":1/" + name.replace(' ',
                '-'), null, null, null, null));
    }

    private static CameraStatus recorder(long cameraId, CameraStatus.State state, String reason) {
        return new CameraStatus(cameraId, "x", "main", state, reason, "", Instant.now(), 0, 0);
    }

    /** A visible target that keeps nothing. */
    static final class Target implements FrameTarget {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(640 * 360 * 4);

        @Override
        public Size wanted() {
            return new Size(320, 180);
        }

        @Override
        public ByteBuffer acquire(int width, int height) {
            return buffer;
        }

        @Override
        public void publish() {
        }
    }
}
