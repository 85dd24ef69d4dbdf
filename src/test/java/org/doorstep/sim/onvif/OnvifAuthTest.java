package org.doorstep.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.doorstep.sim.onvif.OnvifTestSupport.TDS;
import static org.doorstep.sim.onvif.OnvifTestSupport.at;
import static org.doorstep.sim.onvif.OnvifTestSupport.envelope;
import static org.doorstep.sim.onvif.OnvifTestSupport.faultSubcodes;
import static org.doorstep.sim.onvif.OnvifTestSupport.nonce;
import static org.doorstep.sim.onvif.OnvifTestSupport.post;
import static org.doorstep.sim.onvif.OnvifTestSupport.text;
import static org.doorstep.sim.onvif.OnvifTestSupport.usernameToken;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnvifAuthTest {
    private static final Duration SKEW = Duration.ofSeconds(90);
    private static final String DEVICE_INFO = "<tds:GetDeviceInformation/>";
    private OnvifSimServer server;
    private MutableClock hostClock;
    private byte[] jpeg;

    private OnvifSimServer start(AuthMode mode, List<DigestAlgorithm> algorithms) throws Exception {
        hostClock = new MutableClock(Instant.now());
        jpeg = tinyJpeg();
        OnvifSimConfig config = OnvifSimConfig.demo(0, "admin", "s3cret", SKEW).withAuthMode(mode)
                .withDigestAlgorithms(algorithms);
        server = new OnvifSimServer(config, SimProfile.defaults(), t -> URI.create("rtsp://127.0.0.1/" + t),
                () -> jpeg, hostClock).start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] tinyJpeg() throws Exception {
        BufferedImage img = new BufferedImage(32, 18, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    private Instant cameraNow() {
        return hostClock.instant().plus(SKEW);
    }

    private OnvifTestSupport.Reply withToken(String password, Instant created, byte[] nonce) {
        return post(at(server, OnvifSimServer.DEVICE_PATH),
                envelope(usernameToken("admin", password, created, nonce), DEVICE_INFO));
    }

    @Test
    void usernameTokenWithTheRightPasswordIsAccepted() throws Exception {
        start(AuthMode.WSSE_ONLY, null);
        OnvifTestSupport.Reply r = withToken("s3cret", cameraNow(), nonce());
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r.doc(), TDS, "Manufacturer")).isEqualTo("Doorstep");
    }

    @Test
    void usernameTokenWithAWrongPasswordIsNotAuthorized() throws Exception {
        start(AuthMode.WSSE_ONLY, null);
        OnvifTestSupport.Reply r = withToken("wrong", cameraNow(), nonce());
        assertThat(r.status()).isEqualTo(400);
        assertThat(faultSubcodes(r.doc())).containsExactly("ter:NotAuthorized");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).doesNotContain("Manufacturer");
    }

    @Test
    void usernameTokenMustBeCreatedWithinFiveMinutesOfTheCameraClock() throws Exception {
        start(AuthMode.WSSE_ONLY, null);
        assertThat(withToken("s3cret", cameraNow().minus(Duration.ofMinutes(6)), nonce()).status()).isEqualTo(400);
        assertThat(withToken("s3cret", cameraNow().plus(Duration.ofMinutes(6)), nonce()).status()).isEqualTo(400);
        assertThat(withToken("s3cret", cameraNow().minus(Duration.ofMinutes(4)), nonce()).status()).isEqualTo(200);
        // the host clock is 90 s behind the camera: fine within the window, but a 10 min skew would not be
        assertThat(withToken("s3cret", hostClock.instant(), nonce()).status()).isEqualTo(200);
        hostClock.advance(Duration.ofMinutes(10));
        assertThat(withToken("s3cret", hostClock.instant().minus(Duration.ofMinutes(10)), nonce()).status()).isEqualTo(400);
    }

    @Test
    void aReplayedUsernameTokenIsRefused() throws Exception {
        start(AuthMode.WSSE_ONLY, null);
        byte[] nonce = nonce();
        Instant created = cameraNow();
        assertThat(withToken("s3cret", created, nonce).status()).isEqualTo(200);
        assertThat(withToken("s3cret", created, nonce).status()).isEqualTo(400);
    }

    @Test
    void plainTextUsernameTokenIsAcceptedOnlyWithTheRightPassword() throws Exception {
        start(AuthMode.WSSE_ONLY, null);
        String token = "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>admin</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/"
                + "2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">%s</wsse:Password></wsse:UsernameToken></wsse:Security>";
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH), envelope(token.formatted("s3cret"), DEVICE_INFO)).status())
                .isEqualTo(200);
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH), envelope(token.formatted("s3cre"), DEVICE_INFO)).status())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void httpDigestFromApacheHttpClientIsAccepted(DigestAlgorithm algorithm) throws Exception {
        start(AuthMode.DIGEST_ONLY, List.of(algorithm));
        HttpResult ok = apachePost("s3cret", DEVICE_INFO);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(text(OnvifTestSupport.parse(ok.body()), TDS, "Model")).isEqualTo("Virtual Doorbell");
        assertThat(apachePost("guess", DEVICE_INFO).status()).isEqualTo(401);
    }

    @Test
    void defaultModeAcceptsEitherDigestOrUsernameToken() throws Exception {
        start(AuthMode.DIGEST_OR_WSSE, null);
        assertThat(apachePost("s3cret", DEVICE_INFO).status()).isEqualTo(200);
        assertThat(withToken("s3cret", cameraNow(), nonce()).status()).isEqualTo(200);
        OnvifTestSupport.Reply bad = withToken("wrong", cameraNow(), nonce());
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }

    @Test
    void digestOnlyModeIgnoresUsernameTokens() throws Exception {
        start(AuthMode.DIGEST_ONLY, null);
        assertThat(withToken("s3cret", cameraNow(), nonce()).status()).isEqualTo(401);
    }

    @Test
    void noneModeIsOpen() throws Exception {
        start(AuthMode.NONE, null);
        assertThat(post(at(server, OnvifSimServer.DEVICE_PATH), envelope(null, DEVICE_INFO)).status()).isEqualTo(200);
    }

    @Test
    void handComputedMd5DigestWorksOnceAndCannotBeReplayedOrUsedWhenStale() throws Exception {
        start(AuthMode.DIGEST_ONLY, List.of(DigestAlgorithm.MD5));
        URI uri = at(server, OnvifSimServer.DEVICE_PATH);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> challenge = http.send(soapRequest(uri, null), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(401);
        Map<String, String> p = params(challenge.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertThat(p).containsEntry("algorithm", "MD5").containsEntry("qop", "auth");

        String authorization = digestHeader(p, "POST", uri.getRawPath(), "s3cret", "00000001");
        assertThat(http.send(soapRequest(uri, authorization), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // the same header again (same nonce count) is a replay
        assertThat(http.send(soapRequest(uri, authorization), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // the next count on the same nonce is fine
        String next = digestHeader(p, "POST", uri.getRawPath(), "s3cret", "00000002");
        assertThat(http.send(soapRequest(uri, next), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // a digest for another path is refused
        String otherUri = digestHeader(p, "POST", "/onvif/media_service", "s3cret", "00000003");
        assertThat(http.send(soapRequest(uri, otherUri), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        hostClock.advance(Duration.ofMinutes(6));
        HttpResponse<String> stale = http.send(soapRequest(uri, digestHeader(p, "POST", uri.getRawPath(), "s3cret", "00000004")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("stale=true"));
    }

    @Test
    void snapshotEndpointServesTheJpegBehindDigest() throws Exception {
        start(AuthMode.DIGEST_OR_WSSE, null);
        URI uri = URI.create("http://127.0.0.1:" + server.port() + OnvifSimServer.SNAPSHOT_PATH + "?profile=main");
        HttpResponse<byte[]> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isNotEqualTo(jpeg);

        try (CloseableHttpClient client = apacheClient("s3cret")) {
            byte[] body = client.execute(new HttpGet(uri), r -> {
                assertThat(r.getCode()).isEqualTo(200);
                assertThat(r.getEntity().getContentType()).isEqualTo("image/jpeg");
                return EntityUtils.toByteArray(r.getEntity());
            });
            assertThat(body).isEqualTo(jpeg);
            assertThat(ImageIO.read(new java.io.ByteArrayInputStream(body)).getWidth()).isEqualTo(32);
            URI unknown = URI.create("http://127.0.0.1:" + server.port() + OnvifSimServer.SNAPSHOT_PATH + "?profile=x");
            Integer unknownCode = client.execute(new HttpGet(unknown), r -> r.getCode());
            assertThat(unknownCode).isEqualTo(404);
        }
        try (CloseableHttpClient client = apacheClient("wrong")) {
            Integer code = client.execute(new HttpGet(uri), r -> r.getCode());
            assertThat(code).isEqualTo(401);
        }
    }

    // --- helpers ---

    record HttpResult(int status, String body) {}

    private CloseableHttpClient apacheClient(String password) {
        BasicCredentialsProvider creds = new BasicCredentialsProvider();
        creds.setCredentials(new AuthScope("127.0.0.1", server.port()),
                new UsernamePasswordCredentials("admin", password.toCharArray()));
        return HttpClients.custom().setDefaultCredentialsProvider(creds).build();
    }

    private HttpResult apachePost(String password, String body) throws Exception {
        try (CloseableHttpClient client = apacheClient(password)) {
            HttpPost post = new HttpPost(at(server, OnvifSimServer.DEVICE_PATH));
            post.setEntity(new StringEntity(envelope(null, body), ContentType.create("application/soap+xml", StandardCharsets.UTF_8)));
            return client.execute(post, r -> new HttpResult(r.getCode(), EntityUtils.toString(r.getEntity())));
        }
    }

    private static HttpRequest soapRequest(URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/soap+xml")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(null, DEVICE_INFO)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static Map<String, String> params(String challenge) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(challenge);
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String digestHeader(Map<String, String> c, String method, String uri, String password, String nc)
            throws Exception {
        String cnonce = "0a4f113b";
        String ha1 = md5("admin:" + c.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + c.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"admin\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce") + "\", uri=\""
                + uri + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response
                + "\", opaque=\"" + c.get("opaque") + "\"";
    }
}
