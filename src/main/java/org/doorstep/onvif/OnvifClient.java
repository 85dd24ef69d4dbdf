package org.doorstep.onvif;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.doorstep.common.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * ONVIF device and media calls for one camera. Always talks to the host it was created for, whatever service
 * addresses the camera announces. Works out the auth style on the first call that needs one (401 → HTTP
 * Digest, NotAuthorized fault → WS-UsernameToken) and sends only that kind afterwards.
 */
public final class OnvifClient {
    private static final Logger log = LoggerFactory.getLogger(OnvifClient.class);
    static final String NS_DEVICE = "http://www.onvif.org/ver10/device/wsdl";
    static final String NS_MEDIA = "http://www.onvif.org/ver10/media/wsdl";
    static final String NS_MEDIA2 = "http://www.onvif.org/ver20/media/wsdl";
    static final String NS_EVENTS = "http://www.onvif.org/ver10/events/wsdl";
    static final String NAMESPACES = " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:tds=\"" + NS_DEVICE + "\" xmlns:trt=\"" + NS_MEDIA + "\" xmlns:tr2=\"" + NS_MEDIA2 + "\""
            + " xmlns:tt=\"http://www.onvif.org/ver10/schema\" xmlns:tev=\"" + NS_EVENTS + "\""
            + " xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"";
    static final int MIN_SUB_WIDTH = 320;

    private final OnvifHttp http;
    private final URI deviceUrl;
    private final String user;
    private final char[] password;
    private final AuthMemory memory;
    private final Clock clock;
    /**
     * Auth state per calling thread: HttpClient's DigestScheme (nonce count, challenge) is not safe to share, and a
     * camera is called from several threads at once (the event pull, a ring snapshot, the window). Each thread keeps
     * its own, so Digest still answers the challenge it has without a fresh 401 round trip per call.
     */
    private final ThreadLocal<HttpClientContext> plainContext = ThreadLocal.withInitial(HttpClientContext::create);
    private final ThreadLocal<HttpClientContext> digestContext = ThreadLocal.withInitial(this::newDigestContext);
    private final java.util.Map<String, HttpClientContext> snapshotContexts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile AuthMode mode;
    private volatile OnvifServices services;

    /** {@code user}/{@code password} may be null for a camera without a password. */
    public OnvifClient(OnvifHttp http, URI deviceUrl, String user, char[] password, AuthMemory memory, Clock clock) {
        this.http = http;
        this.deviceUrl = deviceUrl;
        this.user = user;
        this.password = password == null ? null : password.clone();
        this.memory = memory;
        this.clock = clock;
    }

    private HttpClientContext newDigestContext() {
        HttpClientContext c = HttpClientContext.create();
        if (hasCredentials()) {
            c.setCredentialsProvider(CredentialsProviderBuilder.create()
                    .add(new AuthScope(deviceUrl.getHost(), -1), user, password).build());
        }
        return c;
    }

    public URI deviceUrl() {
        return deviceUrl;
    }

    /** Camera clock minus ours, as measured by {@link #getSystemDateAndTime()}. */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** Set from outside when known (e.g. stored with the camera). */
    public void clockOffset(Duration offset) {
        this.clockOffset = offset;
    }

    public AuthMode authMode() {
        return mode == null ? AuthMode.NONE : mode;
    }

    boolean hasCredentials() {
        return user != null && !user.isEmpty() && password != null;
    }

    // ---------------------------------------------------------------- SOAP plumbing

    /** Sends one SOAP call and returns the reply document, handling auth; faults become exceptions. */
    public Document call(URI service, String action, String body) throws OnvifException {
        return call(service, action, body, "", null, null, false);
    }

    Document call(URI service, String action, String body, String extraHeaders, Duration timeout,
            Consumer<OnvifHttp.Abortable> onStart, boolean withoutAuth) throws OnvifException {
        Set<AuthMode> tried = EnumSet.noneOf(AuthMode.class);
        AuthMode m = withoutAuth || !hasCredentials() ? AuthMode.NONE
                : mode != null ? mode : memory.get(deviceUrl).orElse(AuthMode.NONE);
        while (true) {
            tried.add(m);
            String security = m == AuthMode.USERNAME_TOKEN
                    ? UsernameToken.header(user, password, clock.instant().plus(clockOffset)) : "";
            byte[] envelope = envelope(security + extraHeaders, body);
            HttpClientContext ctx = m == AuthMode.DIGEST ? digestContext.get() : plainContext.get();
            OnvifHttp.Reply r = http.post(service, action, envelope, ctx, timeout, onStart, isRead(action));
            SoapFault fault = r.xml() == null ? null : SoapFault.of(r.xml());
            if (r.status() >= 200 && r.status() < 300 && fault == null) {
                if (r.xml() == null) {
                    throw new OnvifReplyException("empty reply to " + shortAction(action), null);
                }
                if (!withoutAuth && hasCredentials() && m != AuthMode.NONE && mode != m) {
                    mode = m;
                    memory.remember(deviceUrl, m);
                }
                return r.xml();
            }
            AuthMode wanted = null;
            if (r.status() == 401) {
                wanted = AuthMode.DIGEST;
            } else if (fault != null && fault.isNotAuthorized()) {
                wanted = AuthMode.USERNAME_TOKEN;
            } else if (r.status() == 403) {
                throw new OnvifAuthException(hasCredentials() && m != AuthMode.NONE, "HTTP 403");
            }
            if (wanted != null) {
                if (!hasCredentials()) {
                    throw new OnvifAuthException(false, shortAction(action) + " needs credentials");
                }
                if (withoutAuth) {
                    throw new OnvifAuthException(false, shortAction(action) + " refused without credentials");
                }
                if (tried.contains(wanted)) {
                    throw new OnvifAuthException(true, shortAction(action) + " refused " + wanted);
                }
                log.debug("{} at {} wants {}", shortAction(action), deviceUrl.getHost(), wanted);
                m = wanted;
                continue;
            }
            if (fault != null) {
                throw new OnvifFaultException(fault.code(), fault.subcode(), fault.reason());
            }
            throw new OnvifReplyException("HTTP " + r.status() + " to " + shortAction(action), null);
        }
    }

    /** Reads and the event subscription calls may be sent twice; anything that changes the camera may not. */
    static boolean isRead(String action) {
        String name = shortAction(action);
        return !(name.startsWith("Set") || name.startsWith("Create") && !name.startsWith("CreatePullPoint")
                || name.contains("Reboot") || name.startsWith("Delete") || name.startsWith("Add")
                || name.startsWith("Remove"));
    }

    static String shortAction(String action) {
        return action.substring(action.lastIndexOf('/') + 1);
    }

    static byte[] envelope(String headers, String body) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope" + NAMESPACES + ">"
                + (headers.isEmpty() ? "" : "<s:Header>" + headers + "</s:Header>")
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** A SOAP 1.2 (or 1.1) fault. */
    record SoapFault(String code, String subcode, String reason) {
        static SoapFault of(Document doc) {
            Element body = SafeXml.child(doc.getDocumentElement(), "Body").orElse(null);
            Element f = body == null ? null : SafeXml.child(body, "Fault").orElse(null);
            if (f == null) {
                return null;
            }
            String code = SafeXml.pathText(f, "Code", "Value");
            String sub = null;
            Optional<Element> s = SafeXml.path(f, "Code", "Subcode");
            while (s.isPresent()) {
                sub = SafeXml.pathText(s.get(), "Value");
                s = SafeXml.child(s.get(), "Subcode");
            }
            String reason = SafeXml.pathText(f, "Reason", "Text");
            if (code == null) {
                code = SafeXml.pathText(f, "faultcode");
            }
            if (reason == null) {
                reason = SafeXml.pathText(f, "faultstring");
            }
            return new SoapFault(code, sub, reason == null ? "" : reason);
        }

        boolean isNotAuthorized() {
            String s = local(subcode);
            String c = local(code);
            String r = reason.toLowerCase(Locale.ROOT);
            return Set.of("NotAuthorized", "FailedAuthentication", "InvalidSecurity", "FailedCheck").contains(s)
                    || Set.of("NotAuthorized", "FailedAuthentication").contains(c)
                    || r.contains("not authorized") || r.contains("unauthorized") || r.contains("authority failure");
        }

        private static String local(String q) {
            return q == null ? "" : q.substring(q.lastIndexOf(':') + 1);
        }
    }

    // ---------------------------------------------------------------- device service

    /** GetSystemDateAndTime, sent without credentials; sets and returns the camera clock offset. */
    public Duration getSystemDateAndTime() throws OnvifException {
        Instant before = clock.instant();
        Instant camera = cameraTime();
        Instant after = clock.instant();
        Instant ours = before.plus(Duration.between(before, after).dividedBy(2));
        clockOffset = Duration.between(ours, camera);
        return clockOffset;
    }

    static final int OFFSET_SAMPLES = 12;
    static final Duration OFFSET_SAMPLE_GAP = Duration.ofMillis(110);
    static final long OFFSET_PRECISION_MS = 150;

    /**
     * The camera clock offset to about a tenth of a second, for event times. GetSystemDateAndTime has whole
     * seconds only, so one answer leaves the offset uncertain by up to a second (events would come out up to
     * a second late even from a camera whose clock is exact). Each answer bounds the offset to
     * [camera − received, camera + 1 s − sent]; a few answers taken at different points of the camera's second
     * narrow the intersection down (about half a second of polling). Sets and returns the offset.
     */
    public Duration measureClockOffset(BooleanSupplier cancelled) throws OnvifException {
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        for (int i = 0; i < OFFSET_SAMPLES; i++) {
            long sent = clock.millis();
            long camera;
            try {
                camera = cameraTime().toEpochMilli();
            } catch (OnvifException e) {
                if (i == 0) {
                    throw e;
                }
                break; // keep what the earlier answers told
            }
            long received = clock.millis();
            long sampleLo = camera - received;
            long sampleHi = camera + 1000 - sent;
            lo = Math.max(lo, sampleLo);
            hi = Math.min(hi, sampleHi);
            if (lo > hi) { // one of the clocks stepped: start over from this answer
                lo = sampleLo;
                hi = sampleHi;
            }
            if (hi - lo <= OFFSET_PRECISION_MS || (cancelled != null && cancelled.getAsBoolean())) {
                break;
            }
            try {
                Thread.sleep(OFFSET_SAMPLE_GAP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clockOffset = Duration.ofMillis(lo + (hi - lo) / 2);
        log.debug("camera clock at {} is off by {} ms (±{} ms)", deviceUrl.getHost(), clockOffset.toMillis(),
                (hi - lo) / 2);
        return clockOffset;
    }

    /** The camera's UTC time (whole seconds), asked without credentials. */
    private Instant cameraTime() throws OnvifException {
        Document d = call(deviceUrl, NS_DEVICE + "/GetSystemDateAndTime", "<tds:GetSystemDateAndTime/>", "", null,
                null, true);
        Element dt = SafeXml.first(d, "UTCDateTime").orElse(null);
        boolean utc = dt != null;
        if (dt == null) {
            dt = SafeXml.first(d, "LocalDateTime").orElseThrow(
                    () -> new OnvifReplyException("GetSystemDateAndTime without a time", null));
        }
        try {
            LocalDateTime t = LocalDateTime.of(num(dt, "Date", "Year"), num(dt, "Date", "Month"),
                    num(dt, "Date", "Day"), num(dt, "Time", "Hour"), num(dt, "Time", "Minute"),
                    num(dt, "Time", "Second"));
            if (!utc) {
                log.debug("camera reports local time only; treating it as UTC");
            }
            return t.toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new OnvifReplyException("unreadable camera time: " + e.getMessage(), e);
        }
    }

    private static int num(Element parent, String... path) {
        String s = SafeXml.pathText(parent, path);
        if (s == null) {
            throw new IllegalArgumentException("missing " + String.join("/", path));
        }
        return Integer.parseInt(s.trim());
    }

    /** Service addresses: GetServices, or GetCapabilities(All) when the camera faults on that. */
    public OnvifServices services() throws OnvifException {
        if (services != null) {
            return services;
        }
        URI media = null;
        URI media2 = null;
        URI events = null;
        try {
            Document d = call(deviceUrl, NS_DEVICE + "/GetServices",
                    "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>");
            for (Element s : SafeXml.descendants(d, "Service")) {
                String ns = SafeXml.pathText(s, "Namespace");
                URI x = rebase(SafeXml.pathText(s, "XAddr"));
                if (ns == null || x == null) {
                    continue;
                }
                switch (ns.trim()) {
                    case NS_MEDIA -> media = x;
                    case NS_MEDIA2 -> media2 = x;
                    case NS_EVENTS -> events = x;
                    default -> { }
                }
            }
        } catch (OnvifFaultException | OnvifReplyException e) {
            log.debug("GetServices failed ({}); trying GetCapabilities", e.getMessage());
            Document d = call(deviceUrl, NS_DEVICE + "/GetCapabilities",
                    "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>");
            Element caps = SafeXml.first(d, "Capabilities").orElseThrow(
                    () -> new OnvifReplyException("GetCapabilities without Capabilities", null));
            media = rebase(SafeXml.pathText(caps, "Media", "XAddr"));
            events = rebase(SafeXml.pathText(caps, "Events", "XAddr"));
        }
        services = new OnvifServices(deviceUrl, media != null ? media : deviceUrl, media2, events);
        return services;
    }

    public DeviceInformation deviceInformation() throws OnvifException {
        Document d = call(deviceUrl, NS_DEVICE + "/GetDeviceInformation", "<tds:GetDeviceInformation/>");
        Element r = SafeXml.first(d, "GetDeviceInformationResponse").orElseThrow(
                () -> new OnvifReplyException("GetDeviceInformation without a response element", null));
        return new DeviceInformation(SafeXml.text(r, "Manufacturer"), SafeXml.text(r, "Model"),
                SafeXml.text(r, "FirmwareVersion"), SafeXml.text(r, "SerialNumber"), SafeXml.text(r, "HardwareId"));
    }

    /**
     * A service address announced by the camera, pointed at the host we talk to. The camera often names
     * another IP, localhost or nothing at all (relative path): keep only its path, and its port only when it
     * named our host (then it knows its own ports; otherwise it is confused about its address and the port
     * we reached it on is the safer bet).
     */
    URI rebase(String announced) {
        if (announced == null || announced.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(announced.trim());
            boolean sameHost = u.getHost() != null && u.getHost().equalsIgnoreCase(deviceUrl.getHost());
            int port = sameHost ? u.getPort() : deviceUrl.getPort();
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getPath();
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
            return new URI(sameHost && u.getScheme() != null ? u.getScheme() : deviceUrl.getScheme(), null,
                    deviceUrl.getHost(), port, path, u.getQuery(), null);
        } catch (URISyntaxException e) {
            log.debug("unreadable service address ignored");
            return null;
        }
    }

    /** A stream or snapshot URI: same host as the device (keeping its own port), no credentials inside. */
    URI rebaseMediaUri(String announced) throws OnvifReplyException {
        if (announced == null || announced.isBlank()) {
            return null;
        }
        try {
            URI u = Redact.withoutCredentials(new URI(announced.trim()));
            if (u.getHost() != null && u.getHost().equalsIgnoreCase(deviceUrl.getHost())) {
                return u;
            }
            if (u.getScheme() == null) {
                return rebase(announced);
            }
            int port = u.getPort();
            boolean web = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
            if (port < 0 && web && u.getScheme().equalsIgnoreCase(deviceUrl.getScheme())) {
                port = deviceUrl.getPort(); // snapshot on the web port we already reach it on
            }
            return new URI(u.getScheme(), null, deviceUrl.getHost(), port, u.getPath(), u.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new OnvifReplyException("unreadable media URI", e);
        }
    }

    // ---------------------------------------------------------------- media

    /** Profiles via Media2 where offered (H.265 shows up there), else Media1. */
    public List<MediaProfile> profiles() throws OnvifException {
        OnvifServices s = services();
        if (s.media2() != null) {
            try {
                List<MediaProfile> p = media2Profiles(s.media2());
                if (p.stream().anyMatch(MediaProfile::hasVideo)) {
                    return p;
                }
            } catch (OnvifFaultException | OnvifReplyException e) {
                log.debug("Media2 GetProfiles failed ({}); using Media1", e.getMessage());
            }
        }
        return media1Profiles(s.media());
    }

    private List<MediaProfile> media1Profiles(URI media) throws OnvifException {
        Document d = call(media, NS_MEDIA + "/GetProfiles", "<trt:GetProfiles/>");
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : SafeXml.descendants(d, "Profiles")) {
            Element vec = SafeXml.child(p, "VideoEncoderConfiguration").orElse(null);
            out.add(profile(p, vec, false));
        }
        return out;
    }

    private List<MediaProfile> media2Profiles(URI media2) throws OnvifException {
        Document d = call(media2, NS_MEDIA2 + "/GetProfiles",
                "<tr2:GetProfiles><tr2:Type>All</tr2:Type></tr2:GetProfiles>");
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : SafeXml.descendants(d, "Profiles")) {
            Element vec = SafeXml.path(p, "Configurations", "VideoEncoder").orElse(null);
            out.add(profile(p, vec, true));
        }
        return out;
    }

    private static MediaProfile profile(Element p, Element vec, boolean media2) throws OnvifReplyException {
        String token = SafeXml.attr(p, "token");
        if (token == null || token.isBlank()) {
            throw new OnvifReplyException("profile without token", null);
        }
        String name = SafeXml.pathText(p, "Name");
        if (vec == null) {
            return new MediaProfile(token, name, null, 0, 0, null, null, media2);
        }
        try {
            int w = intOr(SafeXml.pathText(vec, "Resolution", "Width"), 0);
            int h = intOr(SafeXml.pathText(vec, "Resolution", "Height"), 0);
            String fps = SafeXml.pathText(vec, "RateControl", "FrameRateLimit");
            String kbps = SafeXml.pathText(vec, "RateControl", "BitrateLimit");
            return new MediaProfile(token, name, SafeXml.pathText(vec, "Encoding"), w, h,
                    fps == null ? null : Double.valueOf(fps), kbps == null ? null : Integer.valueOf(kbps), media2);
        } catch (NumberFormatException e) {
            throw new OnvifReplyException("unreadable profile " + token, e);
        }
    }

    private static int intOr(String s, int dflt) {
        return s == null ? dflt : Integer.parseInt(s);
    }

    public URI streamUri(MediaProfile p) throws OnvifException {
        OnvifServices s = services();
        String tok = SafeXml.escape(p.token());
        Document d;
        if (p.media2()) {
            d = call(s.media2(), NS_MEDIA2 + "/GetStreamUri", "<tr2:GetStreamUri><tr2:Protocol>RTSP</tr2:Protocol>"
                    + "<tr2:ProfileToken>" + tok + "</tr2:ProfileToken></tr2:GetStreamUri>");
        } else {
            d = call(s.media(), NS_MEDIA + "/GetStreamUri", "<trt:GetStreamUri><trt:StreamSetup>"
                    + "<tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport>"
                    + "</trt:StreamSetup><trt:ProfileToken>" + tok + "</trt:ProfileToken></trt:GetStreamUri>");
        }
        URI u = rebaseMediaUri(SafeXml.text(d, "Uri"));
        if (u == null) {
            throw new OnvifReplyException("GetStreamUri without Uri", null);
        }
        if (!hasScheme(u, "rtsp", "rtsps")) {
            // file:, http: or anything else would be opened by FFmpeg as something other than a camera stream
            throw new OnvifException("stream.scheme", "GetStreamUri answered a " + u.getScheme() + " address", null);
        }
        return u;
    }

    /** The snapshot URI, or null when the camera has none. */
    public URI snapshotUri(MediaProfile p) throws OnvifException {
        OnvifServices s = services();
        String tok = SafeXml.escape(p.token());
        try {
            Document d = p.media2()
                    ? call(s.media2(), NS_MEDIA2 + "/GetSnapshotUri",
                            "<tr2:GetSnapshotUri><tr2:ProfileToken>" + tok + "</tr2:ProfileToken></tr2:GetSnapshotUri>")
                    : call(s.media(), NS_MEDIA + "/GetSnapshotUri",
                            "<trt:GetSnapshotUri><trt:ProfileToken>" + tok + "</trt:ProfileToken></trt:GetSnapshotUri>");
            URI u = rebaseMediaUri(SafeXml.text(d, "Uri"));
            if (u != null && !hasScheme(u, "http", "https")) {
                log.debug("snapshot URI with scheme {} ignored", u.getScheme());
                return null;
            }
            return u;
        } catch (OnvifFaultException | OnvifReplyException e) {
            log.debug("no snapshot URI: {}", e.getMessage());
            return null;
        }
    }

    private static boolean hasScheme(URI u, String... schemes) {
        for (String s : schemes) {
            if (s.equalsIgnoreCase(u.getScheme())) {
                return true;
            }
        }
        return false;
    }

    /** Highest resolution; among equals the higher frame rate; real video codecs before JPEG. */
    public static Optional<MediaProfile> chooseMain(List<MediaProfile> profiles) {
        return profiles.stream().filter(MediaProfile::hasVideo)
                .max(Comparator.comparing((MediaProfile p) -> !"JPEG".equalsIgnoreCase(p.encoding()))
                        .thenComparingLong(MediaProfile::pixels)
                        .thenComparingDouble(p -> p.frameRate() == null ? 0 : p.frameRate()));
    }

    /** Lowest resolution that is still at least 320 px wide and smaller than the main stream. */
    public static Optional<MediaProfile> chooseSub(List<MediaProfile> profiles, MediaProfile main) {
        return profiles.stream().filter(MediaProfile::hasVideo)
                .filter(p -> !p.token().equals(main.token()))
                .filter(p -> p.width() >= MIN_SUB_WIDTH && p.pixels() < main.pixels())
                .filter(p -> !"JPEG".equalsIgnoreCase(p.encoding()) || "JPEG".equalsIgnoreCase(main.encoding()))
                .min(Comparator.comparingLong(MediaProfile::pixels));
    }

    // ---------------------------------------------------------------- snapshots

    static final int SNAPSHOT_LIMIT = 8 * 1024 * 1024;

    /**
     * One JPEG from the camera's snapshot URL, with this camera's credentials (Digest, else Basic). The
     * credentials are only offered to the snapshot URL's own host.
     */
    public byte[] snapshot(URI snapshotUrl, Duration timeout) throws OnvifException {
        URI url = Redact.withoutCredentials(snapshotUrl);
        if (url.getHost() == null) {
            throw new OnvifReplyException("snapshot URL without host", null);
        }
        HttpClientContext ctx = snapshotContexts.computeIfAbsent(url.getHost().toLowerCase(Locale.ROOT), host -> {
            HttpClientContext c = HttpClientContext.create();
            if (hasCredentials()) {
                c.setCredentialsProvider(CredentialsProviderBuilder.create()
                        .add(new AuthScope(url.getHost(), -1), user, password).build());
            }
            return c;
        });
        OnvifHttp.Fetched f;
        synchronized (ctx) { // a context keeps the Digest state of one exchange at a time
            f = http.get(url, ctx, timeout, SNAPSHOT_LIMIT);
        }
        if (f.status() == 401 || f.status() == 403) {
            throw new OnvifAuthException(hasCredentials(), "snapshot refused with HTTP " + f.status());
        }
        if (f.status() < 200 || f.status() >= 300) {
            throw new OnvifReplyException("HTTP " + f.status() + " to snapshot", null);
        }
        byte[] b = f.body();
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            throw new OnvifReplyException("snapshot is not a JPEG (" + f.contentType() + ", " + b.length + " bytes)",
                    null);
        }
        return b;
    }

    // ---------------------------------------------------------------- the whole sequence

    /**
     * Time → services → device information → profiles → stream and snapshot URIs. {@code progress} gets a
     * step name before each step; {@code cancelled} is checked between steps.
     */
    public OnvifCameraSetup setup(Consumer<String> progress, BooleanSupplier cancelled) throws OnvifException {
        Consumer<String> step = progress == null ? x -> { } : progress;
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        step.accept("time");
        try {
            getSystemDateAndTime();
        } catch (OnvifFaultException | OnvifReplyException | OnvifAuthException e) {
            log.debug("no camera time ({}); assuming our clock", e.getMessage());
        }
        check(stop);
        step.accept("services");
        OnvifServices s = services();
        check(stop);
        step.accept("device");
        DeviceInformation info = deviceInformation();
        check(stop);
        step.accept("profiles");
        List<MediaProfile> profiles = profiles();
        MediaProfile main = chooseMain(profiles).orElseThrow(
                () -> new OnvifException("no.profiles", "no profile with video", null));
        MediaProfile sub = chooseSub(profiles, main).orElse(null);
        check(stop);
        step.accept("streams");
        URI mainUrl = streamUri(main);
        URI subUrl = sub == null ? null : streamUri(sub);
        check(stop);
        step.accept("snapshot");
        URI snapshot = snapshotUri(main);
        return new OnvifCameraSetup(deviceUrl, mainUrl, subUrl, snapshot, main, sub, profiles, info, s,
                clockOffset, authMode());
    }

    private static void check(BooleanSupplier stop) {
        if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Whether the camera wants a password: GetDeviceInformation without credentials. Null when that cannot be
     * told (no answer, unreadable reply).
     */
    public static Boolean needsAuth(OnvifHttp http, URI deviceUrl) {
        OnvifClient anonymous = new OnvifClient(http, deviceUrl, null, null, new AuthMemory(), Clock.systemUTC());
        try {
            anonymous.deviceInformation();
            return false;
        } catch (OnvifAuthException e) {
            return true;
        } catch (OnvifException e) {
            log.debug("needsAuth check for {} failed: {}", deviceUrl.getHost(), e.getMessage());
            return null;
        }
    }
}
