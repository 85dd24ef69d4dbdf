package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.net.AddressCheck;

/**
 * One opened camera stream for the recorder, read packet by packet: by Doorstep's own reader for plain RTSP over TCP,
 * else through FFmpeg's low-level API ({@link PacketSources} chooses).
 *
 * <p>Why low-level rather than JavaCV's grabber: JavaCV's start()/release() take a global lock (one camera stuck in
 * connect delays every other camera), and its packet loop allocates. Opening, timeouts and the interrupt flag are the
 * {@link PacketSource}'s; this class adds the recorder's view: the first video and audio stream, the camera's clock,
 * and failures as {@link IngestException} gap reasons.
 */
public final class StreamInput implements AutoCloseable {
    /** Probing less than FFmpeg's default: every reconnect waits for it before recording resumes. */
    private static final long PROBE_BYTES = 2_000_000;
    private static final Duration PROBE_DURATION = Duration.ofSeconds(1);

    /** FFmpeg's demuxer (behind the relay) or Doorstep's own RTSP/TCP reader. */
    private final PacketSource input;
    private final int videoIndex;
    private final int audioIndex;

    private StreamInput(PacketSource input, int videoIndex, int audioIndex) {
        this.input = input;
        this.videoIndex = videoIndex;
        this.audioIndex = audioIndex;
    }

    /**
     * Opens a stream.
     *
     * @param url           the URL, credentials included (kept in memory only; messages show it without them)
     * @param rtspTransport the camera's setting, "tcp" or "udp" (RTSP only)
     * @param connectTimeout longest wait until the streams are known
     * @param stallTimeout  longest wait for one packet
     * @param stop          polled while waiting; true ends the wait
     */
    public static StreamInput open(URI url, String rtspTransport, Duration connectTimeout, Duration stallTimeout,
                                   BooleanSupplier stop) throws IngestException {
        return open(url, rtspTransport, connectTimeout, stallTimeout, stop, AddressCheck.LAN_ONLY);
    }

    /**
     * As {@link #open(URI, String, Duration, Duration, BooleanSupplier)}, reaching the addresses {@code addresses}
     * allows. Only rtsp and rtsps are opened: a camera row from an older version may hold any scheme (an ONVIF
     * camera once could answer {@code file:///etc/passwd}), and the recorder must neither read local files nor die.
     */
    public static StreamInput open(URI url, String rtspTransport, Duration connectTimeout, Duration stallTimeout,
                                   BooleanSupplier stop, AddressCheck addresses) throws IngestException {
        if (!isStreamScheme(url)) {
            throw new IngestException(IngestException.Reason.NOT_ALLOWED, 0, Messages.of("net")
                    .get("net.refused.scheme", Redact.displayUrl(url.toString())));
        }
        InputOptions options = InputOptions.live(RtspTransport.fromSetting(rtspTransport), connectTimeout,
                stallTimeout).withProbe(PROBE_BYTES, PROBE_DURATION).withAddresses(addresses);
        PacketSource input;
        try {
            input = PacketSources.open(url.toString(), options, stop, PacketSources.Use.RECORDING);
        } catch (MediaInputException e) {
            throw ingestFailure(e);
        }
        int video = MediaInput.firstStream(input.context(), AVMEDIA_TYPE_VIDEO);
        if (video < 0) {
            input.close();
            throw new IngestException(IngestException.Reason.STREAM_ENDED, 0,
                    input.displayName() + " sends no video.");
        }
        return new StreamInput(input, video, MediaInput.firstStream(input.context(), AVMEDIA_TYPE_AUDIO));
    }

    /** rtsp or rtsps: the only schemes a camera stream is recorded from. */
    public static boolean isStreamScheme(URI url) {
        String s = url == null ? null : url.getScheme();
        return "rtsp".equalsIgnoreCase(s) || "rtsps".equalsIgnoreCase(s);
    }

    private static IngestException ingestFailure(MediaInputException e) {
        IngestException.Reason reason = switch (e.kind()) {
            case STOPPED -> IngestException.Reason.STOPPED;
            case AUTH_FAILED -> IngestException.Reason.AUTH_FAILED;
            case OPEN_FAILED, STALLED -> IngestException.Reason.UNREACHABLE;
            case READ_FAILED -> IngestException.Reason.STREAM_ENDED;
            case REFUSED -> IngestException.Reason.NOT_ALLOWED;
        };
        return new IngestException(reason, e.ffmpegError(), e.getMessage());
    }

    /** FFmpeg's text for an error code, with the code (for logs and storage errors). */
    public static String errorText(int err) {
        return FfmpegErrors.text(err) + " (" + err + ")";
    }

    /**
     * Reads the next packet into {@code pkt} (which the caller must unref when done). Returns normally with a packet,
     * or throws when the stream ended, stalled or failed.
     */
    public void read(AVPacket pkt) throws IngestException {
        int ret = input.read(pkt);
        if (ret < 0) {
            av_packet_unref(pkt);
            throw ingestFailure(input.readFailure(ret));
        }
    }

    /**
     * As {@link #read(AVPacket)}; messages name the URL given to {@link #open}, so {@code urlForMessages} is not
     * needed any more.
     */
    public void read(AVPacket pkt, URI urlForMessages) throws IngestException {
        read(pkt);
    }

    public AVStream video() {
        return input.context().streams(videoIndex);
    }

    /** The first audio stream, or null. */
    public AVStream audio() {
        return audioIndex < 0 ? null : input.context().streams(audioIndex);
    }

    public int videoIndex() {
        return videoIndex;
    }

    public int audioIndex() {
        return audioIndex;
    }

    /** The camera's wall clock at stream start in µs since the epoch (RTCP sender reports), or null if unknown. */
    public Long cameraStartMicros() {
        long t = input.context().start_time_realtime();
        return t == AV_NOPTS_VALUE || t <= 0 ? null : t;
    }

    /** Ends any blocking call of this input at once (from any thread). */
    public void interrupt() {
        input.interrupt();
    }

    /** Whether Doorstep's own RTSP reader reads this stream (else FFmpeg's). */
    public boolean ownReader() {
        return input instanceof RtspTcpInput;
    }

    @Override
    public void close() {
        input.close();
    }
}
