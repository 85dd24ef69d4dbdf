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
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
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
    public enum Failure { WRONG_PASSWORD, UNREACHABLE, NO_VIDEO }

    /** Either the stream's description or why it did not play. */
    public record Described(StreamInfo info, Failure failure) {
        public boolean plays() {
            return info != null;
        }
    }

    /** FFmpeg's AVERROR_HTTP_UNAUTHORIZED (the RTSP server answered 401), as it appears in JavaCV's messages. */
    private static final String UNAUTHORIZED = String.valueOf(-(0xF8 | '4' << 8 | '0' << 16 | '1' << 24));

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

    private Described read(URI url, String user, char[] password) {
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(withCredentials(url, user, password));
        long micros = timeout.toNanos() / 1000;
        g.setOption("rtsp_transport", "tcp");
        g.setOption("timeout", String.valueOf(micros)); // FFmpeg 8: socket I/O timeout in µs
        g.setOption("analyzeduration", "1000000");
        g.setOption("probesize", "500000");
        try {
            g.startUnsafe(); // start() takes a global lock; a hanging camera must not block other streams
            if (g.getImageWidth() <= 0) {
                return new Described(null, Failure.NO_VIDEO);
            }
            int got = 0;
            for (int i = 0; i < PACKETS * 4 && got < PACKETS; i++) {
                AVPacket p = g.grabPacket();
                if (p == null) {
                    break;
                }
                if (p.size() > 0) {
                    got++;
                }
                avcodec.av_packet_unref(p);
            }
            log.debug("{}: {} packets", org.doorstep.common.Redact.displayUrl(url.toString()), got);
            if (got < PACKETS) {
                return new Described(null, Failure.NO_VIDEO);
            }
            String codec = g.getVideoCodecName();
            return new Described(new StreamInfo(codec == null ? "?" : codec.toUpperCase(java.util.Locale.ROOT),
                    g.getImageWidth(), g.getImageHeight(), g.getFrameRate()), null);
        } catch (Exception e) {
            // JavaCV's message holds the URL with the password: only the kind of failure is logged
            boolean unauthorized = e.getMessage() != null && e.getMessage().contains(UNAUTHORIZED);
            log.debug("{} does not play ({})", org.doorstep.common.Redact.displayUrl(url.toString()), unauthorized ? "401" : e.getClass().getSimpleName());
            return new Described(null, unauthorized ? Failure.WRONG_PASSWORD : Failure.UNREACHABLE);
        } finally {
            try {
                g.close();
            } catch (Exception ignored) {
                // closing a failed grabber
            }
        }
    }
}
