package org.doorstep.onvif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera's ONVIF side on 127.0.0.1, answering with replies shaped like real firmware's, with the field's
 * quirks switchable: announced addresses of another host, relative or localhost addresses, GetServices
 * faults, Digest or UsernameToken auth, a skewed clock.
 */
final class FakeOnvifCamera implements AutoCloseable {
    enum Auth { NONE, DIGEST, USERNAME_TOKEN }

    final HttpServer server;
    final String host;
    volatile Auth auth = Auth.NONE;
    volatile String user = "admin";
    volatile String password = "secret";
    volatile Duration skew = Duration.ZERO;
    volatile boolean getServicesFaults;
    volatile boolean media2 = true;
    /** How the camera names itself in service addresses: "host:port", "" for relative paths. */
    volatile String announcedHost = "192.168.1.99:8080";
    volatile String subscriptionAddress = "http://localhost/onvif/Subscription?Idx=7";
    volatile Duration termination = Duration.ofSeconds(60);
    final java.util.concurrent.atomic.AtomicInteger pullFaults = new java.util.concurrent.atomic.AtomicInteger();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authHeaders = new CopyOnWriteArrayList<>();
    final List<String> createdStamps = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> pendingNotifications = new LinkedBlockingQueue<>();
    final String nonce = HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

    FakeOnvifCamera() throws IOException {
        this("127.0.0.1");
    }

    FakeOnvifCamera(String bindAddress) throws IOException {
        this.host = bindAddress;
        server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-onvif");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    java.net.URI deviceUrl() {
        return java.net.URI.create("http://" + host + ":" + port() + "/onvif/device_service");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] req = ex.getRequestBody().readNBytes(1 << 20);
            String body = new String(req, StandardCharsets.UTF_8);
            String op = operation(body);
            calls.add(op);
            paths.add(ex.getRequestURI().toString());
            String authz = ex.getRequestHeaders().getFirst("Authorization");
            authHeaders.add(authz == null ? "" : authz);
            String created = FakeWsdResponder.between(body, "<wsu:Created>", "</wsu:Created>");
            if (!created.isEmpty()) {
                createdStamps.add(created);
            }
            if (!op.equals("GetSystemDateAndTime")) {
                if (auth == Auth.DIGEST && !digestOk(authz, ex.getRequestMethod())) {
                    ex.getResponseHeaders().add("WWW-Authenticate",
                            "Digest realm=\"fake-cam\", qop=\"auth\", nonce=\"" + nonce + "\", algorithm=MD5");
                    send(ex, 401, "");
                    return;
                }
                if (auth == Auth.USERNAME_TOKEN && !tokenOk(body)) {
                    send(ex, 400, fault("ter:NotAuthorized", "Sender not Authorized"));
                    return;
                }
            }
            String reply = reply(op, body);
            if (reply == null) {
                send(ex, 400, fault("ter:ActionNotSupported", "Optional Action Not Implemented"));
            } else {
                send(ex, 200, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String operation(String body) {
        Matcher m = Pattern.compile("<s:Body><(?:\\w+:)?(\\w+)").matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    private void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/soap+xml; charset=utf-8");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
    }

    // ---- auth checks, done the way a camera does them

    private boolean digestOk(String authz, String method) {
        if (authz == null || !authz.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> f = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(authz.substring(7));
        while (m.find()) {
            f.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!user.equals(f.get("username")) || !nonce.equals(f.get("nonce"))) {
            return false;
        }
        String ha1 = md5(user + ":fake-cam:" + password);
        String ha2 = md5(method + ":" + f.get("uri"));
        String expected = f.containsKey("qop")
                ? md5(ha1 + ":" + nonce + ":" + f.get("nc") + ":" + f.get("cnonce") + ":" + f.get("qop") + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        return expected.equals(f.get("response"));
    }

    private boolean tokenOk(String body) {
        String u = FakeWsdResponder.between(body, "<wsse:Username>", "</wsse:Username>");
        String pw = body.replaceAll("(?s).*<wsse:Password[^>]*>([^<]*)</wsse:Password>.*", "$1");
        String nonceB64 = body.replaceAll("(?s).*<wsse:Nonce[^>]*>([^<]*)</wsse:Nonce>.*", "$1");
        String created = FakeWsdResponder.between(body, "<wsu:Created>", "</wsu:Created>");
        if (!u.equals(user) || created.isEmpty() || !created.endsWith("Z")) {
            return false;
        }
        Instant c = Instant.parse(created);
        Instant cameraNow = Instant.now().plus(skew);
        if (Duration.between(c, cameraNow).abs().compareTo(Duration.ofSeconds(10)) > 0) {
            return false; // like real firmware: a stale or future token is refused
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(Base64.getDecoder().decode(nonceB64));
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest()).equals(pw);
        } catch (Exception e) {
            return false;
        }
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- recorded-style replies

    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:tt=\"http://www.onvif.org/ver10/schema\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
                + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:tr2=\"http://www.onvif.org/ver20/media/wsdl\""
                + " xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\" xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\""
                + " xmlns:wsa5=\"http://www.w3.org/2005/08/addressing\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\""
                + " xmlns:ter=\"http://www.onvif.org/ver10/error\">"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    static String fault(String subcode, String reason) {
        return envelope("<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>"
                + "<SOAP-ENV:Subcode><SOAP-ENV:Value>" + subcode + "</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>"
                + "<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en\">" + reason + "</SOAP-ENV:Text></SOAP-ENV:Reason>"
                + "</SOAP-ENV:Fault>");
    }

    private String base() {
        return announcedHost.isEmpty() ? "" : "http://" + announcedHost;
    }

    private String reply(String op, String body) throws InterruptedException {
        switch (op) {
            case "GetSystemDateAndTime": {
                ZonedDateTime t = Instant.now().plus(skew).atZone(ZoneOffset.UTC);
                return envelope("<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                        + "<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                        + "<tt:TimeZone><tt:TZ>CET-1CEST,M3.5.0,M10.5.0/3</tt:TZ></tt:TimeZone><tt:UTCDateTime>"
                        + "<tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                        + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time>"
                        + "<tt:Date><tt:Year>" + t.getYear() + "</tt:Year><tt:Month>" + t.getMonthValue()
                        + "</tt:Month><tt:Day>" + t.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime>"
                        + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>");
            }
            case "GetServices":
                if (getServicesFaults) {
                    return null;
                }
                return envelope("<tds:GetServicesResponse>"
                        + service("http://www.onvif.org/ver10/device/wsdl", base() + "/onvif/device_service")
                        + service("http://www.onvif.org/ver10/media/wsdl", base() + "/onvif/media_service")
                        + (media2 ? service("http://www.onvif.org/ver20/media/wsdl", base() + "/onvif/media2_service") : "")
                        + service("http://www.onvif.org/ver10/events/wsdl", base() + "/onvif/event_service")
                        + "</tds:GetServicesResponse>");
            case "GetCapabilities":
                return envelope("<tds:GetCapabilitiesResponse><tds:Capabilities>"
                        + "<tt:Device><tt:XAddr>" + base() + "/onvif/device_service</tt:XAddr></tt:Device>"
                        + "<tt:Events><tt:XAddr>" + base() + "/onvif/event_service</tt:XAddr>"
                        + "<tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events>"
                        + "<tt:Media><tt:XAddr>" + base() + "/onvif/media_service</tt:XAddr></tt:Media>"
                        + "</tds:Capabilities></tds:GetCapabilitiesResponse>");
            case "GetDeviceInformation":
                return envelope("<tds:GetDeviceInformationResponse><tds:Manufacturer>Acme</tds:Manufacturer>"
                        + "<tds:Model>DB-2</tds:Model><tds:FirmwareVersion>V5.7.3</tds:FirmwareVersion>"
                        + "<tds:SerialNumber>SN123</tds:SerialNumber><tds:HardwareId>HW1</tds:HardwareId>"
                        + "</tds:GetDeviceInformationResponse>");
            case "GetProfiles":
                if (body.contains("tr2:GetProfiles")) {
                    return envelope("<tr2:GetProfilesResponse>"
                            + profile2("Profile_101", "mainStream", "H265", 2560, 1920, 20)
                            + profile2("Profile_102", "subStream", "H264", 640, 480, 15)
                            + "<tr2:Profiles token=\"Profile_audio\" fixed=\"true\"><tr2:Name>audio</tr2:Name>"
                            + "<tr2:Configurations/></tr2:Profiles>"
                            + "</tr2:GetProfilesResponse>");
                }
                return envelope("<trt:GetProfilesResponse>"
                        + profile1("Profile_1", "MainStream", "H264", 1920, 1080, 25)
                        + profile1("Profile_2", "SubStream", "H264", 640, 360, 15)
                        + profile1("Profile_3", "ThirdStream", "H264", 176, 144, 10)
                        + "</trt:GetProfilesResponse>");
            case "GetStreamUri": {
                String token = body.replaceAll("(?s).*<(?:trt|tr2):ProfileToken>([^<]*)<.*", "$1");
                String path = switch (token) {
                    case "Profile_1", "Profile_101" -> "/Streaming/Channels/101";
                    case "Profile_2", "Profile_102" -> "/Streaming/Channels/102";
                    default -> "/Streaming/Channels/103";
                };
                String uri = "rtsp://admin:leaked@192.168.1.99:554" + path + "?transportmode=unicast&amp;profile=" + token;
                return body.contains("tr2:GetStreamUri")
                        ? envelope("<tr2:GetStreamUriResponse><tr2:Uri>" + uri + "</tr2:Uri></tr2:GetStreamUriResponse>")
                        : envelope("<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>" + uri + "</tt:Uri>"
                                + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:Timeout>PT60S</tt:Timeout>"
                                + "</trt:MediaUri></trt:GetStreamUriResponse>");
            }
            case "GetSnapshotUri": {
                String uri = "http://0.0.0.0/onvif/snapshot?channel=1";
                return body.contains("tr2:GetSnapshotUri")
                        ? envelope("<tr2:GetSnapshotUriResponse><tr2:Uri>" + uri + "</tr2:Uri></tr2:GetSnapshotUriResponse>")
                        : envelope("<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>" + uri + "</tt:Uri>"
                                + "</trt:MediaUri></trt:GetSnapshotUriResponse>");
            }
            case "CreatePullPointSubscription":
                return envelope("<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>"
                        + "<wsa5:Address>" + subscriptionAddress + "</wsa5:Address></tev:SubscriptionReference>"
                        + "<wsnt:CurrentTime>" + Instant.now().plus(skew) + "</wsnt:CurrentTime>"
                        + "<wsnt:TerminationTime>" + Instant.now().plus(skew).plus(termination) + "</wsnt:TerminationTime>"
                        + "</tev:CreatePullPointSubscriptionResponse>");
            case "PullMessages": {
                if (pullFaults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return null; // subscription lost on the camera's side
                }
                String first = pendingNotifications.poll(1, TimeUnit.SECONDS);
                StringBuilder msgs = new StringBuilder();
                if (first != null) {
                    msgs.append(first);
                    String more;
                    while ((more = pendingNotifications.poll()) != null) {
                        msgs.append(more);
                    }
                }
                return envelope("<tev:PullMessagesResponse><tev:CurrentTime>" + Instant.now().plus(skew)
                        + "</tev:CurrentTime><tev:TerminationTime>" + Instant.now().plus(skew).plusSeconds(60)
                        + "</tev:TerminationTime>" + msgs + "</tev:PullMessagesResponse>");
            }
            case "Renew":
                return envelope("<wsnt:RenewResponse><wsnt:TerminationTime>" + Instant.now().plus(skew).plus(termination)
                        + "</wsnt:TerminationTime><wsnt:CurrentTime>" + Instant.now().plus(skew)
                        + "</wsnt:CurrentTime></wsnt:RenewResponse>");
            case "Unsubscribe":
                return envelope("<wsnt:UnsubscribeResponse/>");
            default:
                return null;
        }
    }

    private static String service(String ns, String xaddr) {
        return "<tds:Service><tds:Namespace>" + ns + "</tds:Namespace><tds:XAddr>" + xaddr + "</tds:XAddr>"
                + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
    }

    private static String profile1(String token, String name, String enc, int w, int h, int fps) {
        return "<trt:Profiles token=\"" + token + "\" fixed=\"true\"><tt:Name>" + name + "</tt:Name>"
                + "<tt:VideoSourceConfiguration token=\"VideoSourceToken\"><tt:Name>VideoSource</tt:Name>"
                + "<tt:SourceToken>VideoSource_1</tt:SourceToken></tt:VideoSourceConfiguration>"
                + "<tt:VideoEncoderConfiguration token=\"enc_" + token + "\"><tt:Name>" + name + "</tt:Name>"
                + "<tt:Encoding>" + enc + "</tt:Encoding><tt:Resolution><tt:Width>" + w + "</tt:Width><tt:Height>"
                + h + "</tt:Height></tt:Resolution><tt:Quality>3</tt:Quality><tt:RateControl>"
                + "<tt:FrameRateLimit>" + fps + "</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>"
                + "<tt:BitrateLimit>2048</tt:BitrateLimit></tt:RateControl></tt:VideoEncoderConfiguration>"
                + "</trt:Profiles>";
    }

    private static String profile2(String token, String name, String enc, int w, int h, int fps) {
        return "<tr2:Profiles token=\"" + token + "\" fixed=\"true\"><tr2:Name>" + name + "</tr2:Name>"
                + "<tr2:Configurations><tr2:VideoEncoder token=\"enc_" + token + "\" GovLength=\"50\">"
                + "<tt:Name>" + name + "</tt:Name><tt:Encoding>" + enc + "</tt:Encoding>"
                + "<tt:Resolution><tt:Width>" + w + "</tt:Width><tt:Height>" + h + "</tt:Height></tt:Resolution>"
                + "<tt:RateControl ConstantBitRate=\"false\"><tt:FrameRateLimit>" + fps + "</tt:FrameRateLimit>"
                + "<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:Quality>3</tt:Quality>"
                + "</tr2:VideoEncoder></tr2:Configurations></tr2:Profiles>";
    }

    /** A notification as cameras send it inside PullMessagesResponse. */
    static String notification(String topic, Instant utc, String sourceItems, String dataName, String dataValue) {
        return "<wsnt:NotificationMessage><wsnt:Topic Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">"
                + topic + "</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"" + utc + "\" PropertyOperation=\"Changed\">"
                + "<tt:Source>" + sourceItems + "</tt:Source><tt:Data><tt:SimpleItem Name=\"" + dataName + "\" Value=\""
                + dataValue + "\"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
