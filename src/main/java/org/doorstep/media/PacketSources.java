package org.doorstep.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.doorstep.common.Redact;
import org.doorstep.media.rtsp.RtspException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a camera's packets with the reader that suits the stream. */
final class PacketSources {
    private static final Logger LOG = LoggerFactory.getLogger(PacketSources.class);

    /**
     * {@code -Ddoorstep.rtspReader=ffmpeg} reads every camera with FFmpeg's reader, as before Doorstep had its own: a
     * way out should a camera speak RTSP in a way only FFmpeg understands.
     */
    static final String READER_PROPERTY = "doorstep.rtspReader";

    /**
     * A quarter second: four pictures a read at 15 fps; 60–250 KB at 2–8 Mbit/s wait in the socket meanwhile, for
     * which the operating system's receive-window tuning makes room.
     */
    private static final Duration GATHER = Duration.ofMillis(250);

    private PacketSources() {
    }

    /**
     * What the packets are for: the recorder keeps audio and needs decoding times, decoders need neither; the
     * recorder and motion may be a quarter second behind the camera, the live view may not.
     */
    enum Use {
        RECORDING(GATHER, "recording"), ANALYSIS(GATHER, "motion"), VIEWING(Duration.ZERO, "live");

        /** How long reads of the camera's socket may wait to take several pictures at once (RtspClient.gatherReads). */
        final Duration gathering;
        /** For the log. */
        final String label;

        Use(Duration gathering, String label) {
            this.gathering = gathering;
            this.label = label;
        }
    }

    /**
     * Opens {@code url}: plain RTSP over TCP with the own reader (FFmpeg's when the own one leaves the stream to it:
     * see {@link RtspTcpInput}), anything else with FFmpeg's.
     */
    static PacketSource open(String url, InputOptions options, BooleanSupplier stop, Use use)
            throws MediaInputException {
        URI uri = ownReaderTakes(url, options.transport());
        if (uri != null) {
            try {
                return RtspTcpInput.open(uri, options, Redact.displayUrl(url), stop, use);
            } catch (MediaInputException e) {
                if (!(e.getCause() instanceof RtspException r && r.kind() == RtspException.Kind.UNSUPPORTED)) {
                    throw e;
                }
                LOG.info("{}; FFmpeg reads it", e.getMessage());
            }
        }
        return MediaInput.open(url, options, stop);
    }

    /** The URL when the own reader takes it: rtsp:// over TCP, unless {@link #READER_PROPERTY} says FFmpeg. */
    static URI ownReaderTakes(String url, RtspTransport transport) {
        if (transport != RtspTransport.TCP
                || "ffmpeg".equalsIgnoreCase(System.getProperty(READER_PROPERTY, "").trim())) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return "rtsp".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null; // FFmpeg's path says what is wrong with it
        }
    }
}
