package org.doorstep.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.ListChangeListener;
import org.doorstep.Launcher;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 (Hello/Bye): the add-camera wizard's scan also listens for cameras announcing themselves, so one plugged
 * in while the scan runs appears in the list, and one that says Bye goes from it. On loopback only: the virtual
 * doorbell says Hello (and Bye when it closes) to the port the scan listens on.
 */
class WizardHelloTest {
    @TempDir
    Path dir;

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a whole-network scan while {@code camera} plugs the doorbell in (and maybe out); the titles seen. */
    private List<String> scanWhile(Workspace ws, int port, boolean unplug, List<String> finalTitles) throws Exception {
        WizardViewModel vm = new WizardViewModel(ws.setup(), null, UiExecutors.direct(), Locale.ENGLISH, port);
        List<String> seen = new CopyOnWriteArrayList<>();
        vm.results().addListener((ListChangeListener<WizardViewModel.Result>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(r -> seen.add(r.title()));
            }
        });
        AtomicBoolean scanDone = new AtomicBoolean();
        Thread camera = new Thread(() -> {
            DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                    .withVisitEvery(null).withCredentials("admin", "door-secret", false).withOnvif(0, 0, Duration.ZERO);
            try (DemoCamera demo = new DemoCamera(cfg)) {
                Thread.sleep(300); // plugged in after the scan began
                demo.start(RenderProgress.NONE, 0, List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port)));
                // a camera repeats its Hello; the first one may come before the scan listens
                while (!scanDone.get() && vm.results().isEmpty()) {
                    demo.onvif().discovery().announceHello();
                    Thread.sleep(200);
                }
                if (!unplug) {
                    while (!scanDone.get()) {
                        Thread.sleep(50);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        camera.start();
        vm.scan(); // direct executors: returns when the scan is over
        scanDone.set(true);
        camera.join(10_000);
        vm.results().forEach(r -> finalTitles.add(r.title()));
        return seen;
    }

    @Test
    void aCameraPluggedInDuringTheScanAppears() throws Exception {
        try (Workspace ws = new Launcher().open(dir, "test")) {
            List<String> last = new CopyOnWriteArrayList<>();
            List<String> seen = scanWhile(ws, freeUdpPort(), false, last);
            assertThat(seen).contains("Virtual Doorbell");
            assertThat(last).containsExactly("Virtual Doorbell");
        }
    }

    @Test
    void aCameraThatSaysByeDuringTheScanGoesFromTheList() throws Exception {
        try (Workspace ws = new Launcher().open(dir, "test")) {
            List<String> last = new CopyOnWriteArrayList<>();
            List<String> seen = scanWhile(ws, freeUdpPort(), true, last);
            assertThat(seen).contains("Virtual Doorbell");
            assertThat(last).isEmpty();
        }
    }
}
