package org.doorstep.usecase.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.Launcher;
import org.doorstep.common.UserException;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Picture;
import org.doorstep.media.Size;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live streams and snapshots against the virtual doorbell on loopback, through a real workspace. */
class LiveViewTest {
    private static final String USER = "viewer";
    private static final String PASSWORD = "door-7781";

    @TempDir
    static Path dir;
    static VirtualDoorbell doorbell;
    static Workspace workspace;

    @BeforeAll
    static void start() throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, false);
        doorbell = new VirtualDoorbell(cfg);
        doorbell.start();
        workspace = new Launcher().open(dir.resolve("data"), "live test");
        workspace.catalog().add(new CameraCatalog.ByAddress("Porch",
                doorbell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString(), USER, PASSWORD.toCharArray(), null));
    }

    @AfterAll
    static void stop() {
        workspace.close();
        doorbell.close();
    }

    @Test
    void snapshotOfACameraIsAColourPictureOfTheStreamCapped() {
        Picture sub = workspace.live().snapshot("Porch", Quality.SUB, 4000);
        assertThat(sub.width()).isEqualTo(640);
        assertThat(sub.height()).isEqualTo(360);
        assertThat(distinctColours(sub)).isGreaterThan(50);
        Picture main = workspace.live().snapshot("Porch", Quality.MAIN, 320);
        assertThat(main.width()).isEqualTo(320);
        assertThat(main.height()).isEqualTo(180);
    }

    @Test
    void snapshotOfAnAddressUsesTheGivenCredentialsAndExplainsRefusals() {
        String url = doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString();
        Picture p = workspace.live().snapshot(url, USER, PASSWORD, 200);
        assertThat(p.width()).isEqualTo(200);
        assertThatThrownBy(() -> workspace.live().snapshot(url, USER, "wrong", 200))
                .isInstanceOf(UserException.class).hasMessageContaining("refused the user name or password")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void snapshotOfNothingListeningSaysItDoesNotAnswer() throws Exception {
        int port = freePort();
        assertThatThrownBy(() -> workspace.live().snapshot("rtsp://127.0.0.1:" + port + "/x", null, null, 200))
                .isInstanceOf(UserException.class).hasMessageContaining("does not answer");
    }

    @Test
    void snapshotRefusesAddressesOutsideTheLocalNetwork() {
        // 192.0.2.1 is TEST-NET-1: refused before anything is sent
        assertThatThrownBy(() -> workspace.live().snapshot("rtsp://192.0.2.1/x", null, null, 200))
                .isInstanceOf(UserException.class).hasMessageContaining("not on this local network");
    }

    @Test
    void aLiveStreamFillsItsTargetAndPausesWhileHidden() throws Exception {
        SwitchableTarget target = new SwitchableTarget(new Size(320, 320));
        List<LiveStatus> seen = new CopyOnWriteArrayList<>();
        LiveStream stream = workspace.live().open("Porch", Quality.SUB, target);
        try {
            stream.listen(seen::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> target.published >= 10);
            assertThat(stream.status().state()).isEqualTo(LiveStatus.State.LIVE);
            assertThat(target.width).isEqualTo(320);
            assertThat(target.height).isEqualTo(180);

            target.box = Size.NONE;
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.status().state() == LiveStatus.State.PAUSED);
            long before = target.published;
            Thread.sleep(600);
            assertThat(target.published).isEqualTo(before);
            assertThat(target.acquiredWhileHidden).isZero();

            target.box = new Size(640, 640);
            await().atMost(Duration.ofSeconds(10)).until(() -> target.published > before + 5);
            assertThat(target.width).isEqualTo(640);
        } finally {
            stream.close();
            assertThat(stream.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(seen).extracting(LiveStatus::state).contains(LiveStatus.State.LIVE, LiveStatus.State.PAUSED,
                LiveStatus.State.CLOSED);
    }

    @Test
    void aStreamThatCannotConnectSaysWhyAndKeepsTrying() throws Exception {
        int port = freePort();
        workspace.catalog().add(new CameraCatalog.ByAddress("Gone", "rtsp://127.0.0.1:" + port + "/main", null,
                null, null, null));
        workspace.catalog().add(new CameraCatalog.ByAddress("Locked",
                doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString(), null, USER, "nope".toCharArray(), null));
        SwitchableTarget t1 = new SwitchableTarget(new Size(320, 180));
        SwitchableTarget t2 = new SwitchableTarget(new Size(320, 180));
        try (LiveStream gone = workspace.live().open("Gone", Quality.SUB, t1);
             LiveStream locked = workspace.live().open("Locked", Quality.SUB, t2)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gone.status().problem()
                    == LiveStatus.Problem.UNREACHABLE);
            assertThat(gone.status().state()).isEqualTo(LiveStatus.State.RECONNECTING);
            await().atMost(Duration.ofSeconds(10)).until(() -> locked.status().problem()
                    == LiveStatus.Problem.WRONG_PASSWORD);
        }
        assertThat(t1.published + t2.published).isZero();
    }

    @Test
    void anUnknownCameraIsASentence() {
        assertThatThrownBy(() -> workspace.live().open("Nope", Quality.SUB, new SwitchableTarget(Size.NONE)))
                .isInstanceOf(UserException.class).hasMessageContaining("Nope");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int distinctColours(Picture p) {
        return (int) java.util.Arrays.stream(p.argb()).distinct().count();
    }

    /** A target whose visibility the test switches. */
    static final class SwitchableTarget implements FrameTarget {
        volatile Size box;
        volatile long published;
        volatile long acquiredWhileHidden;
        volatile int width;
        volatile int height;
        private ByteBuffer buffer;

        SwitchableTarget(Size box) {
            this.box = box;
        }

        @Override
        public Size wanted() {
            return box;
        }

        @Override
        public synchronized ByteBuffer acquire(int w, int h) {
            if (box.isEmpty()) {
                acquiredWhileHidden++;
            }
            if (buffer == null || buffer.capacity() < w * h * 4) {
                buffer = ByteBuffer.allocateDirect(w * h * 4);
            }
            width = w;
            height = h;
            return buffer;
        }

        @Override
        public void publish() {
            published++;
        }
    }
}
