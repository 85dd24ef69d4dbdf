package org.doorstep.usecase.live;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.UserException;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.common.net.AddressRefusedException;
import org.doorstep.common.net.PinnedHost;
import org.doorstep.media.DecodeException;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwAccelSetting;
import org.doorstep.media.HwDevices;
import org.doorstep.media.MediaInputException;
import org.doorstep.media.Picture;
import org.doorstep.media.RtspTransport;
import org.doorstep.media.VideoDecoder;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.privacy.CameraCredentials;
import org.doorstep.store.Camera;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * Live video of the cameras, for the window's grid and single view, and single pictures (mask drawing, the
 * wizard's preview). Every connection goes through the camera's credentials (in memory only) and transport, and
 * only to addresses on the local network.
 */
public final class LiveView implements AutoCloseable {
    /** How long a camera may take to answer or to send the next packet. */
    static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final CameraCatalog catalog;
    private final CameraCredentials credentials;
    private final AddressPolicy policy;
    private final Supplier<List<HwAccel>> hardwareDecoders;
    /** Streams open now, so closing the workspace stops every decoder thread even if a window forgot one. */
    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    /** One CUDA context (or VA display) for all live tiles, not one per tile. */
    private final HwDevices devices = new HwDevices();

    /**
     * @param hardwareDecoders the decoders the machine check found working under the user's setting (asked on the
     *                         first stream's thread, since checking takes a moment); empty for software only
     */
    public LiveView(CameraCatalog catalog, CameraCredentials credentials, AddressPolicy policy,
                    Supplier<List<HwAccel>> hardwareDecoders) {
        this.catalog = catalog;
        this.credentials = credentials;
        this.policy = policy;
        this.hardwareDecoders = hardwareDecoders;
    }

    /**
     * Starts showing {@code camera}'s stream in {@code target} on its own thread; close the result to stop. The
     * sub stream falls back to the main stream for a camera without one.
     *
     * @throws UserException when there is no such camera
     */
    public LiveStream open(String camera, Quality quality, FrameTarget target) {
        Camera c = catalog.require(camera);
        URI url = streamOf(c, quality);
        RtspTransport transport = RtspTransport.fromSetting(c.rtspTransport());
        int threads = quality == Quality.MAIN ? 2 : 1;
        String label = c.name() + " " + quality.name().toLowerCase(java.util.Locale.ROOT);
        AddressCheck addresses = addressesOf(c);
        LiveStream stream = new LiveStream(label, () -> {
            requireAllowed(url, addresses);
            VideoDecoder.Options options = decoding(
                    VideoDecoder.Options.live(transport, TIMEOUT, decodersFor(c, url), threads), addresses);
            return VideoDecoder.open(credentials.authenticated(c, url).toString(), options);
        }, masked(c, target));
        return started(stream);
    }

    /** The tile as the recording keeps the camera: its privacy masks black (unreadable masks hide everything). */
    static FrameTarget masked(Camera c, FrameTarget target) {
        org.doorstep.motion.MotionMask mask;
        try {
            mask = org.doorstep.motion.MotionMaskJson.parse(c.options().privacyMasksJson());
        } catch (IllegalArgumentException e) {
            mask = new org.doorstep.motion.MotionMask(
                    List.of(org.doorstep.motion.MotionMask.Polygon.rectangle(0, 0, 1, 1)));
        }
        return mask.isEmpty() ? target : new MaskedFrameTarget(target, mask);
    }

    /** Stops every stream still open. */
    @Override
    public void close() {
        for (LiveStream s : List.copyOf(open)) {
            s.close();
        }
        devices.close();
    }

    /**
     * One picture of {@code camera}, at most {@code maxWidth} pixels wide. Blocks until it arrives (at most a few
     * seconds); interrupting the calling thread cancels it.
     *
     * @throws UserException a sentence when the camera is unknown, unreachable, refuses the password or sends nothing
     */
    public Picture snapshot(String camera, Quality quality, int maxWidth) {
        Camera c = catalog.require(camera);
        URI url = streamOf(c, quality);
        return grab(credentials.authenticated(c, url), c.name(), RtspTransport.fromSetting(c.rtspTransport()),
                maxWidth, addressesOf(c));
    }

    /**
     * One picture of a camera that is not added yet (the wizard's preview), over RTSP/TCP.
     *
     * @param user     null or empty when the camera needs none; credentials in the URL itself are used otherwise
     * @param password null or empty for none
     */
    public Picture snapshot(String rtspUrl, String user, String password, int maxWidth) {
        URI url = CameraCatalog.streamUrl(rtspUrl);
        return grab(withUser(url, user, password), Redact.displayUrl(url.toString()), RtspTransport.TCP, maxWidth,
                policy);
    }

    /**
     * Live video of a camera that is not added yet (the wizard's preview), over RTSP/TCP, through the same LAN-only
     * check; close the result to stop.
     */
    public LiveStream open(String rtspUrl, String user, String password, FrameTarget target) {
        URI url = CameraCatalog.streamUrl(rtspUrl);
        URI authenticated = withUser(url, user, password);
        LiveStream stream = new LiveStream(Redact.displayUrl(url.toString()), () -> {
            requireAllowed(url, policy);
            VideoDecoder.Options options = decoding(VideoDecoder.Options.live(RtspTransport.TCP, TIMEOUT,
                    hardwareDecoders.get(), 1), policy);
            return VideoDecoder.open(authenticated.toString(), options);
        }, target);
        return started(stream);
    }

    /**
     * The camera's own hardware-decode choice (its settings); "auto" or an unreadable one follows the machine's,
     * except that a sub stream is not given to NVDEC ({@link HwAccelSetting#forCameraStream}).
     */
    private List<HwAccel> decodersFor(Camera camera, URI stream) {
        return HwAccelSetting.forCameraStream(camera.options().hwAccel(), stream.equals(camera.subUrl()),
                hardwareDecoders.get());
    }

    /** Starts {@code stream}, kept in the open list until it closes (so closing the live view stops it). */
    private LiveStream started(LiveStream stream) {
        open.add(stream);
        stream.listen(status -> {
            if (status.state() == LiveStatus.State.CLOSED) {
                open.remove(stream);
            }
        });
        return stream.start();
    }

    /** {@code url} with the user (and password) put in, as FFmpeg takes them; only in memory, never logged. */
    private URI withUser(URI url, String user, String password) {
        if (user == null || user.isBlank()) {
            return url;
        }
        try {
            return CameraCredentials.withUser(url, user.strip(), password);
        } catch (URISyntaxException e) {
            throw new UserException(text().get("snapshot.badAddress"), UserException.EXIT_USAGE);
        }
    }

    private Picture grab(URI url, String shownAs, RtspTransport transport, int maxWidth, AddressCheck addresses) {
        Messages m = text();
        try {
            requireAllowed(url, addresses);
        } catch (LiveStream.NotAllowedException e) {
            throw new UserException(m.get("snapshot.notAllowed", shownAs));
        }
        // software: one picture does not pay for setting up a hardware decoder
        VideoDecoder.Options options = decoding(VideoDecoder.Options.live(transport, TIMEOUT, List.of(), 1),
                addresses);
        try (VideoDecoder decoder = VideoDecoder.open(url.toString(), options)) {
            Picture p = decoder.grab(Math.max(16, maxWidth));
            if (p == null) {
                throw new UserException(m.get("snapshot.ended", shownAs));
            }
            return p;
        } catch (MediaInputException e) {
            if (e.kind() == MediaInputException.Kind.STOPPED) {
                throw new UserException(m.get("snapshot.cancelled"));
            }
            if (e.kind() == MediaInputException.Kind.REFUSED) {
                throw new UserException(e.getMessage()); // already the sentence: outside the LAN, redirect, scheme
            }
            String key = switch (LiveStream.problemOf(e)) {
                case WRONG_PASSWORD -> "snapshot.wrongPassword";
                case UNREACHABLE -> "snapshot.unreachable";
                default -> "snapshot.ended";
            };
            throw new UserException(m.get(key, shownAs));
        } catch (DecodeException e) {
            throw new UserException(m.get("snapshot.undecodable", shownAs, e.getMessage()));
        }
    }

    private static URI streamOf(Camera camera, Quality quality) {
        return quality == Quality.SUB && camera.subUrl() != null ? camera.subUrl() : camera.mainUrl();
    }

    /**
     * Resolves the host and refuses it unless every address passes {@code addresses}; the decoder checks again
     * after its own lookup and connects only to the address it checked.
     */
    private static void requireAllowed(URI url, AddressCheck addresses) throws LiveStream.NotAllowedException {
        try {
            PinnedHost.resolve(url, addresses);
        } catch (AddressRefusedException e) {
            throw new LiveStream.NotAllowedException(e.getMessage());
        } catch (UnknownHostException e) {
            // not resolvable: FFmpeg will say "unreachable" the same way; nothing outside gets contacted
        }
    }

    /** The policy for this camera: the app's LAN-only policy, or any address when its owner allowed that. */
    private AddressCheck addressesOf(Camera camera) {
        return camera.options().allowInternetAddress() ? camera.addresses() : policy;
    }

    /** {@code o} for this camera's addresses, sharing the live view's hardware devices. */
    private VideoDecoder.Options decoding(VideoDecoder.Options o, AddressCheck addresses) {
        return o.withInput(o.input().withAddresses(addresses)).withDevices(devices);
    }

    private static Messages text() {
        return Messages.of("live");
    }
}
