package org.doorstep.usecase.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.common.UserException;
import org.doorstep.media.CredentialCatcher;
import org.doorstep.media.Size;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 through the live view (tiles, the settings' still, the wizard's preview): a camera that redirects to
 * another host gets a sentence, and the other host gets no connection and no credentials.
 */
class LiveRedirectTest {
    private static final String USER = "viewer";
    private static final String PASSWORD = "door-7781";

    @TempDir
    static Path dir;
    static VirtualDoorbell doorbell;
    static Workspace workspace;
    static Locale before;
    CredentialCatcher catcher;

    @BeforeAll
    static void start() throws Exception {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        doorbell = new VirtualDoorbell(DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, true));
        doorbell.start();
        workspace = new Launcher().open(dir.resolve("data"), "live redirect test");
        workspace.catalog().add(new CameraCatalog.ByAddress("Porch",
                doorbell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                doorbell.rtspUri(VirtualDoorbell.Stream.SUB).toString(), USER, PASSWORD.toCharArray(), null));
    }

    @AfterAll
    static void stop() {
        workspace.close();
        doorbell.close();
        Locale.setDefault(before);
    }

    @BeforeEach
    void redirectToTheCatcher() {
        try {
            catcher = new CredentialCatcher(InetAddress.getByName("127.0.0.2"));
        } catch (IOException e) {
            assumeTrue(false, "this system has no 127.0.0.2 loopback address: " + e);
        }
        doorbell.rtspServer().redirectDescribeTo("rtsp://" + catcher.host() + ":" + catcher.port() + "/main");
    }

    @AfterEach
    void stopRedirecting() throws Exception {
        doorbell.rtspServer().redirectDescribeTo(null);
        if (catcher != null) {
            catcher.close();
        }
    }

    private void assertNothingReachedTheCatcher() throws InterruptedException {
        Thread.sleep(300);
        assertThat(catcher.authorizations).as("credentials at the redirect target").isEmpty();
        assertThat(catcher.connections.get()).as("connections to the redirect target").isZero();
    }

    @Test
    void aCameraStillSaysTheCameraRedirected() throws Exception {
        assertThatThrownBy(() -> workspace.live().snapshot("Porch", Quality.SUB, 320))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("redirected to another address (127.0.0.2)")
                .hasMessageNotContaining(PASSWORD);
        assertNothingReachedTheCatcher();
    }

    @Test
    void theWizardPreviewSaysTheCameraRedirected() throws Exception {
        assertThatThrownBy(() -> workspace.live().snapshot(doorbell.rtspUri(VirtualDoorbell.Stream.MAIN).toString(),
                USER, PASSWORD, 200))
                .isInstanceOf(UserException.class).hasMessageContaining("does not follow redirects");
        assertNothingReachedTheCatcher();
    }

    @Test
    void aLiveTileShowsNotAllowedAndNeverFollows() throws Exception {
        LiveViewTest.SwitchableTarget target = new LiveViewTest.SwitchableTarget(new Size(320, 180));
        try (LiveStream stream = workspace.live().open("Porch", Quality.SUB, target)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status().problem()
                    == LiveStatus.Problem.NOT_ALLOWED);
            assertThat(target.published).isZero();
        }
        assertNothingReachedTheCatcher();
    }
}
