package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.common.net.AddressRefusedException;
import org.doorstep.common.net.PinnedHost;
import org.doorstep.media.MediaInputException.Kind;

/**
 * An opened FFmpeg input: a camera URL, a media file, or a {@link SeekableSource} through custom I/O. The one place
 * that sets transport, timeouts, the interrupt callback and the protocol whitelist, and that turns FFmpeg's error
 * codes into sentences; {@link StreamInput}, {@link GreyFrameDecoder} and {@link SegmentDemuxer} build on it.
 *
 * <p>Waiting is bounded twice over: FFmpeg's socket timeout, and the {@link InterruptFlag}, armed only while FFmpeg
 * works for us (open + probe within the connect timeout, each read within the stall timeout), so a camera hanging
 * in connect ties up only its own thread. Not thread-safe, except {@link #interrupt()}.
 */
public final class MediaInput implements PacketSource {

    private static final java.util.regex.Pattern PROTOCOL_PREFIX =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    private AVFormatContext ctx;
    private final InterruptFlag flag;
    private final SourceAvio avio;
    private final InputOptions options;
    private final String displayName;
    /** The relay a camera stream runs through; null for files and custom I/O. */
    private RtspRelay relay;
    private boolean closed;

    private MediaInput(AVFormatContext ctx, InterruptFlag flag, SourceAvio avio, InputOptions options,
                       String displayName) {
        this.ctx = ctx;
        this.flag = flag;
        this.avio = avio;
        this.options = options;
        this.displayName = displayName;
    }

    /**
     * Opens a URL or file path and learns its streams.
     *
     * @param url  credentials included (kept in native memory only; messages show the URL without them)
     * @param stop polled while FFmpeg waits; true ends the wait (about twice a second)
     */
    public static MediaInput open(String url, InputOptions options, BooleanSupplier stop) throws MediaInputException {
        String display = Redact.displayUrl(url);
        String scheme = InputOptions.schemeOf(url);
        if (scheme == null && !PROTOCOL_PREFIX.matcher(url).lookingAt()) {
            return open(url, null, display, options, stop); // a local file (tests, the machine check's clip)
        }
        if (scheme == null) {
            // concat:, subfile:, data:... FFmpeg protocols without "//" (a Windows drive letter has one letter)
            throw refused(Messages.of("net").get("net.refused.scheme", display));
        }
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw refused(Messages.of("net").get("net.refused.scheme", display));
        }
        return openRelayed(url, scheme.equals("rtsps"), display, options, stop);
    }

    /**
     * A camera stream: its host resolved once and checked against the address policy (every address it resolves
     * to), then FFmpeg connects only through an {@link RtspRelay} to that checked address, so neither a second DNS
     * answer nor an RTSP redirect can take it (and the camera's credentials) anywhere else.
     */
    private static MediaInput openRelayed(String url, boolean tls, String display, InputOptions options,
                                          BooleanSupplier stop) throws MediaInputException {
        Messages m = Messages.of("net");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new MediaInputException(Kind.OPEN_FAILED, 0, "Could not open " + display
                    + ": not a valid address.", null);
        }
        PinnedHost pinned = pin(uri, options.addresses(), display);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 322 : 554;
        RtspRelay relay;
        try {
            relay = RtspRelay.start(new InetSocketAddress(pinned.address(), port), tls, options.connectTimeout(),
                    pinned.address().getHostAddress());
        } catch (IOException e) {
            throw new MediaInputException(Kind.OPEN_FAILED, 0, "Could not open " + display + ": " + e.getMessage()
                    + ".", e);
        }
        String relayed = "rtsp://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + "127.0.0.1:" + relay.port() + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        // rtsps: TLS is the relay's; FFmpeg speaks plain RTSP on loopback, interleaved (TCP) as TLS requires
        InputOptions relayedOptions = (tls ? options.withTransport(RtspTransport.TCP) : options)
                .withProtocolWhitelist(InputOptions.protocolsFor("rtsp://x"));
        try {
            MediaInput in = open(relayed, null, display, relayedOptions, stop);
            in.relay = relay;
            return in;
        } catch (MediaInputException e) {
            relay.close();
            if (relay.redirectedTo() != null) {
                throw refused(m.get("net.refused.redirect", display, relay.redirectedTo()));
            }
            throw e;
        }
    }

    /**
     * The camera's host resolved once and checked against the address policy (every address it resolves to): the
     * only address a camera connection may then go to.
     */
    static PinnedHost pin(URI uri, AddressCheck addresses, String display) throws MediaInputException {
        Messages m = Messages.of("net");
        try {
            return PinnedHost.resolve(uri, addresses);
        } catch (AddressRefusedException e) {
            throw refused(e.why() == AddressRefusedException.Why.NO_HOST ? m.get("net.refused.noHost", display)
                    : m.get("net.refused.outsideLan", display));
        } catch (UnknownHostException e) {
            throw new MediaInputException(Kind.OPEN_FAILED, 0, "Could not open " + display + ": the name "
                    + uri.getHost() + " is not known on this network.", null);
        }
    }

    private static MediaInputException refused(String sentence) {
        return new MediaInputException(Kind.REFUSED, 0, sentence, null);
    }

    /** Opens bytes from {@code source} (custom I/O); {@code displayName} names it in messages. */
    public static MediaInput open(SeekableSource source, String displayName, InputOptions options)
            throws MediaInputException {
        return open(null, new SourceAvio(source), displayName, options, () -> false);
    }

    private static MediaInput open(String url, SourceAvio avio, String displayName, InputOptions options,
                                   BooleanSupplier stop) throws MediaInputException {
        FfmpegNatives.load(); // FFmpeg's own messages go to the log file before it says anything
        AVFormatContext ctx = avformat_alloc_context();
        InterruptFlag flag = new InterruptFlag(stop);
        flag.installOn(ctx);
        if (avio != null) {
            ctx.pb(avio.context());
        }
        MediaInput in = new MediaInput(ctx, flag, avio, options, displayName);
        AVDictionary dict = new AVDictionary(null);
        ffmpegOptions(url, options).forEach((k, v) -> av_dict_set(dict, k, v, 0));
        flag.arm(options.connectTimeout()); // one budget for connect and probe: "until the streams are known"
        try {
            int r = avformat_open_input(ctx, url, null, dict);
            if (r < 0) {
                in.ctx = null; // FFmpeg freed it
                MediaInputException e = in.openFailure(r, false);
                in.close();
                throw e;
            }
            r = avformat_find_stream_info(ctx, (PointerPointer<?>) null);
            if (r < 0) {
                MediaInputException e = in.openFailure(r, true);
                in.close();
                throw e;
            }
        } finally {
            av_dict_free(dict);
            flag.disarm();
        }
        return in;
    }

    /**
     * The FFmpeg options for {@code url} (null: custom I/O). Socket timeouts are in µs; RTSP calls its
     * {@code timeout} (FFmpeg 8 dropped {@code stimeout}), other network protocols use the generic {@code rw_timeout}.
     */
    static Map<String, String> ffmpegOptions(String url, InputOptions o) {
        Map<String, String> opts = new LinkedHashMap<>();
        String scheme = url == null ? null : InputOptions.schemeOf(url);
        String whitelist = o.protocolWhitelist() != null ? o.protocolWhitelist()
                : url == null ? "" : InputOptions.protocolsFor(url);
        opts.put("protocol_whitelist", whitelist);
        boolean rtsp = "rtsp".equals(scheme) || "rtsps".equals(scheme);
        if (rtsp) {
            opts.put("rtsp_transport", o.transport().ffmpegName());
        }
        if (o.stallTimeout() != null && scheme != null && !scheme.equals("file")) {
            opts.put(rtsp ? "timeout" : "rw_timeout", Long.toString(micros(o.stallTimeout())));
        }
        if (o.fflags() != null) {
            opts.put("fflags", o.fflags());
        }
        if (o.probeSize() > 0) {
            opts.put("probesize", Long.toString(o.probeSize()));
        }
        if (o.analyzeDuration() != null) {
            opts.put("analyzeduration", Long.toString(micros(o.analyzeDuration())));
        }
        return opts;
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    /**
     * Reads the next packet into {@code pkt}, which the caller must unref; returns FFmpeg's result (negative: end or
     * failure, see {@link #readFailure}). Only this call runs against the stall timeout.
     */
    public int read(AVPacket pkt) {
        flag.arm(options.stallTimeout());
        try {
            return av_read_frame(ctx, pkt);
        } finally {
            flag.disarm();
        }
    }

    /** Why a read that returned {@code code} failed. */
    public MediaInputException readFailure(int code) {
        if (relay != null && relay.redirectedTo() != null) {
            return refused(Messages.of("net").get("net.refused.redirect", displayName, relay.redirectedTo()));
        }
        if (flag.stopped()) {
            return failure(Kind.STOPPED, code, "Stopped reading " + displayName + ".");
        }
        if (isAuth(code)) {
            return failure(Kind.AUTH_FAILED, code, displayName + " refused the user name or password.");
        }
        if (code == AVERROR_EXIT) {
            return failure(Kind.STALLED, code, "No data from " + displayName + " for " + seconds(options.stallTimeout())
                    + ".");
        }
        return failure(Kind.READ_FAILED, code, "Lost the stream from " + displayName + ": " + reason(code) + ".");
    }

    private MediaInputException openFailure(int code, boolean probing) {
        if (flag.stopped()) {
            return failure(Kind.STOPPED, code, "Stopped while opening " + displayName + ".");
        }
        if (isAuth(code)) {
            return failure(Kind.AUTH_FAILED, code, "Could not open " + displayName
                    + ": the user name or password was refused.");
        }
        if (code == AVERROR_EXIT) {
            return failure(Kind.OPEN_FAILED, code, "Could not open " + displayName + ": no answer within "
                    + seconds(options.connectTimeout()) + ".");
        }
        return failure(Kind.OPEN_FAILED, code, (probing ? "Could not read stream information from " : "Could not open ")
                + displayName + ": " + reason(code) + ".");
    }

    private MediaInputException failure(Kind kind, int code, String sentence) {
        return new MediaInputException(kind, code, sentence, sourceError());
    }

    private static boolean isAuth(int code) {
        return code == AVERROR_HTTP_UNAUTHORIZED || code == AVERROR_HTTP_FORBIDDEN;
    }

    /** The source's own explanation beats FFmpeg's "I/O error". */
    private String reason(int code) {
        IOException e = sourceError();
        return e != null && e.getMessage() != null ? e.getMessage() : FfmpegErrors.text(code);
    }

    private static String seconds(Duration d) {
        return d == null ? "too long" : d.toSeconds() + " s";
    }

    /** What the custom I/O source threw, or null (always null for URLs). */
    public IOException sourceError() {
        return avio == null ? null : avio.error();
    }

    public AVFormatContext context() {
        return ctx;
    }

    /** Index of the first stream of {@code mediaType} (AVMEDIA_TYPE_*), or -1. */
    public int firstStream(int mediaType) {
        return firstStream(ctx, mediaType);
    }

    /** Index of the first stream of {@code mediaType} (AVMEDIA_TYPE_*) in {@code ctx}, or -1. */
    static int firstStream(AVFormatContext ctx, int mediaType) {
        for (int i = 0; i < ctx.nb_streams(); i++) {
            if (ctx.streams(i).codecpar().codec_type() == mediaType) {
                return i;
            }
        }
        return -1;
    }

    /** The URL without credentials, the path, or the source's name. */
    public String displayName() {
        return displayName;
    }

    /** True once {@link #interrupt()} was called or the owner's stop condition holds. */
    public boolean stopped() {
        return flag.stopped();
    }

    /** Ends any blocking call of this input at once, and makes every later one fail; from any thread. */
    public void interrupt() {
        flag.interrupt();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flag.raise(); // closing does not wait on the source: no blocking RTSP TEARDOWN on a dead link
        if (ctx != null) {
            avformat_close_input(ctx);
            ctx = null;
        }
        if (avio != null) {
            avio.close();
        }
        if (relay != null) {
            relay.close();
        }
        flag.close();
    }
}
