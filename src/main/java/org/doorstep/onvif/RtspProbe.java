package org.doorstep.onvif;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.doorstep.media.InputOptions;
import org.doorstep.media.MediaInput;
import org.doorstep.media.MediaInputException;
import org.doorstep.media.RtspTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brand fallback for cameras with ONVIF off: tries the known RTSP paths with the given credentials and keeps
 * the first whose stream actually delivers packets (a 200 to DESCRIBE alone proves little).
 */
public final class RtspProbe {
    private static final Logger log = LoggerFactory.getLogger(RtspProbe.class);
    static final int PACKETS = 5;

    private final AddressPolicy policy;
    private final Duration timeout;
    private final List<BrandStreams.Template> templates;

    public RtspProbe(AddressPolicy policy, Duration timeout) {
        this(policy, timeout, BrandStreams.TEMPLATES);
    }

    public RtspProbe(AddressPolicy policy, Duration timeout, List<BrandStreams.Template> templates) {
        this.policy = policy;
        this.timeout = timeout;
        this.templates = List.copyOf(templates);
    }

    /** What worked: the brand guess and stream URLs without credentials (sub null when it did not play). */
    public record Found(String brand, URI mainUrl, URI subUrl) {}

    /**
     * @param host IP literal or name of the camera; must pass the address policy
     * @param progress gets each brand name before it is tried; may be null
     */
    public Optional<Found> probe(String host, int port, String user, char[] password, Consumer<String> progress,
            BooleanSupplier cancelled) throws AddressNotAllowedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        policy.require(address);
        String h = address.getHostAddress();
        for (BrandStreams.Template t : templates) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            if (progress != null) {
                progress.accept(t.brand());
            }
            URI main = uri(h, port, t.mainPath());
            if (plays(main, user, password)) {
                URI sub = t.subPath() == null ? null : uri(h, port, t.subPath());
                if (sub != null && !plays(sub, user, password)) {
                    sub = null;
                }
                return Optional.of(new Found(t.brand(), main, sub));
            }
        }
        return Optional.empty();
    }

    static URI uri(String host, int port, String pathAndQuery) {
        try {
            int q = pathAndQuery.indexOf('?');
            return new URI("rtsp", null, host, port, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                    q < 0 ? null : pathAndQuery.substring(q + 1), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The URL FFmpeg gets: credentials inside, percent-encoded where they would break the URL. Never logged. */
    static String withCredentials(URI url, String user, char[] password) {
        if (user == null || user.isEmpty()) {
            return url.toString();
        }
        String info = encode(user) + (password == null ? "" : ":" + encode(new String(password)));
        String s = url.toString();
        return "rtsp://" + info + "@" + s.substring("rtsp://".length());
    }

    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (":@/?#%[] ".indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** What one stream delivers: codec, picture size and frame rate as FFmpeg reads them from the stream. */
    public record StreamInfo(String codec, int width, int height, double fps) {}

    /** Why a stream did not play, as far as FFmpeg tells: the next step differs for each. */
    public enum Failure { WRONG_PASSWORD, UNREACHABLE, NO_VIDEO,
        /** Refused by Doorstep: outside the local network, or the camera redirected elsewhere. */
        REFUSED }

    /**
     * Either the stream's description or why it did not play.
     *
     * @param refusal for {@link Failure#REFUSED}, the sentence saying why (outside the LAN, a redirect); else null
     */
    public record Described(StreamInfo info, Failure failure, String refusal) {
        public Described(StreamInfo info, Failure failure) {
            this(info, failure, null);
        }

        public boolean plays() {
            return info != null;
        }
    }

    /**
     * Opens {@code url} (which must pass the address policy), reads a few packets and reports codec, size and
     * frame rate: the wizard's check that a stream really plays before a camera is saved.
     */
    public Described describe(URI url, String user, char[] password) throws AddressNotAllowedException {
        try {
            policy.require(InetAddress.getByName(url.getHost()));
        } catch (UnknownHostException e) {
            return new Described(null, Failure.UNREACHABLE);
        }
        return read(url, user, password);
    }

    /** Opens the stream and reads a few packets; false on any failure within the timeout. */
    boolean plays(URI url, String user, char[] password) {
        return read(url, user, password).plays();
    }

    /**
     * Through {@link MediaInput}, like every other camera connection: the address policy after DNS resolution,
     * the protocol whitelist, and the relay that refuses RTSP redirects (FFmpeg would follow them to any host and
     * send the credentials there).
     */
    private Described read(URI url, String user, char[] password) {
        InputOptions options = InputOptions.live(RtspTransport.TCP, timeout, timeout)
                .withProbe(500_000, Duration.ofSeconds(1)).withAddresses(policy);
        String shown = org.doorstep.common.Redact.displayUrl(url.toString());
        AVPacket p = av_packet_alloc();
        try (MediaInput in = MediaInput.open(withCredentials(url, user, password), options, () -> false)) {
            int video = in.firstStream(AVMEDIA_TYPE_VIDEO);
            if (video < 0) {
                return new Described(null, Failure.NO_VIDEO);
            }
            AVCodecParameters par = in.context().streams(video).codecpar();
            if (par.width() <= 0) {
                return new Described(null, Failure.NO_VIDEO);
            }
            int got = 0;
            for (int i = 0; i < PACKETS * 4 && got < PACKETS; i++) {
                if (in.read(p) < 0) {
                    break;
                }
                if (p.stream_index() == video && p.size() > 0) {
                    got++;
                }
                av_packet_unref(p);
            }
            log.debug("{}: {} packets", shown, got);
            if (got < PACKETS) {
                return new Described(null, Failure.NO_VIDEO);
            }
            AVRational r = in.context().streams(video).avg_frame_rate();
            double fps = r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
            String codec = avcodec_get_name(par.codec_id()).getString();
            return new Described(new StreamInfo(codec == null ? "?" : codec.toUpperCase(java.util.Locale.ROOT),
                    par.width(), par.height(), fps), null);
        } catch (MediaInputException e) {
            log.debug("{} does not play ({})", shown, e.kind());
            return switch (e.kind()) {
                case AUTH_FAILED -> new Described(null, Failure.WRONG_PASSWORD);
                case REFUSED -> new Described(null, Failure.REFUSED, e.getMessage());
                default -> new Described(null, Failure.UNREACHABLE);
            };
        } finally {
            av_packet_free(p);
        }
    }
}
