package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.doorstep.sim.onvif.OnvifTestSupport.SOAP12;
import static org.doorstep.sim.onvif.OnvifTestSupport.TDS;
import static org.doorstep.sim.onvif.OnvifTestSupport.TRT;
import static org.doorstep.sim.onvif.OnvifTestSupport.TT;
import static org.doorstep.sim.onvif.OnvifTestSupport.all;
import static org.doorstep.sim.onvif.OnvifTestSupport.at;
import static org.doorstep.sim.onvif.OnvifTestSupport.envelope;
import static org.doorstep.sim.onvif.OnvifTestSupport.faultSubcodes;
import static org.doorstep.sim.onvif.OnvifTestSupport.nonce;
import static org.doorstep.sim.onvif.OnvifTestSupport.post;
import static org.doorstep.sim.onvif.OnvifTestSupport.text;
import static org.doorstep.sim.onvif.OnvifTestSupport.usernameToken;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OnvifSimServerTest {
    private static final Duration SKEW = Duration.ofMinutes(90);
    private OnvifSimServer server;

    @BeforeEach
    void start() throws Exception {
        OnvifSimConfig config = new OnvifSimConfig(0, "admin", "s3cret", SKEW, "Doorstep", "Virtual Doorbell",
                "1.2.3", "SN-42", "VDB1", "Front Door", "6f1c1a52-6c0e-4a7b-9c55-1f1f7d2b2c01");
        server = new OnvifSimServer(config, token -> URI.create("rtsp://127.0.0.1:8554/" + token),
                () -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A request authenticated with a fresh UsernameToken on the camera clock. */
    private OnvifTestSupport.Reply call(String path, String body) {
        String header = usernameToken("admin", "s3cret", Instant.now().plus(SKEW), nonce());
        return post(at(server, path), envelope(header, body));
    }

    private Document ok(String path, String body) {
        OnvifTestSupport.Reply r = call(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/soap+xml"));
        return r.doc();
    }

    @Test
    void getSystemDateAndTimeNeedsNoAuthAndReportsTheSkewedCameraClock() {
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH),
                envelope(null, "<tds:GetSystemDateAndTime/>"));
        assertThat(r.status()).isEqualTo(200);
        Document d = r.doc();
        Element utc = OnvifTestSupport.first(d, TT, "UTCDateTime");
        Element date = (Element) utc.getElementsByTagNameNS(TT, "Date").item(0);
        Element time = (Element) utc.getElementsByTagNameNS(TT, "Time").item(0);
        Instant reported = LocalDate.of(num(date, "Year"), num(date, "Month"), num(date, "Day"))
                .atTime(LocalTime.of(num(time, "Hour"), num(time, "Minute"), num(time, "Second")))
                .toInstant(ZoneOffset.UTC);
        Duration offset = Duration.between(Instant.now(), reported);
        assertThat(offset).isBetween(SKEW.minusSeconds(5), SKEW.plusSeconds(5));
        assertThat(text(d, TT, "TZ")).isEqualTo("UTC0");
    }

    private static int num(Element parent, String name) {
        return Integer.parseInt(parent.getElementsByTagNameNS(TT, name).item(0).getTextContent().trim());
    }

    @Test
    void getCapabilitiesAllListsDeviceMediaAndEventAddresses() {
        Document d = ok(OnvifSimServer.DEVICE_PATH, "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>");
        String base = "http://127.0.0.1:" + server.port();
        Map<String, String> xaddrs = all(d, TT, "XAddr").stream().collect(Collectors.toMap(
                e -> e.getParentNode().getLocalName(), e -> e.getTextContent().trim()));
        assertThat(xaddrs).containsEntry("Device", base + "/onvif/device_service")
                .containsEntry("Media", base + "/onvif/media_service")
                .containsEntry("Events", base + "/onvif/event_service");
        assertThat(text(d, TT, "WSPullPointSupport")).isEqualTo("true");
    }

    @Test
    void getCapabilitiesForAServiceTheCameraLacksIsAFault() {
        OnvifTestSupport.Reply r = call(OnvifSimServer.DEVICE_PATH,
                "<tds:GetCapabilities><tds:Category>PTZ</tds:Category></tds:GetCapabilities>");
        assertThat(r.status()).isEqualTo(500);
        assertThat(faultSubcodes(r.doc())).contains("ter:NoSuchService");
    }

    @Test
    void getServicesListsDeviceMediaAndEventsWithCapabilities() {
        Document d = ok(OnvifSimServer.DEVICE_PATH,
                "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>");
        List<String> namespaces = all(d, TDS, "Namespace").stream().map(e -> e.getTextContent().trim()).toList();
        assertThat(namespaces).containsExactly("http://www.onvif.org/ver10/device/wsdl",
                "http://www.onvif.org/ver10/media/wsdl", "http://www.onvif.org/ver20/media/wsdl",
                "http://www.onvif.org/ver10/events/wsdl");
        assertThat(all(d, TDS, "XAddr")).extracting(e -> e.getTextContent().trim()).containsExactly(
                "http://127.0.0.1:" + server.port() + "/onvif/device_service",
                "http://127.0.0.1:" + server.port() + "/onvif/media_service",
                "http://127.0.0.1:" + server.port() + "/onvif/media2_service",
                "http://127.0.0.1:" + server.port() + "/onvif/event_service");
        Element security = OnvifTestSupport.first(d, TDS, "Security");
        assertThat(security.getAttribute("UsernameToken")).isEqualTo("true");
        assertThat(security.getAttribute("HttpDigest")).isEqualTo("true");
        assertThat(OnvifTestSupport.first(d, TRT, "Capabilities").getAttribute("SnapshotUri")).isEqualTo("true");

        Document without = ok(OnvifSimServer.DEVICE_PATH,
                "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>");
        assertThat(all(without, TDS, "Capabilities")).isEmpty();
    }

    @Test
    void getDeviceInformationReportsTheConfiguredIdentity() {
        Document d = ok(OnvifSimServer.DEVICE_PATH, "<tds:GetDeviceInformation/>");
        assertThat(text(d, TDS, "Manufacturer")).isEqualTo("Doorstep");
        assertThat(text(d, TDS, "Model")).isEqualTo("Virtual Doorbell");
        assertThat(text(d, TDS, "FirmwareVersion")).isEqualTo("1.2.3");
        assertThat(text(d, TDS, "SerialNumber")).isEqualTo("SN-42");
        assertThat(text(d, TDS, "HardwareId")).isEqualTo("VDB1");
    }

    @Test
    void getProfilesDescribesMainAndSubStreams() {
        Document d = ok(OnvifSimServer.MEDIA_PATH, "<trt:GetProfiles/>");
        List<Element> profiles = all(d, TRT, "Profiles");
        assertThat(profiles).extracting(p -> p.getAttribute("token")).containsExactly("main", "sub");
        Element main = profiles.get(0);
        assertThat(main.getElementsByTagNameNS(TT, "Encoding").item(0).getTextContent()).isEqualTo("H264");
        Element resolution = (Element) main.getElementsByTagNameNS(TT, "Resolution").item(0);
        assertThat(num(resolution, "Width")).isEqualTo(1280);
        assertThat(num(resolution, "Height")).isEqualTo(720);
        Element subRes = (Element) profiles.get(1).getElementsByTagNameNS(TT, "Resolution").item(0);
        assertThat(num(subRes, "Width")).isEqualTo(640);
        assertThat(num(subRes, "Height")).isEqualTo(360);
        Element rate = (Element) main.getElementsByTagNameNS(TT, "RateControl").item(0);
        assertThat(num(rate, "FrameRateLimit")).isEqualTo(25);
    }

    @Test
    void customProfileListIsReported() throws Exception {
        OnvifSimConfig config = OnvifSimConfig.demo(0, "u", "p", Duration.ZERO).withAuthMode(AuthMode.NONE);
        try (OnvifSimServer custom = new OnvifSimServer(config,
                List.of(new SimProfile("hd", 1920, 1080, 15, "H265")), t -> URI.create("rtsp://127.0.0.1/" + t),
                () -> new byte[0]).start()) {
            Document d = post(at(custom, OnvifSimServer.MEDIA_PATH), envelope(null, "<trt:GetProfiles/>")).doc();
            assertThat(all(d, TRT, "Profiles")).extracting(p -> p.getAttribute("token")).containsExactly("hd");
            assertThat(text(d, TT, "Encoding")).isEqualTo("H265");
            assertThat(text(d, TT, "FrameRateLimit")).isEqualTo("15");
        }
    }

    @Test
    void getStreamUriReturnsTheProfilesRtspUri() {
        for (String token : List.of("main", "sub")) {
            Document d = ok(OnvifSimServer.MEDIA_PATH, "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>"
                    + "<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>"
                    + "<trt:ProfileToken>" + token + "</trt:ProfileToken></trt:GetStreamUri>");
            assertThat(text(d, TT, "Uri")).isEqualTo("rtsp://127.0.0.1:8554/" + token);
        }
    }

    @Test
    void getStreamUriRejectsUnknownProfilesAndMulticast() {
        OnvifTestSupport.Reply unknown = call(OnvifSimServer.MEDIA_PATH,
                "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP"
                        + "</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>nope</trt:ProfileToken></trt:GetStreamUri>");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(faultSubcodes(unknown.doc())).containsExactly("ter:InvalidArgVal", "ter:NoProfile");
        OnvifTestSupport.Reply multicast = call(OnvifSimServer.MEDIA_PATH,
                "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Multicast</tt:Stream><tt:Transport><tt:Protocol>RTSP"
                        + "</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>main</trt:ProfileToken></trt:GetStreamUri>");
        assertThat(multicast.status()).isEqualTo(400);
        assertThat(faultSubcodes(multicast.doc())).contains("ter:InvalidStreamSetup");
    }

    @Test
    void media2ReportsProfilesAndStreamUris() {
        String tr2 = "http://www.onvif.org/ver20/media/wsdl";
        Document d = ok(OnvifSimServer.MEDIA2_PATH, "<tr2:GetProfiles xmlns:tr2=\"" + tr2 + "\"><tr2:Type>All</tr2:Type></tr2:GetProfiles>");
        List<Element> profiles = all(d, tr2, "Profiles");
        assertThat(profiles).extracting(p -> p.getAttribute("token")).containsExactly("main", "sub");
        Element subRes = (Element) profiles.get(1).getElementsByTagNameNS(TT, "Resolution").item(0);
        assertThat(num(subRes, "Width")).isEqualTo(640);
        assertThat(profiles.get(0).getElementsByTagNameNS(TT, "Encoding").item(0).getTextContent()).isEqualTo("H264");
        Document uri = ok(OnvifSimServer.MEDIA2_PATH, "<tr2:GetStreamUri xmlns:tr2=\"" + tr2 + "\"><tr2:Protocol>RTSP"
                + "</tr2:Protocol><tr2:ProfileToken>sub</tr2:ProfileToken></tr2:GetStreamUri>");
        assertThat(text(uri, tr2, "Uri")).isEqualTo("rtsp://127.0.0.1:8554/sub");
        Document snap = ok(OnvifSimServer.MEDIA2_PATH, "<tr2:GetSnapshotUri xmlns:tr2=\"" + tr2 + "\">"
                + "<tr2:ProfileToken>main</tr2:ProfileToken></tr2:GetSnapshotUri>");
        assertThat(text(snap, tr2, "Uri")).isEqualTo("http://127.0.0.1:" + server.port() + "/onvif/snapshot?profile=main");
    }

    @Test
    void withoutMedia2TheCameraLooksLikeOlderFirmware() throws Exception {
        OnvifSimConfig config = OnvifSimConfig.demo(0, "u", "p", Duration.ZERO).withAuthMode(AuthMode.NONE).withMedia2(false);
        try (OnvifSimServer old = new OnvifSimServer(config, t -> URI.create("rtsp://127.0.0.1/" + t), () -> new byte[0]).start()) {
            Document d = post(at(old, OnvifSimServer.DEVICE_PATH), envelope(null, "<tds:GetServices><tds:IncludeCapability>"
                    + "false</tds:IncludeCapability></tds:GetServices>")).doc();
            assertThat(all(d, TDS, "Namespace")).extracting(e -> e.getTextContent().trim())
                    .doesNotContain("http://www.onvif.org/ver20/media/wsdl").hasSize(3);
            assertThat(post(at(old, OnvifSimServer.MEDIA2_PATH), envelope(null, "<GetProfiles/>")).status()).isEqualTo(404);
        }
    }

    @Test
    void getSnapshotUriPointsAtTheSnapshotEndpoint() {
        Document d = ok(OnvifSimServer.MEDIA_PATH, "<trt:GetSnapshotUri><trt:ProfileToken>sub</trt:ProfileToken></trt:GetSnapshotUri>");
        assertThat(text(d, TT, "Uri")).isEqualTo("http://127.0.0.1:" + server.port() + "/onvif/snapshot?profile=sub");
    }

    @Test
    void requestsWithoutCredentialsGetADigestChallenge() {
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH), envelope(null, "<tds:GetDeviceInformation/>"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(2)
                .allSatisfy(v -> assertThat(v).startsWith("Digest ").contains("qop=\"auth\"").contains("nonce=\""));
        assertThat(r.headers().allValues("WWW-Authenticate").get(0)).contains("algorithm=SHA-256");
        assertThat(r.headers().allValues("WWW-Authenticate").get(1)).contains("algorithm=MD5");
        assertThat(r.body()).doesNotContain("Manufacturer");
    }

    @Test
    void malformedXmlIsASenderFaultAndTheServerKeepsServing() {
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH), "<s:Envelope><oops");
        assertThat(r.status()).isEqualTo(400);
        Document d = r.doc();
        assertThat(text(d, SOAP12, "Value")).isEqualTo("env:Sender");
        assertThat(faultSubcodes(d)).containsExactly("ter:WellFormed");
        assertStillServing();
    }

    @Test
    void dtdAndExternalEntitiesAreRefused(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + envelope(null, "<tds:GetDeviceInformation>&x;</tds:GetDeviceInformation>").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH), xxe);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("TOP-SECRET-CONTENT");
        assertThat(faultSubcodes(r.doc())).containsExactly("ter:WellFormed");

        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>";
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH), laughs).status()).isEqualTo(400);
        assertStillServing();
    }

    @Test
    void oversizedBodyIsRefusedAndTheServerKeepsServing() {
        StringBuilder big = new StringBuilder(envelope(null, "<tds:GetDeviceInformation/>"));
        big.insert(big.indexOf("<s:Body>"), "<s:Header><pad>" + "x".repeat(OnvifSimServer.MAX_BODY_BYTES) + "</pad></s:Header>");
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH),
                big.toString().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("too large");
        assertStillServing();
    }

    @Test
    void unknownActionsAndWrongSoapVersionsAreFaults() {
        OnvifTestSupport.Reply unknown = call(OnvifSimServer.DEVICE_PATH, "<tds:SystemReboot/>");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(faultSubcodes(unknown.doc())).containsExactly("ter:ActionNotSupported");
        // a media operation sent to the device service is unknown there
        assertThat(call(OnvifSimServer.DEVICE_PATH, "<trt:GetProfiles/>").status()).isEqualTo(500);

        String soap11 = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<GetSystemDateAndTime xmlns=\"" + TDS + "\"/></s:Body></s:Envelope>";
        OnvifTestSupport.Reply v = post(at(server, OnvifSimServer.DEVICE_PATH), soap11);
        assertThat(v.status()).isEqualTo(500);
        assertThat(text(v.doc(), SOAP12, "Value")).isEqualTo("env:VersionMismatch");

        OnvifTestSupport.Reply empty = post(at(server, OnvifSimServer.DEVICE_PATH), envelope(null, ""));
        assertThat(empty.status()).isEqualTo(400);
        assertStillServing();
    }

    @Test
    void wellFormedXmlThatIsNotSoapIsRefused() {
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH), "<GetDeviceInformation/>");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r.doc(), SOAP12, "Value")).isEqualTo("env:Sender");
        assertStillServing();
    }

    @Test
    void aClientThatHangsUpMidRequestDoesNotHurtTheServer() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(("POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n<s:Env")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
        }
        assertStillServing();
        assertThat(post(at(server, "/nothing-here"), envelope(null, "<tds:GetSystemDateAndTime/>")).status()).isEqualTo(404);
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH + "/extra"), envelope(null, "<tds:GetSystemDateAndTime/>")).status())
                .isEqualTo(404);
    }

    @Test
    void closingTheServerEndsWaitingPullsPromptly() throws Exception {
        OnvifTestSupport.Reply created = call(OnvifSimServer.EVENTS_PATH, "<tev:CreatePullPointSubscription/>");
        String address = text(created.doc(), "http://www.w3.org/2005/08/addressing", "Address");
        java.util.concurrent.CompletableFuture<Integer> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return call(address.substring(address.indexOf("/onvif")), "<tev:PullMessages><tev:Timeout>PT60S</tev:Timeout>"
                        + "<tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>").status();
            } catch (AssertionError e) {
                return -1; // connection closed by the stopping server is fine too
            }
        });
        Thread.sleep(200);
        server.close();
        // the pull asked for 60 s; closing must release it long before that
        assertThat(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS)).isIn(200, -1);
    }

    @Test
    void operationsMatchOnLocalNamesWhateverThePrefix() {
        String odd = "<x:Envelope xmlns:x=\"" + SOAP12 + "\"><x:Body><q:GetSystemDateAndTime xmlns:q=\"" + TDS
                + "\"/></x:Body></x:Envelope>";
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH), odd).status()).isEqualTo(200);
    }

    private void assertStillServing() {
        OnvifTestSupport.Reply r = post(at(server, OnvifSimServer.DEVICE_PATH), envelope(null, "<tds:GetSystemDateAndTime/>"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("UTCDateTime");
    }
}
