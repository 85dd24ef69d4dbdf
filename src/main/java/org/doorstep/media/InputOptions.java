package org.doorstep.media;

import java.time.Duration;
import java.util.Locale;
import org.doorstep.common.net.AddressCheck;

/**
 * How {@link MediaInput} opens a source. The recorder, the motion decoder and the segment reader all describe their
 * input with this record, so transport, timeouts and the protocols a source may reach are decided in one place.
 *
 * @param transport         RTSP lower transport; ignored by other sources
 * @param connectTimeout    longest wait until the streams are known (connect, RTSP handshake, probing); null: none
 * @param stallTimeout      longest wait for one packet, also the socket timeout; null: none
 * @param protocolWhitelist FFmpeg protocols the source may open, comma-separated; null: derived from the URL
 *                          ({@link #protocolsFor}); "" allows none (custom I/O needs none)
 * @param fflags            demuxer flags such as "+genpts"; null: FFmpeg's defaults
 * @param probeSize         bytes read to learn the streams; 0: FFmpeg's default
 * @param analyzeDuration   stream time read to learn the streams; null: FFmpeg's default
 * @param addresses         which addresses a camera URL may reach (checked after DNS resolution, before any
 *                          connection); null: the local network only ({@link AddressCheck#LAN_ONLY})
 */
public record InputOptions(RtspTransport transport, Duration connectTimeout, Duration stallTimeout,
                           String protocolWhitelist, String fflags, long probeSize, Duration analyzeDuration,
                           AddressCheck addresses) {

    /**
     * genpts: the first keyframe after an RTSP connect may come without pts; FFmpeg's CLI keeps it with a generated
     * one, and dropping it loses seconds per reconnect. discardcorrupt: a damaged packet is worth less than a gap.
     */
    static final String LIVE_FFLAGS = "+genpts+discardcorrupt";

    /**
     * A recording read through custom I/O: nothing network-bound can hang, and a recording must not make FFmpeg open
     * any other file or URL (an MP4 may name external data references).
     */
    public static final InputOptions RECORDING = new InputOptions(RtspTransport.TCP, null, null, "", null, 0, null);

    public InputOptions(RtspTransport transport, Duration connectTimeout, Duration stallTimeout,
                        String protocolWhitelist, String fflags, long probeSize, Duration analyzeDuration) {
        this(transport, connectTimeout, stallTimeout, protocolWhitelist, fflags, probeSize, analyzeDuration, null);
    }

    public InputOptions {
        addresses = addresses == null ? AddressCheck.LAN_ONLY : addresses;
        if (transport == null) {
            throw new IllegalArgumentException("transport is required");
        }
        if (probeSize < 0) {
            throw new IllegalArgumentException("probeSize must not be negative");
        }
    }

    /** A camera stream or a media file, with the flags live cameras need. */
    public static InputOptions live(RtspTransport transport, Duration connectTimeout, Duration stallTimeout) {
        return new InputOptions(transport, connectTimeout, stallTimeout, null, LIVE_FFLAGS, 0, null);
    }

    public InputOptions withTransport(RtspTransport t) {
        return new InputOptions(t, connectTimeout, stallTimeout, protocolWhitelist, fflags, probeSize, analyzeDuration,
                addresses);
    }

    public InputOptions withProtocolWhitelist(String protocols) {
        return new InputOptions(transport, connectTimeout, stallTimeout, protocols, fflags, probeSize, analyzeDuration,
                addresses);
    }

    /** The same options reaching the addresses {@code check} allows (a camera explicitly allowed off the LAN). */
    public InputOptions withAddresses(AddressCheck check) {
        return new InputOptions(transport, connectTimeout, stallTimeout, protocolWhitelist, fflags, probeSize,
                analyzeDuration, check);
    }

    /** Limits probing: less start-up delay per (re)connect, at the risk of missing a late-announced stream. */
    public InputOptions withProbe(long bytes, Duration duration) {
        return new InputOptions(transport, connectTimeout, stallTimeout, protocolWhitelist, fflags, bytes, duration,
                addresses);
    }

    /**
     * The protocols a camera URL or file path needs, and no more: a camera (or a crafted SDP/playlist) must not
     * make FFmpeg read local files or reach other hosts over other protocols.
     */
    public static String protocolsFor(String url) {
        String scheme = schemeOf(url);
        if (scheme == null || scheme.equals("file")) {
            return "file";
        }
        return switch (scheme) {
            case "rtsp" -> "rtsp,rtp,tcp,udp";
            case "rtsps" -> "rtsp,rtp,tcp,udp,tls";
            case "http" -> "http,tcp";
            case "https" -> "https,tls,tcp";
            // not a camera protocol Doorstep speaks: MediaInput refuses such URLs before FFmpeg sees them
            default -> "";
        };
    }

    /** The URL's scheme in lower case, or null for a plain file path. */
    static String schemeOf(String url) {
        int colon = url.indexOf("://");
        if (colon <= 0) {
            return null;
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        // a path may contain "://" after a directory name; only a real scheme makes it a URL
        return scheme.matches("[a-z][a-z0-9+.-]*") ? scheme : null;
    }
}
