package org.doorstep.sim.onvif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The ONVIF face of the virtual doorbell: device, media and event (PullPoint) services over
 * SOAP 1.2 plus an HTTP snapshot endpoint, with HTTP Digest and/or WS-Security UsernameToken
 * authentication. The camera clock runs {@link OnvifSimConfig#clockSkew()} ahead of the host.
 */
public final class OnvifSimServer implements AutoCloseable {
    public static final String DEVICE_PATH = "/onvif/device_service";
    public static final String MEDIA_PATH = "/onvif/media_service";
    /** Media2 (ver20); only when {@link OnvifSimConfig#media2()} is on. */
    public static final String MEDIA2_PATH = "/onvif/media2_service";
    public static final String EVENTS_PATH = "/onvif/event_service";
    /** Followed by the subscription id. */
    public static final String SUBSCRIPTION_PATH = "/onvif/subscription/";
    /** Takes {@code ?profile=<token>}. */
    public static final String SNAPSHOT_PATH = "/onvif/snapshot";

    static final int MAX_BODY_BYTES = 1 << 20;
    /** Beyond the cap we still read (and discard) this much so the client sees our fault, not a reset. */
    private static final long MAX_DRAIN_BYTES = 8L << 20;
    static final int MAX_SUBSCRIPTIONS = 16;
    private static final int SUBSCRIPTION_QUEUE = 256;
    static final Duration WSSE_TOLERANCE = Duration.ofMinutes(5);
    /** Operations a client must be able to call before it knows the clock offset (ONVIF PRE_AUTH). */
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime");
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(OnvifSimServer.class);

    private final OnvifSimConfig config;
    private final List<SimProfile> profiles;
    private final Supplier<byte[]> snapshotJpeg;
    private final Clock cameraClock;
    private final PullPointSubscriptions subscriptions;
    private final HttpDigestAuth digest;
    private final UsernameTokenVerifier wsse;
    private final DeviceService device;
    private final MediaService media;
    private final Media2Service media2;
    private final EventService events;
    private final EventService.SubscriptionEndpoint subscriptionEndpoint;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    /** In front of {@link #server} when the config asks for HTTP quirks; clients then only see its port. */
    private volatile QuirkyHttpFront front;

    /** A camera with the default main (1280x720) and sub (640x360) H.264 profiles. */
    public OnvifSimServer(OnvifSimConfig config, Function<String, URI> streamUris, Supplier<byte[]> snapshotJpeg) {
        this(config, SimProfile.defaults(), streamUris, snapshotJpeg);
    }

    /**
     * @param streamUris   RTSP URI of each profile token (called on every GetStreamUri)
     * @param snapshotJpeg current picture as JPEG bytes (called on every snapshot request)
     */
    public OnvifSimServer(OnvifSimConfig config, List<SimProfile> profiles, Function<String, URI> streamUris,
                          Supplier<byte[]> snapshotJpeg) {
        this(config, profiles, streamUris, snapshotJpeg, Clock.systemUTC());
    }

    OnvifSimServer(OnvifSimConfig config, List<SimProfile> profiles, Function<String, URI> streamUris,
                   Supplier<byte[]> snapshotJpeg, Clock hostClock) {
        this.config = Objects.requireNonNull(config, "config");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one profile is needed");
        }
        this.profiles = List.copyOf(profiles);
        this.snapshotJpeg = Objects.requireNonNull(snapshotJpeg, "snapshotJpeg");
        this.cameraClock = Clock.offset(hostClock, config.clockSkew());
        this.subscriptions = new PullPointSubscriptions(cameraClock, config.clockSkew(), MAX_SUBSCRIPTIONS,
                SUBSCRIPTION_QUEUE);
        this.digest = new HttpDigestAuth(config.realm(), config.user(), config.password(), config.digestAlgorithms(),
                hostClock);
        this.wsse = new UsernameTokenVerifier(config.user(), config.password(), cameraClock, WSSE_TOLERANCE);
        this.device = new DeviceService(config, cameraClock, this.profiles.size());
        this.media = new MediaService(this.profiles, Objects.requireNonNull(streamUris, "streamUris"));
        this.media2 = new Media2Service(this.profiles, streamUris);
        this.events = new EventService(subscriptions, cameraClock);
        this.subscriptionEndpoint = new EventService.SubscriptionEndpoint(subscriptions, cameraClock);
    }

    /** Binds and starts serving; throws if the port is taken. */
    public synchronized OnvifSimServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger n = new AtomicInteger();
        // bounded: long-polls are capped by MAX_SUBSCRIPTIONS, so 32 threads leave room for ordinary calls;
        // when even the queue is full the dispatcher answers itself (back-pressure instead of dropping sockets)
        executor = new ThreadPoolExecutor(4, 32, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "onvif-sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        boolean quirky = config.httpQuirks().any();
        HttpServer s = HttpServer.create(new InetSocketAddress(config.bindAddress(), quirky ? 0 : config.httpPort()), 64);
        s.createContext(DEVICE_PATH, ex -> serveSoap(ex, device, true));
        s.createContext(MEDIA_PATH, ex -> serveSoap(ex, media, true));
        if (config.media2()) {
            s.createContext(MEDIA2_PATH, ex -> serveSoap(ex, media2, true));
        }
        s.createContext(EVENTS_PATH, ex -> serveSoap(ex, events, true));
        s.createContext(SUBSCRIPTION_PATH, ex -> serveSoap(ex, subscriptionEndpoint, false));
        s.createContext(SNAPSHOT_PATH, this::serveSnapshot);
        s.createContext("/", ex -> sendPlain(ex, 404, "Not found"));
        s.setExecutor(executor);
        s.start();
        server = s;
        if (quirky) {
            front = new QuirkyHttpFront(config.httpQuirks(), config.bindAddress(), config.httpPort(),
                    new InetSocketAddress(config.bindAddress(), s.getAddress().getPort()));
        }
        log.info("Virtual ONVIF camera listening on {} (auth {})", deviceServiceUri(), config.authMode());
        return this;
    }

    /** The bound HTTP port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return front != null ? front.port() : server.getAddress().getPort();
    }

    /** Where clients reach the device service; a wildcard bind is reported as loopback. */
    public URI deviceServiceUri() {
        InetAddress a = config.bindAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : config.bindAddress();
        return URI.create("http://" + hostLiteral(a) + ":" + port() + DEVICE_PATH);
    }

    public OnvifSimConfig config() {
        return config;
    }

    /** The camera clock (host clock + skew). */
    public Instant cameraNow() {
        return cameraClock.instant();
    }

    /** Hands an event to every live PullPoint subscription. Never blocks. */
    public void publish(SimEvent event) {
        log.debug("event {} = {}", event.topic(), event.state());
        subscriptions.publish(event);
    }

    /** Live PullPoint subscriptions (tests wait for a client to have subscribed). */
    public int subscriptionCount() {
        subscriptions.sweep();
        return subscriptions.size();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        subscriptions.closeAll(); // wakes waiting PullMessages
        if (front != null) {
            front.close();
            front = null;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        log.info("Virtual ONVIF camera stopped");
    }

    // --- HTTP plumbing ---------------------------------------------------------------------

    private void serveSoap(HttpExchange ex, SoapService service, boolean exactPath) {
        try {
            String path = ex.getRequestURI().getPath();
            String contextPath = ex.getHttpContext().getPath();
            if (exactPath ? !path.equals(contextPath) : path.length() <= contextPath.length()) {
                sendPlain(ex, 404, "Not found");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                sendPlain(ex, 405, "Use POST");
                return;
            }
            String body;
            int status = 200;
            try {
                body = SoapXml.envelope(null, dispatch(ex, service, path));
            } catch (SoapFault f) {
                status = f.httpStatus();
                body = SoapXml.envelope(null, f.toXml());
                log.debug("SOAP fault {} on {}: {}", status, path, f.getMessage());
            } catch (Unauthorized u) {
                for (String challenge : digest.challenges(u.stale)) {
                    ex.getResponseHeaders().add("WWW-Authenticate", challenge);
                }
                status = 401;
                body = SoapXml.envelope(null, SoapFault.notAuthorized().toXml());
            }
            send(ex, status, SOAP_CONTENT_TYPE, body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("client connection lost: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("ONVIF request failed", e);
            try {
                send(ex, 500, SOAP_CONTENT_TYPE, SoapXml.envelope(null,
                        SoapFault.receiver("Internal error").toXml()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                // the response may already be on its way; nothing more to do
            }
        } finally {
            ex.close();
        }
    }

    /** Parses, authenticates and answers one SOAP request; returns the body content. */
    private String dispatch(HttpExchange ex, SoapService service, String path) throws SoapFault, Unauthorized, IOException {
        byte[] raw = readCapped(ex);
        Document doc;
        try {
            doc = SoapXml.parse(raw);
        } catch (SAXException e) {
            boolean dtd = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            throw SoapFault.sender(dtd ? "DTDs are not allowed" : "Malformed XML", "ter:WellFormed");
        }
        Element envelope = doc.getDocumentElement();
        if (!"Envelope".equals(SoapXml.localName(envelope))) {
            throw SoapFault.sender("Not a SOAP envelope", "ter:WellFormed");
        }
        if (SoapXml.SOAP11.equals(envelope.getNamespaceURI())) {
            throw SoapFault.versionMismatch();
        }
        Element header = SoapXml.child(envelope, "Header");
        Element operation = SoapXml.firstChild(SoapXml.child(envelope, "Body"));
        if (operation == null) {
            throw SoapFault.sender("Empty SOAP body", "ter:WellFormed");
        }
        String action = SoapXml.localName(operation);
        if (!service.actions().contains(action)) {
            throw SoapFault.actionNotSupported(action);
        }
        if (!PRE_AUTH.contains(action)) {
            authenticate(ex, header);
        }
        log.debug("{} {} from {}", path, action, ex.getRemoteAddress());
        return service.handle(action, new SoapService.Request(baseUrl(ex), path, header, operation));
    }

    private void authenticate(HttpExchange ex, Element header) throws SoapFault, Unauthorized {
        AuthMode mode = config.authMode();
        if (mode == AuthMode.NONE) {
            return;
        }
        boolean stale = false;
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (mode.acceptsDigest() && authorization != null) {
            HttpDigestAuth.Result r = digest.verify(ex.getRequestMethod(), ex.getRequestURI().toString(), authorization);
            if (r == HttpDigestAuth.Result.OK) {
                return;
            }
            stale = r == HttpDigestAuth.Result.STALE;
        }
        if (mode.acceptsWsse() && wsse.verify(header) == UsernameTokenVerifier.Result.OK) {
            return;
        }
        log.debug("rejected unauthenticated request from {}", ex.getRemoteAddress());
        if (mode.acceptsDigest()) {
            throw new Unauthorized(stale);
        }
        throw SoapFault.notAuthorized();
    }

    private void serveSnapshot(HttpExchange ex) {
        try {
            if (!ex.getRequestURI().getPath().equals(SNAPSHOT_PATH)) {
                sendPlain(ex, 404, "Not found");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                sendPlain(ex, 405, "Use GET");
                return;
            }
            String token = queryParam(ex.getRequestURI(), "profile");
            if (token != null && profiles.stream().noneMatch(p -> p.token().equals(token))) {
                sendPlain(ex, 404, "No such profile");
                return;
            }
            if (config.authMode() != AuthMode.NONE) {
                HttpDigestAuth.Result r = digest.verify(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        ex.getRequestHeaders().getFirst("Authorization"));
                if (r != HttpDigestAuth.Result.OK) {
                    for (String challenge : digest.challenges(r == HttpDigestAuth.Result.STALE)) {
                        ex.getResponseHeaders().add("WWW-Authenticate", challenge);
                    }
                    sendPlain(ex, 401, "Unauthorized");
                    return;
                }
            }
            byte[] jpeg;
            try {
                jpeg = snapshotJpeg.get();
            } catch (RuntimeException e) {
                log.warn("snapshot source failed: {}", e.toString());
                jpeg = null;
            }
            if (jpeg == null || jpeg.length == 0) {
                sendPlain(ex, 503, "No picture yet");
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Content-Type", "image/jpeg");
                ex.sendResponseHeaders(200, -1);
            } else {
                send(ex, 200, "image/jpeg", jpeg);
            }
        } catch (IOException e) {
            log.debug("client connection lost: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("snapshot request failed", e);
        } finally {
            ex.close();
        }
    }

    private static String queryParam(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Reads the body up to the cap; a larger body is drained (within reason) and answered with a fault. */
    private static byte[] readCapped(HttpExchange ex) throws SoapFault, IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        InputStream in = ex.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        boolean tooLarge = false;
        try {
            tooLarge = declared != null && Long.parseLong(declared.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            throw SoapFault.sender("Bad Content-Length");
        }
        int r;
        while ((r = in.read(buf)) >= 0) {
            total += r;
            if (total > MAX_BODY_BYTES) {
                tooLarge = true;
            }
            if (!tooLarge) {
                out.write(buf, 0, r);
            } else if (total > MAX_DRAIN_BYTES) {
                break;
            }
        }
        if (tooLarge) {
            ex.getResponseHeaders().set("Connection", "close");
            throw SoapFault.sender("Message too large (limit " + MAX_BODY_BYTES + " bytes)");
        }
        return out.toByteArray();
    }

    private String baseUrl(HttpExchange ex) {
        QuirkyHttpFront f = front;
        int port = f != null ? f.port() : ex.getLocalAddress().getPort();
        return "http://" + hostLiteral(ex.getLocalAddress().getAddress()) + ":" + port;
    }

    static String hostLiteral(InetAddress a) {
        String h = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int pct = h.indexOf('%');
            return "[" + (pct < 0 ? h : h.substring(0, pct)) + "]";
        }
        return h;
    }

    private static void sendPlain(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    /** HTTP 401 with Digest challenges. */
    private static final class Unauthorized extends Exception {
        final boolean stale;

        Unauthorized(boolean stale) {
            super(null, null, false, false);
            this.stale = stale;
        }
    }
}
