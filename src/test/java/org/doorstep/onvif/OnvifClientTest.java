package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.doorstep.common.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnvifClientTest {
    final OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly(), Duration.ofSeconds(2), Duration.ofSeconds(2),
            SafeXml.SOAP_LIMIT);
    final AuthMemory memory = new AuthMemory();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    OnvifClient client(FakeOnvifCamera cam, String user, String password) {
        return new OnvifClient(http, cam.deviceUrl(), user, password == null ? null : password.toCharArray(), memory,
                Clock.systemUTC());
    }

    @Test
    void fullSetupViaMedia2TalksOnlyToTheDiscoveredHost() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            OnvifCameraSetup s = client(cam, null, null).setup(null, null);
            assertThat(cam.calls).containsSubsequence("GetSystemDateAndTime", "GetServices", "GetDeviceInformation",
                    "GetProfiles", "GetStreamUri", "GetSnapshotUri");
            // services announced as 192.168.1.99:8080 but reached through the host we were given
            assertThat(cam.paths).contains("/onvif/media2_service");
            assertThat(s.services().media2()).isEqualTo(URI.create("http://127.0.0.1:" + cam.port() + "/onvif/media2_service"));
            assertThat(s.mainProfile().token()).isEqualTo("Profile_101");
            assertThat(s.mainProfile().encoding()).isEqualTo("H265");
            assertThat(s.mainProfile().resolution()).isEqualTo("2560x1920");
            assertThat(s.mainProfile().frameRate()).isEqualTo(20.0);
            assertThat(s.subProfile().token()).isEqualTo("Profile_102");
            assertThat(s.mainUrl()).isEqualTo(URI.create(
                    "rtsp://127.0.0.1:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_101"));
            assertThat(s.mainUrl().getUserInfo()).isNull();
            assertThat(s.subUrl().getPath()).isEqualTo("/Streaming/Channels/102");
            assertThat(s.snapshotUrl()).isEqualTo(URI.create("http://127.0.0.1:" + cam.port() + "/onvif/snapshot?channel=1"));
            assertThat(s.device().manufacturer()).isEqualTo("Acme");
            assertThat(s.device().model()).isEqualTo("DB-2");
            assertThat(s.authMode()).isEqualTo(AuthMode.NONE);
            assertThat(s.clockOffset().abs()).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void media1PicksHighestAsMainAndLowestAtLeast320WideAsSub() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.media2 = false;
            OnvifCameraSetup s = client(cam, null, null).setup(null, null);
            assertThat(s.profiles()).extracting(MediaProfile::token).containsExactly("Profile_1", "Profile_2", "Profile_3");
            assertThat(s.mainProfile().resolution()).isEqualTo("1920x1080");
            assertThat(s.subProfile().resolution()).isEqualTo("640x360"); // 176x144 is below 320 px
            assertThat(s.mainUrl().getPath()).isEqualTo("/Streaming/Channels/101");
        }
    }

    @Test
    void getServicesFaultFallsBackToGetCapabilities() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.getServicesFaults = true;
            OnvifCameraSetup s = client(cam, null, null).setup(null, null);
            assertThat(cam.calls).containsSubsequence("GetServices", "GetCapabilities", "GetProfiles");
            assertThat(s.services().media2()).isNull();
            assertThat(s.services().media()).isEqualTo(URI.create("http://127.0.0.1:" + cam.port() + "/onvif/media_service"));
            assertThat(s.mainProfile().token()).isEqualTo("Profile_1");
        }
    }

    @Test
    void relativeServiceAddressesArePutOnTheDeviceHost() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.announcedHost = "";
            OnvifCameraSetup s = client(cam, null, null).setup(null, null);
            assertThat(s.services().events()).isEqualTo(URI.create("http://127.0.0.1:" + cam.port() + "/onvif/event_service"));
            assertThat(cam.paths).contains("/onvif/media2_service");
        }
    }

    @Test
    void rebaseRules() {
        var c = new OnvifClient(http, URI.create("http://10.0.0.5:8000/onvif/device_service"), null, null, memory,
                Clock.systemUTC());
        assertThat(c.rebase("http://192.168.0.3/onvif/Media")).isEqualTo(URI.create("http://10.0.0.5:8000/onvif/Media"));
        assertThat(c.rebase("http://localhost:80/onvif/Events")).isEqualTo(URI.create("http://10.0.0.5:8000/onvif/Events"));
        assertThat(c.rebase("/onvif/Events")).isEqualTo(URI.create("http://10.0.0.5:8000/onvif/Events"));
        assertThat(c.rebase("http://10.0.0.5:8899/onvif/Events")).isEqualTo(URI.create("http://10.0.0.5:8899/onvif/Events"));
        assertThat(c.rebase("")).isNull();
    }

    @Test
    void httpDigestAuth() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.auth = FakeOnvifCamera.Auth.DIGEST;
            OnvifCameraSetup s = client(cam, "admin", "secret").setup(null, null);
            assertThat(s.authMode()).isEqualTo(AuthMode.DIGEST);
            assertThat(s.mainProfile().token()).isEqualTo("Profile_101");
            assertThat(cam.authHeaders).anyMatch(h -> h.startsWith("Digest "));
            assertThat(cam.createdStamps).isEmpty(); // never both kinds
            assertThat(memory.get(cam.deviceUrl())).contains(AuthMode.DIGEST);
        }
    }

    @Test
    void usernameTokenWithA90SecondClockSkew() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.auth = FakeOnvifCamera.Auth.USERNAME_TOKEN;
            cam.skew = Duration.ofSeconds(90);
            OnvifCameraSetup s = client(cam, "admin", "secret").setup(null, null);
            assertThat(s.authMode()).isEqualTo(AuthMode.USERNAME_TOKEN);
            assertThat(s.clockOffset()).isBetween(Duration.ofSeconds(88), Duration.ofSeconds(92));
            assertThat(cam.authHeaders).allMatch(String::isEmpty); // never both kinds
            assertThat(cam.createdStamps).isNotEmpty().allSatisfy(c -> {
                assertThat(c).endsWith("Z").doesNotContain("+00:00");
                assertThat(Duration.between(Instant.now(), Instant.parse(c)).getSeconds()).isBetween(85L, 95L);
            });
            assertThat(memory.get(cam.deviceUrl())).contains(AuthMode.USERNAME_TOKEN);
        }
    }

    @Test
    void usernameTokenWithoutTheOffsetWouldBeRefused() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            cam.auth = FakeOnvifCamera.Auth.USERNAME_TOKEN;
            cam.skew = Duration.ofSeconds(90);
            // skip GetSystemDateAndTime: the token carries our clock, 90 s off → refused like on real cameras
            assertThatThrownBy(() -> client(cam, "admin", "secret").deviceInformation())
                    .isInstanceOf(OnvifAuthException.class);
        }
    }

    @Test
    void wrongPasswordGivesTheUserMessageForBothAuthStyles() throws Exception {
        for (FakeOnvifCamera.Auth a : new FakeOnvifCamera.Auth[] {FakeOnvifCamera.Auth.DIGEST,
            FakeOnvifCamera.Auth.USERNAME_TOKEN}) {
            try (var cam = new FakeOnvifCamera()) {
                cam.auth = a;
                assertThatThrownBy(() -> client(cam, "admin", "wrong").setup(null, null))
                        .as(a.name())
                        .isInstanceOfSatisfying(OnvifAuthException.class, e -> {
                            assertThat(e.userMessage()).isEqualTo("wrong user name or password");
                            assertThat(Messages.of("onvif", Locale.GERMAN).get(e.key()))
                                    .isEqualTo("falscher Benutzername oder falsches Passwort");
                            assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("secret");
                        });
            }
        }
    }

    @Test
    void needsAuthIsToldFromGetDeviceInformation() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            assertThat(OnvifClient.needsAuth(http, cam.deviceUrl())).isFalse();
            cam.auth = FakeOnvifCamera.Auth.DIGEST;
            assertThat(OnvifClient.needsAuth(http, cam.deviceUrl())).isTrue();
            cam.auth = FakeOnvifCamera.Auth.USERNAME_TOKEN;
            assertThat(OnvifClient.needsAuth(http, cam.deviceUrl())).isTrue();
            assertThatThrownBy(() -> client(cam, null, null).deviceInformation())
                    .isInstanceOfSatisfying(OnvifAuthException.class,
                            e -> assertThat(e.userMessage()).isEqualTo("the camera needs a user name and password"));
        }
    }

    @Test
    void deviceThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        silent.accept(); // hold the connection, say nothing
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            var c = new OnvifClient(http, URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/onvif/device_service"),
                    null, null, memory, Clock.systemUTC());
            long t0 = System.nanoTime();
            assertThatThrownBy(c::getSystemDateAndTime)
                    .isInstanceOfSatisfying(OnvifTimeoutException.class,
                            e -> assertThat(e.userMessage()).isEqualTo("the camera did not answer"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void closedPortIsNoAnswerToo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        var c = new OnvifClient(http, URI.create("http://127.0.0.1:" + port + "/onvif/device_service"), null, null,
                memory, Clock.systemUTC());
        assertThatThrownBy(c::getSystemDateAndTime).isInstanceOf(OnvifTimeoutException.class);
    }

    @Test
    void tenMegabyteReplyIsRefusedWithoutReadingItAll() throws Exception {
        for (boolean withLength : new boolean[] {false, true}) {
            AtomicLong written = new AtomicLong();
            AtomicBoolean finished = new AtomicBoolean();
            try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
                Thread t = new Thread(() -> serveHuge(server, withLength, written, finished));
                t.setDaemon(true);
                t.start();
                var c = new OnvifClient(http, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/onvif/device_service"),
                        null, null, memory, Clock.systemUTC());
                assertThatThrownBy(c::getSystemDateAndTime)
                        .as("content-length " + withLength)
                        .isInstanceOfSatisfying(OnvifReplyException.class,
                                e -> assertThat(e.userMessage()).isEqualTo("the camera sent a reply Doorstep cannot read"));
                t.join(5000);
                System.out.println("10 MB reply, length header " + withLength + ": server wrote " + written.get()
                        + " bytes before the client hung up");
                assertThat(finished).isFalse();
                assertThat(written.get()).isLessThan(10L * 1024 * 1024);
            }
        }
    }

    private static void serveHuge(ServerSocket server, boolean withLength, AtomicLong written, AtomicBoolean finished) {
        try (Socket s = server.accept()) {
            s.setSendBufferSize(64 * 1024);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            long size = 10L * 1024 * 1024;
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n"
                    + (withLength ? "Content-Length: " + size + "\r\n" : "Connection: close\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("<a>" + "x".repeat(8185) + "</a>").getBytes(StandardCharsets.US_ASCII);
            out.write("<r>".getBytes(StandardCharsets.US_ASCII));
            while (written.get() < size) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
            finished.set(true);
        } catch (IOException e) {
            // the client hung up, as it should
        }
    }

    @Test
    void hostileSoapRepliesAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String payload : new String[] {SafeXmlTest.BILLION_LAUGHS, SafeXmlTest.externalEntity(Path.of("/etc/passwd"))}) {
            try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
                Thread t = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read(new byte[65536]);
                        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: "
                                + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().write(b);
                        s.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception ignored) {
                        // test server
                    }
                });
                t.setDaemon(true);
                t.start();
                var c = new OnvifClient(http, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/onvif/device_service"),
                        null, null, memory, Clock.systemUTC());
                assertThatThrownBy(c::deviceInformation).isInstanceOf(OnvifReplyException.class)
                        .hasMessageNotContaining("root:");
            }
        }
    }

    @Test
    void undeclaredPrefixesInSoapRepliesAreTolerated() throws Exception {
        String reply = "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<SOAP-ENV:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>Reolink</tds:Manufacturer>"
                + "<tds:Model>D340P</tds:Model><tds:FirmwareVersion>v3.0</tds:FirmwareVersion>"
                + "<tds:SerialNumber>00000</tds:SerialNumber><tds:HardwareId>IPC_5</tds:HardwareId>"
                + "</tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[65536]);
                    byte[] b = reply.getBytes(StandardCharsets.UTF_8);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: "
                            + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                } catch (Exception ignored) {
                    // test server
                }
            });
            t.setDaemon(true);
            t.start();
            var c = new OnvifClient(http, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/onvif/device_service"),
                    null, null, memory, Clock.systemUTC());
            DeviceInformation info = c.deviceInformation();
            assertThat(info.manufacturer()).isEqualTo("Reolink");
            assertThat(info.model()).isEqualTo("D340P");
        }
    }

    @Test
    void policyRefusalHappensBeforeAnyConnection() throws Exception {
        try (var cam = new FakeOnvifCamera()) {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            try (var strict = new OnvifHttp(AddressPolicy.lanOnly().denying(lo))) {
                var byIp = new OnvifClient(strict, cam.deviceUrl(), null, null, memory, Clock.systemUTC());
                assertThatThrownBy(byIp::getSystemDateAndTime).isInstanceOf(AddressNotAllowedException.class);
                var byName = new OnvifClient(strict, URI.create("http://localhost:" + cam.port() + "/onvif/device_service"),
                        null, null, memory, Clock.systemUTC());
                // localhost may resolve to ::1 first on some hosts; whichever way, 127.0.0.1 must not be contacted
                try {
                    byName.getSystemDateAndTime();
                } catch (OnvifException expected) {
                    // refused or ::1 has no listener
                }
            }
            assertThat(cam.calls).isEmpty();
        }
    }
}
