package org.doorstep.usecase.setup;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.UserException;
import org.doorstep.onvif.AddressNotAllowedException;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.BrandStreams;
import org.doorstep.onvif.CloudOnlyDoorbells;
import org.doorstep.onvif.DiscoveredDevice;
import org.doorstep.onvif.OnvifAuthException;
import org.doorstep.onvif.OnvifCameraAdder;
import org.doorstep.onvif.OnvifCameraSetup;
import org.doorstep.onvif.OnvifException;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.onvif.OnvifTimeoutException;
import org.doorstep.onvif.RtspProbe;
import org.doorstep.media.Picture;
import org.doorstep.store.Camera;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.live.LiveView;

/**
 * What the window's camera wizard does, step by step: find cameras (marking those already added and the
 * cloud-only doorbells), check one with its password (its streams really play: codec, size, frame rate), fall back to
 * the brands' usual stream addresses when ONVIF is off, fetch a picture of each stream, and save it (with masks) through the same
 * {@link CameraCatalog} as {@code doorstep camera add}. Every failure is a {@link SetupProblem}: one sentence with
 * the next step.
 */
public final class CameraSetup {
    /** A camera clock further off than this is worth telling: its own overlay and its events would not match. */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CameraSetup.class);
    public static final Duration CLOCK_FAR_OFF = Duration.ofMinutes(1);
    public static final int RTSP_PORT = 554;
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1500);

    private final CameraCatalog catalog;
    private final Discovery discovery;
    private final AddressPolicy policy;
    private final Clock clock;
    private final List<BrandStreams.Template> templates;
    private final Duration streamTimeout;
    private final LiveView live;

    public CameraSetup(CameraCatalog catalog, Discovery discovery, LiveView live, AddressPolicy policy, Clock clock) {
        this(catalog, discovery, live, policy, clock, BrandStreams.TEMPLATES, Duration.ofSeconds(5));
    }

    /** {@code templates}: the brand stream paths tried when ONVIF is off (tests add the virtual doorbell's). */
    public CameraSetup(CameraCatalog catalog, Discovery discovery, LiveView live, AddressPolicy policy, Clock clock,
            List<BrandStreams.Template> templates, Duration streamTimeout) {
        this.catalog = catalog;
        this.live = live;
        this.discovery = discovery;
        this.policy = policy;
        this.clock = clock;
        this.templates = List.copyOf(templates);
        this.streamTimeout = streamTimeout;
    }

    // ------------------------------------------------------------------ finding

    /**
     * A camera that answered a search. {@code alreadyAdded}: the catalog has a camera at this address;
     * {@code cloudOnly}: the sentence saying this maker/model streams only through its cloud, or null.
     */
    public record Found(DiscoveredDevice device, boolean alreadyAdded, String cloudOnly) {
        public String address() {
            URI url = device.onvifUrl();
            return url != null && url.getPort() > 0 ? device.address().getHostAddress() + ":" + url.getPort()
                    : device.address().getHostAddress();
        }
    }

    /** Searches as {@code search} says; {@code found} hears of each camera as it answers, already classified. */
    public List<Found> find(Discovery.Search search, Consumer<Found> found, BooleanSupplier cancelled) {
        return find(search, found, endpoint -> { }, cancelled);
    }

    /**
     * As {@link #find(Discovery.Search, Consumer, BooleanSupplier)}; a search of the whole network also hears cameras
     * announcing themselves meanwhile, and {@code gone} the endpoint of one that says Bye.
     */
    public List<Found> find(Discovery.Search search, Consumer<Found> found, Consumer<String> gone,
                            BooleanSupplier cancelled) {
        List<Camera> known = catalog.all();
        List<DiscoveredDevice> devices = discovery.find(search,
                d -> { if (found != null) found.accept(classify(d, known)); }, gone, cancelled);
        List<Found> out = new ArrayList<>();
        for (DiscoveredDevice d : devices) {
            out.add(classify(d, known));
        }
        return out;
    }

    /** Marks a device already in {@code known} and names a cloud-only doorbell as such. */
    public Found classify(DiscoveredDevice d, List<Camera> known) {
        boolean added = known.stream().anyMatch(c -> sameCamera(c, d));
        String words = String.join(" ", nonNull(d.manufacturer()), nonNull(d.model()), nonNull(d.name()));
        String cloud = CloudOnlyDoorbells.match(words).map(CloudOnlyDoorbells::message).orElse(null);
        return new Found(d, added, cloud);
    }

    /** Same ONVIF service (host and port), or, for a camera added by stream address, the same host. */
    private static boolean sameCamera(Camera c, DiscoveredDevice d) {
        if (c.onvifUrl() != null && d.onvifUrl() != null) {
            return sameHost(c.onvifUrl().getHost(), d.address()) && port(c.onvifUrl()) == port(d.onvifUrl());
        }
        // on loopback many simulated cameras share one host: only the ONVIF port tells them apart
        return c.onvifUrl() == null && c.mainUrl() != null && !d.address().isLoopbackAddress()
                && sameHost(c.mainUrl().getHost(), d.address());
    }

    private static boolean sameHost(String host, InetAddress address) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.getByName(h).equals(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The /24 of this computer's first private IPv4 address: what a unicast scan offers when multicast found none. */
    public Optional<String> localSubnet() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    InetAddress a = ia.getAddress();
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        byte[] b = a.getAddress();
                        return Optional.of((b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24");
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ checking

    /** One stream that played: its address (without credentials), codec, picture size and frame rate. */
    public record Stream(URI url, String codec, int width, int height, double fps) {
        public String describe() {
            return String.format(Locale.ROOT, "%s · %d×%d · %.0f fps", codec, width, height, fps);
        }
    }

    /**
     * A camera whose streams played with the given password. {@code onvifUrl}/{@code snapshotUrl} are null for a
     * camera known only by its stream addresses; {@code sub} is null when it has no second stream;
     * {@code clockWarning} is a sentence when the camera's clock is far off, else null.
     */
    public record Checked(URI onvifUrl, URI snapshotUrl, Stream main, Stream sub, String maker, String model,
            Duration clockOffset, String clockWarning, String brand) {}

    /**
     * Asks the camera at {@code hostPort} over ONVIF for its streams, then plays each of them. When ONVIF does not
     * answer but {@code rtspPort} (554 on nearly every camera) does, ONVIF is said to be switched off.
     */
    public Checked checkOnvif(String hostPort, String user, char[] password, int rtspPort, Consumer<String> progress,
            BooleanSupplier cancelled) {
        Messages m = text();
        String typed = hostPort == null ? "" : hostPort.strip();
        String where = shown(typed);
        OnvifCameraSetup setup;
        try (OnvifHttp http = new OnvifHttp(policy)) {
            setup = new OnvifCameraAdder(http, new AuthMemory(), clock)
                    .add(typed, blankToNull(user), password, progress, cancelled);
        } catch (OnvifAuthException e) {
            throw new SetupProblem(SetupProblem.Kind.WRONG_PASSWORD, m.get("problem.password", where));
        } catch (OnvifTimeoutException e) {
            String host = hostOf(typed);
            if (host != null && accepts(host, rtspPort)) {
                throw new SetupProblem(SetupProblem.Kind.ONVIF_OFF, m.get("problem.onvifOff", where));
            }
            throw new SetupProblem(SetupProblem.Kind.UNREACHABLE, m.get("problem.unreachable", where));
        } catch (OnvifException e) {
            throw new SetupProblem(SetupProblem.Kind.OTHER, m.get("problem.onvif", where, e.userMessage()));
        } catch (IllegalArgumentException e) {
            throw new UserException(Messages.of("cameras").get("camera.error.onvifHost", where),
                    UserException.EXIT_USAGE);
        }
        check(cancelled);
        String maker = setup.device() == null ? null : setup.device().manufacturer();
        String model = setup.device() == null ? null : setup.device().model();
        Stream main = play(setup.mainUrl(), user, password, where);
        check(cancelled);
        Stream sub = setup.subUrl() == null ? null : playOrNull(setup.subUrl(), user, password);
        return new Checked(setup.onvifUrl(), setup.snapshotUrl(), main, sub, maker, model, setup.clockOffset(),
                clockWarning(setup.clockOffset()), null);
    }

    /** A camera given by its stream addresses (credentials may be inside them): plays each. */
    public Checked checkStreams(String mainUrl, String subUrl, String user, char[] password) {
        URI main = CameraCatalog.streamUrl(mainUrl);
        URI sub = subUrl == null || subUrl.isBlank() ? null : CameraCatalog.streamUrl(subUrl);
        String who = user != null && !user.isBlank() ? user.strip() : Redact.userOf(main);
        char[] fromUrl = Redact.passwordOf(main);
        char[] secret = password != null && password.length > 0 ? password : fromUrl;
        try {
            String where = main.getHost() + (main.getPort() > 0 ? ":" + main.getPort() : "");
            Stream m = play(Redact.withoutCredentials(main), who, secret, where);
            Stream s = sub == null ? null : playOrNull(Redact.withoutCredentials(sub), who, secret);
            return new Checked(null, null, m, s, null, null, Duration.ZERO, null, null);
        } finally {
            if (fromUrl != null) {
                Arrays.fill(fromUrl, '\0');
            }
        }
    }

    /**
     * For a camera with ONVIF switched off: tries each brand's usual stream addresses on {@code host}, keeping the
     * first that really delivers video. {@code progress} hears each brand before it is tried.
     */
    public Checked tryBrands(String host, int rtspPort, String user, char[] password, Consumer<String> progress,
            BooleanSupplier cancelled) {
        Messages m = text();
        String h = hostOf(host);
        if (h == null) {
            throw new UserException(Messages.of("cameras").get("camera.error.onvifHost", host), UserException.EXIT_USAGE);
        }
        Optional<RtspProbe.Found> found;
        try {
            found = new RtspProbe(policy, streamTimeout, templates)
                    .probe(h, rtspPort, blankToNull(user), password, progress, cancelled);
        } catch (AddressNotAllowedException e) {
            throw new UserException(e.userMessage());
        }
        if (found.isEmpty()) {
            throw new SetupProblem(SetupProblem.Kind.NO_BRAND_STREAM, m.get("problem.noBrand", h + ":" + rtspPort));
        }
        Stream main = play(found.get().mainUrl(), user, password, h);
        Stream sub = found.get().subUrl() == null ? null : playOrNull(found.get().subUrl(), user, password);
        return new Checked(null, null, main, sub, null, null, Duration.ZERO, null, found.get().brand());
    }

    /**
     * One picture of each stream (main, then sub) as the camera sends it now, decoded by the live view's
     * snapshot; a stream whose picture does not come is null (its codec, size and frame rate were read already).
     */
    public Pictures pictures(Checked camera, String user, char[] password, int maxWidth) {
        String who = blankToNull(user);
        String secret = password == null ? null : new String(password);
        return new Pictures(picture(camera.main(), who, secret, maxWidth),
                camera.sub() == null ? null : picture(camera.sub(), who, secret, maxWidth));
    }

    /**
     * Live video of the checked camera's main and (when it has one) sub stream into {@code main} and {@code sub},
     * until the returned handle is closed: the wizard's preview moves, so a wrong stream is seen for what it is.
     */
    public AutoCloseable livePreview(Checked camera, String user, char[] password,
            org.doorstep.media.FrameTarget main, org.doorstep.media.FrameTarget sub) {
        String who = blankToNull(user);
        String secret = password == null ? null : new String(password);
        org.doorstep.usecase.live.LiveStream first = live.open(camera.main().url().toString(), who, secret, main);
        org.doorstep.usecase.live.LiveStream second = camera.sub() == null || sub == null ? null
                : live.open(camera.sub().url().toString(), who, secret, sub);
        return () -> {
            first.close();
            if (second != null) {
                second.close();
            }
        };
    }

    /** The preview's two pictures; either may be null. */
    public record Pictures(Picture main, Picture sub) {}

    /** Tried twice: a camera busy with the check just before may drop the first new connection. */
    private Picture picture(Stream stream, String user, String password, int maxWidth) {
        for (int attempt = 1; ; attempt++) {
            try {
                return live.snapshot(stream.url().toString(), user, password, maxWidth);
            } catch (UserException e) {
                // the sentence names the address without credentials
                LOG.info("no preview picture (attempt {}): {}", attempt, e.getMessage());
                if (attempt == 2) {
                    return null;
                }
            }
        }
    }

    /**
     * Saves the checked camera; the password array is cleared. Masks drawn in the wizard (motion-mask JSON, null for
     * none) are stored with it before anything records, so not even the first segment sees a masked area unmasked.
     */
    public Camera save(Checked camera, String name, Duration retention, String user, char[] password,
            String detectionMasks, String privacyMasks) {
        CameraCatalog.ByAddress request = new CameraCatalog.ByAddress(name, camera.main().url().toString(),
                camera.sub() == null ? null : camera.sub().url().toString(), blankToNull(user), password, retention);
        Camera saved = catalog.add(request, camera.onvifUrl(), camera.snapshotUrl()).camera();
        if (detectionMasks == null && privacyMasks == null) {
            return saved;
        }
        CameraCatalog.Changes now = CameraCatalog.Changes.of(saved);
        return catalog.change(saved.name(), new CameraCatalog.Changes(now.name(), now.mainUrl(), now.subUrl(),
                now.transport(), now.enabled(), now.retention(), now.retentionReason(), now.storageCapBytes(),
                now.motion(), now.sensitivity(), detectionMasks, privacyMasks, now.hwAccel(), now.recordAudio(),
                now.hideLive()));
    }

    /**
     * "Press the bell now": listens to the checked camera's ONVIF events for up to {@code max} and names the topic
     * the button went on and off on. Empty when the camera has no ONVIF address, nothing was pressed, or cancelled.
     */
    public java.util.Optional<org.doorstep.usecase.cameras.BellFinder.Press> listenForBell(Checked camera, String user,
            char[] password, Duration max, BooleanSupplier cancelled, Consumer<String> heard) {
        if (camera.onvifUrl() == null) {
            return java.util.Optional.empty();
        }
        return new org.doorstep.usecase.cameras.BellFinder(policy, clock)
                .listen(camera.onvifUrl(), blankToNull(user), password, max, cancelled, heard);
    }

    /** Counts {@code topic} as a ring for the saved camera (a button wired to an input, found by the bell step). */
    public Camera countAsRing(String cameraName, String topic) {
        return catalog.setRingTopics(cameraName, List.of(topic));
    }

    // ------------------------------------------------------------------ helpers

    private Stream play(URI url, String user, char[] password, String where) {
        RtspProbe.Described d = describe(url, user, password);
        if (d.plays()) {
            RtspProbe.StreamInfo i = d.info();
            return new Stream(url, i.codec(), i.width(), i.height(), i.fps());
        }
        Messages m = text();
        throw switch (d.failure()) {
            case WRONG_PASSWORD -> new SetupProblem(SetupProblem.Kind.WRONG_PASSWORD, m.get("problem.password", where));
            case NO_VIDEO -> new SetupProblem(SetupProblem.Kind.NO_VIDEO, m.get("problem.noVideo", where));
            case UNREACHABLE -> new SetupProblem(SetupProblem.Kind.UNREACHABLE, m.get("problem.stream", where));
            case REFUSED -> new SetupProblem(SetupProblem.Kind.OTHER, d.refusal());
        };
    }

    /** A second stream that does not play is left out rather than failing the camera: motion then uses the main. */
    private Stream playOrNull(URI url, String user, char[] password) {
        RtspProbe.Described d = describe(url, user, password);
        return d.plays() ? new Stream(url, d.info().codec(), d.info().width(), d.info().height(), d.info().fps())
                : null;
    }

    private RtspProbe.Described describe(URI url, String user, char[] password) {
        try {
            return new RtspProbe(policy, streamTimeout, templates).describe(url, blankToNull(user), password);
        } catch (AddressNotAllowedException e) {
            throw new UserException(e.userMessage());
        }
    }

    /** Whether something accepts TCP connections there (the camera's RTSP server while its ONVIF is off). */
    private boolean accepts(String host, int port) {
        try {
            InetAddress a = InetAddress.getByName(host);
            if (!policy.isAllowed(a)) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), (int) CONNECT_TIMEOUT.toMillis());
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private String clockWarning(Duration offset) {
        if (offset == null || offset.abs().compareTo(CLOCK_FAR_OFF) <= 0) {
            return null;
        }
        long minutes = Math.max(1, Math.round(offset.abs().toSeconds() / 60.0));
        return text().get(offset.isNegative() ? "problem.clockBehind" : "problem.clockAhead", minutes);
    }

    /** A device service URL is shown as its host and port, as the scan lists it; anything else as typed. */
    static String shown(String typed) {
        if (!typed.startsWith("http://") && !typed.startsWith("https://")) {
            return typed;
        }
        try {
            URI u = new URI(typed);
            return u.getHost() == null ? typed : u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (URISyntaxException e) {
            return typed;
        }
    }

    /** The host of "host", "host:port", "[v6]:port" or a URL; null when none can be read. */
    static String hostOf(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String s = typed.strip();
        try {
            URI u = new URI(s.contains("://") ? s : "http://" + s);
            String h = u.getHost();
            return h == null ? null : h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled != null && cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Messages text() {
        return Messages.of("setup");
    }
}
