package org.doorstep.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.BrandStreams;
import org.doorstep.onvif.DiscoveredDevice;
import org.doorstep.sim.DemoCamera;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.RenderProgress;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.setup.CameraSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera wizard without a stage, against the virtual doorbell on loopback (RTSP, ONVIF and WS-Discovery) and a
 * real data folder: found by discovery, wrong password explained, right password previewed, saved through the
 * catalog, marked as added on the next scan.
 */
class WizardViewModelTest {
    static final String USER = "admin";
    static final String PASSWORD = "door-secret";

    @TempDir
    Path dir;
    private Locale saved;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void english() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restore() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        Locale.setDefault(saved);
    }

    DemoCamera doorbell(Duration clockSkew, int discoveryPort) throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials(USER, PASSWORD, false).withOnvif(0, 0, clockSkew);
        DemoCamera demo = new DemoCamera(cfg);
        open.add(demo);
        return demo.start(RenderProgress.NONE, discoveryPort);
    }

    WizardViewModel wizard(Workspace ws, CameraSetup setup, int discoveryPort) {
        WizardViewModel vm = new WizardViewModel(setup, null, UiExecutors.direct(), Locale.ENGLISH, discoveryPort);
        vm.scanTargetProperty().set("127.0.0.1");
        return vm;
    }

    @Test
    void pressTheBellNowMapsAButtonWiredToTheDigitalInputAsARing() throws Exception {
        DemoCamera demo = doorbell(Duration.ZERO, org.doorstep.sim.onvif.SimulatedOnvifCamera.NO_DISCOVERY);
        try (Workspace ws = new Launcher().open(dir, "test")) {
            WizardViewModel vm = wizard(ws, ws.setup(), 0);
            vm.byAddress();
            vm.addressProperty().set("127.0.0.1:" + demo.onvifUri().getPort());
            vm.userProperty().set(USER);
            vm.passwordProperty().set(PASSWORD);
            vm.check();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PREVIEW);
            Thread presser = new Thread(() -> {
                try {
                    while (demo.onvif().server().subscriptionCount() == 0) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(1000);
                    demo.onvif().publish(org.doorstep.sim.onvif.SimEvent.digitalInput(java.time.Instant.now(), true));
                    Thread.sleep(400);
                    demo.onvif().publish(org.doorstep.sim.onvif.SimEvent.digitalInput(java.time.Instant.now(), false));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            presser.start();
            vm.listenForBell(); // direct executors: returns once the press was heard
            presser.join(5000);
            assertThat(vm.ringTopicProperty().get()).isEqualTo("tns1:Device/Trigger/DigitalInput");
            assertThat(vm.bellProperty().get()).isEqualTo(
                    "Heard the button on tns1:Device/Trigger/DigitalInput: it will count as a ring for this camera.");
            vm.next();
            vm.skipMasks();
            vm.nameProperty().set("Gate");
            vm.save(null);
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(ws.catalog().require("Gate").options().ringTopicList())
                    .containsExactly("tns1:Device/Trigger/DigitalInput");
        }
    }

    @Test
    void findsTheDoorbellExplainsAWrongPasswordPreviewsAndSaves() throws Exception {
        DemoCamera demo = doorbell(Duration.ZERO, 0);
        int port = demo.onvif().discovery().port();
        try (Workspace ws = new Launcher().open(dir, "test")) {
            WizardViewModel vm = wizard(ws, ws.setup(), port);
            vm.scan();
            assertThat(vm.scanningProperty().get()).isFalse();
            assertThat(vm.results()).singleElement().satisfies(r -> {
                assertThat(r.title()).isEqualTo("Virtual Doorbell");
                assertThat(r.details()).startsWith("maker not told · VDB1").contains("127.0.0.1:" + demo.onvifUri().getPort())
                        .contains("password needed");
                assertThat(r.mark()).isEmpty();
            });
            assertThat(vm.scanStatusProperty().get()).isEqualTo("One camera answered. Choose one and press Choose.");

            vm.pick(vm.results().get(0));
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CREDENTIALS);
            assertThat(vm.showPasswordProperty().get()).isFalse();
            vm.userProperty().set(USER);
            vm.passwordProperty().set("not-the-password");
            vm.check();
            assertThat(vm.problemProperty().get())
                    .isEqualTo("The camera at 127.0.0.1:" + demo.onvifUri().getPort() + " refused the user name or password. Check them"
                            + " (they are often on a sticker on the camera or in its app) and try again.");
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.CREDENTIALS);

            vm.passwordProperty().set(PASSWORD);
            vm.check();
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PREVIEW);
            assertThat(vm.mainInfoProperty().get()).isEqualTo("H264 · 1280×720 · 15 fps");
            assertThat(vm.subInfoProperty().get()).isEqualTo("H264 · 640×360 · 15 fps");
            assertThat(vm.warningProperty().get()).isNull();
            assertThat(vm.mainPictureProperty().get().width()).isEqualTo(WizardViewModel.PREVIEW_WIDTH);
            assertThat(vm.mainPictureProperty().get().height()).isEqualTo(540);
            assertThat(vm.subPictureProperty().get().width()).isEqualTo(640);

            vm.next();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.MASKS);
            // a detection mask over the left third: drawn before the camera is saved
            vm.masks().click(0.0, 0.0, 0.01, 0.01);
            vm.masks().click(0.33, 0.0, 0.01, 0.01);
            vm.masks().click(0.33, 1.0, 0.01, 0.01);
            vm.masks().click(0.0, 1.0, 0.01, 0.01);
            assertThat(vm.masks().closeDraft()).isTrue();
            vm.next();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SAVE);
            assertThat(vm.nameProperty().get()).isEqualTo("Virtual Doorbell");
            assertThat(vm.retentionHoursProperty().get()).isEqualTo(48);
            vm.nameProperty().set("Front door");
            vm.retentionHoursProperty().set(24);
            List<Camera> done = new ArrayList<>();
            vm.save(done::add);
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(done).extracting(Camera::name).containsExactly("Front door");
            Camera stored = ws.catalog().require("Front door");
            assertThat(stored.mainUrl()).isEqualTo(demo.rtspUri(VirtualDoorbell.Stream.MAIN));
            assertThat(stored.subUrl()).isEqualTo(demo.rtspUri(VirtualDoorbell.Stream.SUB));
            assertThat(stored.onvifUrl()).isEqualTo(demo.onvifUri());
            assertThat(stored.snapshotUrl()).isNotNull();
            assertThat(stored.retention()).isEqualTo(Duration.ofHours(24));
            assertThat(stored.username()).isEqualTo(USER);
            assertThat(stored.credentialRef()).isNotNull();
            assertThat(vm.passwordProperty().get()).isEmpty();
            assertThat(stored.motionMasksJson()).isEqualTo(vm.masks().detectionJson()).isNotNull();
            assertThat(stored.options().privacyMasksJson()).isNull();

            WizardViewModel again = wizard(ws, ws.setup(), port);
            again.scan();
            assertThat(again.results()).singleElement().satisfies(r -> assertThat(r.mark()).isEqualTo("already added"));
            again.pick(again.results().get(0));
            assertThat(again.problemProperty().get()).startsWith("\"Virtual Doorbell\" is already added.");
            assertThat(again.pageProperty().get()).isEqualTo(WizardViewModel.Page.SCAN);
        }
    }

    @Test
    void aCameraClockFarOffIsToldButDoesNotStopIt() throws Exception {
        DemoCamera demo = doorbell(Duration.ofMinutes(10), SimulatedOnvifCamera.NO_DISCOVERY);
        try (Workspace ws = new Launcher().open(dir, "test")) {
            WizardViewModel vm = wizard(ws, ws.setup(), 0);
            vm.byAddress();
            vm.addressProperty().set("127.0.0.1:" + demo.onvifUri().getPort());
            vm.userProperty().set(USER);
            vm.passwordProperty().set(PASSWORD);
            vm.check();
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PREVIEW);
            assertThat(vm.warningProperty().get()).startsWith("The camera's clock is 10 minutes ahead.");
        }
    }

    @Test
    void addsByStreamAddressWithTheCredentialsSplitOff() throws Exception {
        DemoCamera demo = doorbell(Duration.ZERO, SimulatedOnvifCamera.NO_DISCOVERY);
        URI main = demo.rtspUri(VirtualDoorbell.Stream.MAIN);
        try (Workspace ws = new Launcher().open(dir, "test")) {
            WizardViewModel vm = wizard(ws, ws.setup(), 0);
            vm.byAddress();
            vm.addressProperty().set("rtsp://" + USER + ":wrong@127.0.0.1:" + main.getPort() + main.getPath());
            assertThat(vm.isStreamAddress()).isTrue();
            vm.check();
            assertThat(vm.problemProperty().get()).startsWith("The camera at 127.0.0.1:" + main.getPort()
                    + " refused the user name or password.");
            assertThat(vm.addressProperty().get()).isEqualTo(main.toString()); // the password left the address
            assertThat(vm.userProperty().get()).isEqualTo(USER);
            vm.passwordProperty().set("");

            vm.addressProperty().set("rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + main.getPort() + main.getPath());
            vm.subAddressProperty().set(demo.rtspUri(VirtualDoorbell.Stream.SUB).toString());
            vm.check();
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.mainInfoProperty().get()).isEqualTo("H264 · 1280×720 · 15 fps");
            assertThat(vm.subInfoProperty().get()).isEqualTo("H264 · 640×360 · 15 fps");
            assertThat(vm.mainPictureProperty().get()).isNotNull(); // decoded from the stream itself, no ONVIF needed
            vm.next();
            vm.skipMasks();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SAVE);
            vm.nameProperty().set("Porch");
            vm.save(c -> { });
            Camera stored = ws.catalog().require("Porch");
            assertThat(stored.mainUrl()).isEqualTo(main);
            assertThat(stored.username()).isEqualTo(USER);
            assertThat(stored.credentialRef()).isNotNull();
            assertThat(stored.onvifUrl()).isNull();
        }
    }

    @Test
    void anUnreachableAddressAndADuplicateNameAreExplained() throws Exception {
        DemoCamera demo = doorbell(Duration.ZERO, SimulatedOnvifCamera.NO_DISCOVERY);
        try (Workspace ws = new Launcher().open(dir, "test")) {
            ws.catalog().add(new org.doorstep.usecase.cameras.CameraCatalog.ByAddress("Porch", "rtsp://127.0.0.2:1/a",
                    null, null, null, null));
            WizardViewModel vm = wizard(ws, ws.setup(), 0);
            vm.byAddress();
            vm.addressProperty().set("127.0.0.1:1");
            vm.check();
            assertThat(vm.problemProperty().get()).isEqualTo("Nothing answers at 127.0.0.1:1. Check that the camera"
                    + " is switched on, on the same network as this computer, and that the address is right.");
            assertThat(vm.brandsOfferedProperty().get()).isFalse();

            vm.addressProperty().set(demo.onvifUri().toString());
            vm.userProperty().set(USER);
            vm.passwordProperty().set(PASSWORD);
            vm.check();
            vm.next();
            vm.next();
            vm.nameProperty().set("Porch");
            vm.save(c -> { });
            assertThat(vm.problemProperty().get())
                    .isEqualTo("There is already a camera called \"Porch\". Choose another name.");
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SAVE);
        }
    }

    @Test
    void withOnvifOffTheBrandStreamAddressesAreTriedAndVerifiedByTheirPackets() throws Exception {
        DemoCamera demo = doorbell(Duration.ZERO, SimulatedOnvifCamera.NO_DISCOVERY);
        int rtspPort = demo.rtspUri(VirtualDoorbell.Stream.MAIN).getPort();
        try (Workspace ws = new Launcher().open(dir, "test")) {
            // a wrong brand first: it must be refused because no packets come, then the doorbell's own paths
            List<BrandStreams.Template> templates = List.of(BrandStreams.TEMPLATES.get(1),
                    new BrandStreams.Template("Virtual doorbell", VirtualDoorbell.MAIN_PATH, "/sub"));
            CameraSetup setup = new CameraSetup(ws.catalog(), new Discovery(AddressPolicy.lanOnly()), ws.live(),
                    AddressPolicy.lanOnly(), Clock.systemUTC(), templates, Duration.ofSeconds(5));
            WizardViewModel vm = wizard(ws, setup, 0);
            vm.byAddress();
            vm.addressProperty().set("127.0.0.1:1"); // nothing speaks ONVIF there, but the RTSP port answers
            vm.userProperty().set(USER);
            vm.passwordProperty().set(PASSWORD);
            vm.rtspPortProperty().set(rtspPort);
            vm.check();
            assertThat(vm.problemProperty().get()).isEqualTo("The camera at 127.0.0.1:1 answers video requests but"
                    + " not ONVIF, so ONVIF is probably switched off. Turn it on in the camera's app, or let Doorstep"
                    + " try the usual stream addresses of common brands.");
            assertThat(vm.brandsOfferedProperty().get()).isTrue();
            vm.tryBrands();
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.PREVIEW);
            assertThat(vm.checkedProperty().get().brand()).isEqualTo("Virtual doorbell");
            assertThat(vm.mainInfoProperty().get()).isEqualTo("H264 · 1280×720 · 15 fps");
            assertThat(vm.nameProperty().get()).isEqualTo("Virtual doorbell");

            CameraSetup onlyWrong = new CameraSetup(ws.catalog(), new Discovery(AddressPolicy.lanOnly()), ws.live(),
                    AddressPolicy.lanOnly(), Clock.systemUTC(), List.of(BrandStreams.TEMPLATES.get(1)),
                    Duration.ofSeconds(5));
            WizardViewModel none = wizard(ws, onlyWrong, 0);
            none.byAddress();
            none.addressProperty().set("127.0.0.1");
            none.rtspPortProperty().set(rtspPort);
            none.tryBrands();
            assertThat(none.problemProperty().get()).isEqualTo("None of the usual stream addresses played on"
                    + " 127.0.0.1:" + rtspPort + ". Enter the stream address from the camera's manual by hand.");
        }
    }

    @Test
    void aCloudOnlyDoorbellIsNamedAsSuchAndCannotBePicked() throws Exception {
        try (Workspace ws = new Launcher().open(dir, "test")) {
            DiscoveredDevice ring = new DiscoveredDevice("Ring Video Doorbell 4", "Ring", "Video Doorbell 4",
                    InetAddress.getLoopbackAddress(), URI.create("http://127.0.0.1:8000/onvif/device_service"), null,
                    "urn:uuid:ring", List.of(), List.of(), List.of());
            CameraSetup.Found found = ws.setup().classify(ring, List.of());
            assertThat(found.cloudOnly()).isEqualTo(
                    "Ring doorbells only stream through the Ring cloud; Doorstep cannot record them locally.");
            WizardViewModel vm = wizard(ws, ws.setup(), 0);
            vm.pick(new WizardViewModel.Result(found, "Ring Video Doorbell 4", "", "cloud only"));
            assertThat(vm.problemProperty().get()).isEqualTo(found.cloudOnly());
            assertThat(vm.pageProperty().get()).isEqualTo(WizardViewModel.Page.SCAN);
        }
    }

    @Test
    void aSubnetScanShowsItsProgressAndStopsOnCancel() throws Exception {
        // every address of 127.0.0.0/24 is this computer: a real /24 unicast scan that never leaves loopback
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Workspace ws = new Launcher().open(dir, "test")) {
            WizardViewModel vm = new WizardViewModel(ws.setup(), null, new UiExecutors(background, Runnable::run),
                    Locale.ENGLISH, 9); // the discard port: nothing answers
            List<Double> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            vm.scanProgressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
            vm.scanTargetProperty().set("127.0.0.0/24");
            long start = System.nanoTime();
            vm.scan();
            assertThat(vm.scanningProperty().get()).isTrue();
            assertThat(vm.scanStatusProperty().get()).isEqualTo("Searching 127.0.0.0/24...");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3))
                    .until(() -> progress.stream().anyMatch(p -> p > 0.1 && p < 1.0));
            vm.cancel();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !vm.scanningProperty().get());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WizardViewModel.SCAN_TIME);
            assertThat(vm.scanStatusProperty().get()).isEqualTo("Search stopped; no camera found so far.");
            assertThat(vm.results()).isEmpty();

            vm.scan(); // and a scan that runs to its end says what to do next
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !vm.scanningProperty().get());
            assertThat(vm.scanStatusProperty().get()).isEqualTo("No camera answered at 127.0.0.0/24. Check the"
                    + " address, or add the camera by its address.");
        } finally {
            background.shutdownNow();
        }
    }
}
