package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.common.Messages;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.junit.jupiter.api.Test;

class RtspProbeTest {
    static final InetAddress LO = InetAddress.getLoopbackAddress();

    @Test
    void brandTemplatesBuildTheKnownUrls() {
        assertThat(BrandStreams.TEMPLATES).extracting(BrandStreams.Template::brand).contains("Dahua/Amcrest",
                "Hikvision", "Reolink (H.264)", "Reolink (H.265)", "Tapo", "Axis", "Uniview");
        assertThat(RtspProbe.uri("192.168.1.5", 554, "/cam/realmonitor?channel=1&subtype=0"))
                .isEqualTo(URI.create("rtsp://192.168.1.5:554/cam/realmonitor?channel=1&subtype=0"));
        assertThat(RtspProbe.withCredentials(URI.create("rtsp://10.0.0.2:554/stream1"), "admin", "p@ss:w/rd".toCharArray()))
                .isEqualTo("rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.2:554/stream1");
    }

    @Test
    void findsThePathThatReallyPlaysOnTheVirtualDoorbell() throws Exception {
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null).withCredentials("admin", "door-secret", false);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            var templates = List.of(new BrandStreams.Template("Hikvision", "/Streaming/Channels/101", "/Streaming/Channels/102"),
                    new BrandStreams.Template("Virtual", VirtualDoorbell.MAIN_PATH, VirtualDoorbell.SUB_PATH));
            List<String> tried = new CopyOnWriteArrayList<>();
            var probe = new RtspProbe(AddressPolicy.lanOnly(), Duration.ofSeconds(5), templates);
            var found = probe.probe("127.0.0.1", bell.rtspPort(), "admin", "door-secret".toCharArray(), tried::add, null);
            assertThat(tried).containsExactly("Hikvision", "Virtual");
            assertThat(found).hasValueSatisfying(f -> {
                assertThat(f.brand()).isEqualTo("Virtual");
                assertThat(f.mainUrl()).isEqualTo(URI.create("rtsp://127.0.0.1:" + bell.rtspPort() + "/main"));
                assertThat(f.subUrl()).isEqualTo(URI.create("rtsp://127.0.0.1:" + bell.rtspPort() + "/sub"));
                assertThat(f.mainUrl().getUserInfo()).isNull();
            });
            // wrong password: nothing plays
            assertThat(probe.probe("127.0.0.1", bell.rtspPort(), "admin", "nope".toCharArray(), null, null)).isEmpty();
        }
    }

    @Test
    void silentCameraTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, LO)) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        silent.accept();
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            var probe = new RtspProbe(AddressPolicy.lanOnly(), Duration.ofSeconds(1),
                    List.of(new BrandStreams.Template("Tapo", "/stream1", "/stream2")));
            long t0 = System.nanoTime();
            assertThat(probe.probe("127.0.0.1", silent.getLocalPort(), null, null, null, null)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void refusedAddressIsNotContacted() {
        var probe = new RtspProbe(AddressPolicy.lanOnly().denying(LO), Duration.ofSeconds(1));
        assertThatThrownBy(() -> probe.probe("127.0.0.1", 554, null, null, null, null))
                .isInstanceOf(AddressNotAllowedException.class);
    }

    @Test
    void cloudOnlyDoorbellsAreNamed() {
        assertThat(CloudOnlyDoorbells.match("Ring Video Doorbell 4")).hasValueSatisfying(e ->
                assertThat(CloudOnlyDoorbells.message(e)).contains("Ring").contains("cloud"));
        assertThat(CloudOnlyDoorbells.match("Google Nest Doorbell (battery)")).isPresent();
        assertThat(CloudOnlyDoorbells.match("eufy Video Doorbell E340")).hasValueSatisfying(e ->
                assertThat(CloudOnlyDoorbells.message(e)).startsWith("Several"));
        assertThat(CloudOnlyDoorbells.match("UniFi G4 Doorbell Pro")).hasValueSatisfying(e ->
                assertThat(CloudOnlyDoorbells.message(e)).contains("controller"));
        assertThat(CloudOnlyDoorbells.match("Reolink Video Doorbell PoE")).isEmpty();
        assertThat(CloudOnlyDoorbells.match("Doorstring 3000")).isEmpty();
        assertThat(Messages.of("onvif", Locale.GERMAN).get("cloud.only", "Ring", "Ring")).contains("Cloud");
    }
}
