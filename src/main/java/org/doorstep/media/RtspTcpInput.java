package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_close;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_parse2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVCodecParserContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.net.PinnedHost;
import org.doorstep.media.MediaInputException.Kind;
import org.doorstep.media.rtsp.AudioDepacketizer;
import org.doorstep.media.rtsp.H264Depacketizer;
import org.doorstep.media.rtsp.RtspClient;
import org.doorstep.media.rtsp.RtspException;
import org.doorstep.media.rtsp.Sdp;
import org.doorstep.media.rtsp.SdpTrack;

/**
 * A camera's H.264 stream over RTSP/TCP read by Doorstep's own reader ({@code media.rtsp}) straight from the checked
 * address, handed out as FFmpeg packets with the streams' parameters in an {@link AVFormatContext}, as FFmpeg's
 * demuxer would: the recorder muxes them the same way. It costs a fraction of FFmpeg's reading behind the relay
 * (RtspReadCostBench).
 *
 * <p>Streams it does not take (H.265 and other codecs, pictures out of order, RTP over UDP only) end the opening
 * with {@link RtspException.Kind#UNSUPPORTED}, and {@link StreamInput} opens them with FFmpeg instead. Pictures out of
 * order (B-frames) need decoding times that RTP does not carry, and FFmpeg works them out: the first
 * {@value #LOOK_AHEAD_UNITS} pictures are read before the opening returns, and any picture earlier than the one
 * before it hands the camera over; one that shows up later ends the connection, and the next opening sees it.
 */
final class RtspTcpInput implements PacketSource {
    static final int VIDEO = 0;
    static final int AUDIO = 1;
    /**
     * Pictures read before the opening returns, to see whether they come in order: B-frames show within a few (a
     * reference picture, then one shown before it).
     */
    static final int LOOK_AHEAD_UNITS = 8;
    /** What {@link #read} answers when it failed (FFmpeg's AVERROR(EIO)); {@link #readFailure} says why. */
    private static final int READ_FAILED = -5;
    private static final int VIDEO_CLOCK = 90_000;
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final int RTCP_SENDER_REPORT = 200;
    private static final long RECEIVER_REPORT_NANOS = 5_000_000_000L;
    /** Our synchronisation source in receiver reports: any fixed number does for a receiver that sends no media. */
    private static final int OUR_SSRC = 0x446f6f72;

    /** A picture or audio frame waiting to be handed out. */
    private record Queued(int stream, byte[] data, long pts, boolean key) { }

    /**
     * An RTCP sender report: the camera's wall clock (µs since the epoch) at an RTP time; the middle 32 bits of its NTP
     * time and when it came, for the receiver report's LSR and DLSR.
     */
    record SenderReport(long wallMicros, long rtpTime, long ntpMiddle, long arrivedNanos) { }

    private final RtspClient client;
    private final PacketSources.Use use;
    private final String display;
    private final Duration stallTimeout;
    private final AVFormatContext ctx;
    private final H264Depacketizer video;
    private final AudioDepacketizer audio;
    private final int audioClock;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** The interleaved channels the camera chose for video and audio RTP (RTCP on the next). */
    private int videoChannel;
    private int audioChannel = -2;
    private long videoFirstRtp = -1;
    private long lastVideoRtp;
    private long lastVideoPts = AV_NOPTS_VALUE;
    private boolean reordered;
    private long audioFirstRtp = -1;
    private long lastAudioRtp;
    private long lastAudioPts;
    private SenderReport videoReport;
    private SenderReport audioReport;
    private long nextReceiverReport = System.nanoTime() + RECEIVER_REPORT_NANOS;
    private boolean closed;

    private RtspTcpInput(RtspClient client, String display, Duration stallTimeout, SdpTrack audioTrack,
                         PacketSources.Use use) {
        this.client = client;
        this.use = use;
        this.display = display;
        this.stallTimeout = stallTimeout;
        this.video = new H264Depacketizer(this::onPicture);
        this.audio = audioTrack == null ? null : AudioDepacketizer.forTrack(audioTrack, this::onAudio);
        this.audioClock = audioTrack == null ? 0 : audioTrack.clockRate();
        this.ctx = avformat_alloc_context();
        ctx.start_time_realtime(AV_NOPTS_VALUE);
    }

    /**
     * Opens {@code url} (rtsp://, credentials in it) over TCP at the address the policy allows, and reads the first
     * pictures.
     *
     * @throws MediaInputException as {@link MediaInput#open} would, or {@link Kind#OPEN_FAILED} with an
     *                             {@link RtspException} of kind UNSUPPORTED as cause when FFmpeg should take it
     */
    static RtspTcpInput open(URI url, InputOptions options, String display, BooleanSupplier stop,
                             PacketSources.Use use) throws MediaInputException {
        FfmpegNatives.load();
        PinnedHost pinned = MediaInput.pin(url, options.addresses(), display);
        int port = url.getPort() > 0 ? url.getPort() : 554;
        String user = Redact.userOf(url);
        char[] password = Redact.passwordOf(url);
        String plain = withoutUserInfo(url);
        Duration timeout = options.connectTimeout();
        RtspClient client;
        try {
            client = RtspClient.connect(new InetSocketAddress(pinned.address(), port), plain, display, user,
                    password == null ? "" : new String(password), timeout, stop);
        } catch (RtspException e) {
            throw failure(e, display, true);
        }
        RtspTcpInput in = null;
        try {
            Sdp sdp = client.describe(timeout);
            SdpTrack v = sdp.video();
            if (v == null || !v.encoding().equals("H264")) {
                throw new RtspException(RtspException.Kind.UNSUPPORTED, display + " sends "
                        + (v == null ? "no video" : v.encoding()) + ", which FFmpeg's reader takes.");
            }
            SdpTrack a = use == PacketSources.Use.RECORDING ? sdp.audio() : null;
            if (a != null && AudioDepacketizer.codecOf(a) == null) {
                a = null; // audio the recorder could not keep anyway is not set up
            }
            in = new RtspTcpInput(client, display, options.stallTimeout(), a, use);
            in.videoChannel = client.setup(v, 0, timeout);
            if (in.audio != null) {
                in.audioChannel = client.setup(a, 2, timeout);
            }
            client.play(sdp, timeout);
            in.lookAhead(timeout);
            in.describeStreams(v, a);
            client.gatherReads(use.gathering);
            return in;
        } catch (RtspException | RuntimeException e) {
            if (in != null) {
                in.close();
            } else {
                client.close();
            }
            if (e instanceof RtspException r) {
                throw failure(r, display, true);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Reads until {@value #LOOK_AHEAD_UNITS} pictures are queued for the recorder (to see whether they come in order),
     * two for a decoder (the first for its size, the step between them for the frame rate), or the time to open has
     * passed.
     */
    private void lookAhead(Duration timeout) throws RtspException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int wanted = use == PacketSources.Use.RECORDING ? LOOK_AHEAD_UNITS : 2;
        while (pictures() < wanted && System.nanoTime() - deadline < 0) {
            client.readFrame(this::onFrame, stallTimeout);
            if (reordered && use == PacketSources.Use.RECORDING) {
                throw new RtspException(RtspException.Kind.UNSUPPORTED, display
                        + " sends pictures out of order (B-frames), which FFmpeg's reader takes.");
            }
        }
        if (pictures() == 0) {
            throw new RtspException(RtspException.Kind.TIMED_OUT, "Could not open " + display + ": no picture within "
                    + timeout.toSeconds() + " s.");
        }
    }

    private int pictures() {
        int n = 0;
        for (Queued q : queue) {
            if (q.stream() == VIDEO) {
                n++;
            }
        }
        return n;
    }

    /** The streams' parameters, from the session description and the first pictures. */
    private void describeStreams(SdpTrack v, SdpTrack a) throws RtspException {
        byte[] parameterSets = H264Depacketizer.parameterSetsOf(v.fmtp().get("sprop-parameter-sets"));
        if (parameterSets == null) {
            parameterSets = video.parameterSets();
        }
        if (parameterSets == null) {
            throw new RtspException(RtspException.Kind.UNSUPPORTED, display
                    + " announced no H.264 parameter sets before its first pictures.");
        }
        AVStream vs = avformat_new_stream(ctx, null);
        vs.id(VIDEO);
        vs.time_base(av_make_q(1, VIDEO_CLOCK));
        AVCodecParameters par = vs.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(AV_CODEC_ID_H264);
        setExtradata(par, parameterSets);
        int[] size = pictureSize(parameterSets);
        if (size == null) {
            throw new RtspException(RtspException.Kind.UNSUPPORTED, display
                    + ": the size of its pictures could not be read from the stream.");
        }
        par.width(size[0]);
        par.height(size[1]);
        par.format(size[2]);
        long step = typicalPictureStep();
        if (step > 0) {
            vs.avg_frame_rate(av_make_q(VIDEO_CLOCK, (int) step));
            vs.r_frame_rate(av_make_q(VIDEO_CLOCK, (int) step));
        }
        if (audio != null) {
            AVStream as = avformat_new_stream(ctx, null);
            as.id(AUDIO);
            as.time_base(av_make_q(1, a.clockRate()));
            AVCodecParameters ap = as.codecpar();
            ap.codec_type(AVMEDIA_TYPE_AUDIO);
            ap.sample_rate(a.clockRate());
            av_channel_layout_default(ap.ch_layout(), a.channels());
            switch (audio.codec()) {
                case PCMU, PCMA -> {
                    ap.codec_id(audio.codec() == AudioDepacketizer.Codec.PCMU ? AV_CODEC_ID_PCM_MULAW
                            : AV_CODEC_ID_PCM_ALAW);
                    ap.bits_per_coded_sample(8);
                    ap.block_align(a.channels());
                }
                case AAC -> {
                    ap.codec_id(AV_CODEC_ID_AAC);
                    ap.frame_size(1024);
                    setExtradata(ap, HexFormat.of().parseHex(a.fmtp().get("config")));
                }
                default -> throw new IllegalStateException(audio.codec().name());
            }
        }
    }

    /** The most common step between the first pictures' times, in 90 kHz ticks; 0 when there is none. */
    private long typicalPictureStep() {
        long[] pts = queue.stream().filter(q -> q.stream() == VIDEO).mapToLong(Queued::pts).toArray();
        if (pts.length < 2) {
            return 0;
        }
        long[] steps = new long[pts.length - 1];
        for (int i = 1; i < pts.length; i++) {
            steps[i - 1] = pts[i] - pts[i - 1];
        }
        Arrays.sort(steps);
        long median = steps[steps.length / 2];
        return median > 0 && median < Integer.MAX_VALUE ? median : 0;
    }

    /** {width, height, pixel format} from FFmpeg's H.264 parser over the parameter sets and the first picture. */
    private int[] pictureSize(byte[] parameterSets) {
        Queued first = queue.stream().filter(q -> q.stream() == VIDEO).findFirst().orElse(null);
        if (first == null) {
            return null;
        }
        byte[] data = new byte[parameterSets.length + first.data().length];
        System.arraycopy(parameterSets, 0, data, 0, parameterSets.length);
        System.arraycopy(first.data(), 0, data, parameterSets.length, first.data().length);
        AVCodecParserContext parser = av_parser_init(AV_CODEC_ID_H264);
        AVCodecContext cc = avcodec_alloc_context3(null);
        try (BytePointer in = new BytePointer(data.length + AV_INPUT_BUFFER_PADDING_SIZE);
             PointerPointer<BytePointer> out = new PointerPointer<>(1);
             IntPointer outSize = new IntPointer(1)) {
            in.put(data, 0, data.length);
            parser.flags(parser.flags() | AVCodecParserContext.PARSER_FLAG_COMPLETE_FRAMES);
            av_parser_parse2(parser, cc, out, outSize, in, data.length, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            int w = parser.width();
            int h = parser.height();
            return w > 0 && h > 0 ? new int[] {w, h, parser.format()} : null;
        } finally {
            av_parser_close(parser);
            avcodec_free_context(cc);
        }
    }

    private static void setExtradata(AVCodecParameters par, byte[] bytes) {
        BytePointer e = new BytePointer(av_mallocz(bytes.length + AV_INPUT_BUFFER_PADDING_SIZE))
                .capacity(bytes.length + AV_INPUT_BUFFER_PADDING_SIZE);
        e.put(bytes, 0, bytes.length);
        par.extradata(e);
        par.extradata_size(bytes.length);
    }

    // ------------------------------------------------------------------ reading

    /** Why the last read failed; null before one did. */
    private MediaInputException failure;

    @Override
    public int read(AVPacket pkt) {
        try {
            while (queue.isEmpty()) {
                client.readFrame(this::onFrame, stallTimeout);
                if (reordered && use == PacketSources.Use.RECORDING) {
                    throw new RtspException(RtspException.Kind.UNSUPPORTED, "Lost the stream from " + display
                            + ": it began sending pictures out of order; opening it again.");
                }
            }
        } catch (RtspException e) {
            failure = failure(e, display, false);
            return READ_FAILED;
        }
        Queued q = queue.poll();
        if (av_new_packet(pkt, q.data().length) < 0) {
            throw new OutOfMemoryError("av_new_packet");
        }
        pkt.data().put(q.data(), 0, q.data().length);
        pkt.pts(q.pts());
        // in order, a picture is decoded when it is shown; out of order (a decoder's stream with B-frames) the
        // decoding time is not known, and a decoder does not need it
        pkt.dts(reordered ? AV_NOPTS_VALUE : q.pts());
        pkt.stream_index(q.stream());
        pkt.flags(q.key() ? AV_PKT_FLAG_KEY : 0);
        return 0;
    }

    @Override
    public MediaInputException readFailure(int code) {
        return failure != null ? failure : new MediaInputException(Kind.READ_FAILED, code, "Lost the stream from "
                + display + ".", null);
    }

    @Override
    public String displayName() {
        return display;
    }

    private void onFrame(int channel, byte[] buf, int offset, int length) throws RtspException {
        if (channel == videoChannel) {
            video.packet(buf, offset, length);
            if (System.nanoTime() - nextReceiverReport >= 0) {
                nextReceiverReport = System.nanoTime() + RECEIVER_REPORT_NANOS;
                client.sendInterleaved(videoChannel + 1, receiverReport(OUR_SSRC, video.ssrc(),
                        video.extendedSequence(), videoReport, System.nanoTime()));
            }
        } else if (channel == videoChannel + 1) {
            videoReport = senderReport(buf, offset, length, videoReport);
            noteCameraStart();
        } else if (audio != null && channel == audioChannel) {
            audio.packet(buf, offset, length);
        } else if (audio != null && channel == audioChannel + 1) {
            audioReport = senderReport(buf, offset, length, audioReport);
        }
        // any other channel was not set up: nothing of ours
    }

    private void onPicture(byte[] data, int length, long rtpTime, boolean key) {
        long pts;
        if (videoFirstRtp < 0) {
            videoFirstRtp = rtpTime;
            pts = 0;
        } else {
            pts = lastVideoPts + (int) (rtpTime - lastVideoRtp); // the signed 32-bit step unwraps the RTP clock
        }
        if (lastVideoPts != AV_NOPTS_VALUE && pts < lastVideoPts) {
            reordered = true;
        }
        lastVideoRtp = rtpTime;
        lastVideoPts = pts;
        if (pts == 0) {
            noteCameraStart();
        }
        queue.add(new Queued(VIDEO, Arrays.copyOf(data, length), pts, key));
    }

    private void onAudio(byte[] data, int offset, int length, long rtpTime) {
        if (videoFirstRtp < 0) {
            return; // nothing to keep it in time with yet; the recorder starts with a picture anyway
        }
        long pts;
        if (audioFirstRtp < 0) {
            audioFirstRtp = rtpTime;
            pts = firstAudioPts(rtpTime);
        } else {
            pts = lastAudioPts + (int) (rtpTime - lastAudioRtp);
        }
        lastAudioRtp = rtpTime;
        lastAudioPts = pts;
        queue.add(new Queued(AUDIO, Arrays.copyOfRange(data, offset, offset + length), pts, true));
    }

    /**
     * The first audio frame's time on the video's timeline (in audio ticks): from both tracks' sender reports when the
     * camera sent them, else taken as the time of the latest picture (audio and video arrive together).
     */
    private long firstAudioPts(long rtpTime) {
        if (videoReport != null && audioReport != null) {
            long videoStartWall = wallMicros(videoReport, videoFirstRtp, VIDEO_CLOCK);
            long audioWall = wallMicros(audioReport, rtpTime, audioClock);
            return Math.max(0, (audioWall - videoStartWall) * audioClock / 1_000_000);
        }
        return Math.max(0, lastVideoPts) * audioClock / VIDEO_CLOCK;
    }

    private static long wallMicros(SenderReport r, long rtpTime, int clock) {
        return r.wallMicros() + (int) (rtpTime - r.rtpTime()) * 1_000_000L / clock;
    }

    /**
     * An RTCP receiver report (RFC 3550 6.4.2) with one block for the camera's video: what FFmpeg's reader sends too,
     * and what some cameras take as the sign that someone still watches. Losses and jitter are not counted (over TCP
     * nothing is lost on the way): zero.
     */
    static byte[] receiverReport(int ourSsrc, long sourceSsrc, long extendedSequence, SenderReport last, long now) {
        byte[] r = new byte[32];
        r[0] = (byte) 0x81; // version 2, one report block
        r[1] = (byte) 201;
        r[3] = 7; // length in 32-bit words, minus one
        putU32(r, 4, ourSsrc & 0xffffffffL);
        putU32(r, 8, sourceSsrc);
        putU32(r, 16, Math.max(0, extendedSequence));
        if (last != null) {
            putU32(r, 24, last.ntpMiddle());
            putU32(r, 28, Math.min(0xffffffffL, (now - last.arrivedNanos()) * 65_536 / 1_000_000_000L));
        }
        return r;
    }

    private static void putU32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /** The first sender report of an RTCP compound packet, or {@code previous}. */
    private static SenderReport senderReport(byte[] b, int offset, int length, SenderReport previous) {
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end) {
            int type = b[i + 1] & 0xff;
            int words = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if (type == RTCP_SENDER_REPORT && i + 20 <= end) {
                long seconds = u32(b, i + 8);
                long fraction = u32(b, i + 12);
                long wall = (seconds - NTP_TO_UNIX_SECONDS) * 1_000_000L + (fraction * 1_000_000L >>> 32);
                long middle = ((seconds & 0xffff) << 16) | (fraction >>> 16);
                return new SenderReport(wall, u32(b, i + 16), middle, System.nanoTime());
            }
            i += 4 + 4 * words;
        }
        return previous;
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    // ------------------------------------------------------------------ PacketSource

    @Override
    public AVFormatContext context() {
        return ctx;
    }

    /**
     * The camera's wall clock at the first picture (pts 0), in µs since the epoch, once both a sender report and the
     * first picture have come: kept where FFmpeg's demuxer keeps it (the context's start_time_realtime).
     */
    private void noteCameraStart() {
        if (videoReport != null && videoFirstRtp >= 0 && ctx.start_time_realtime() == AV_NOPTS_VALUE) {
            ctx.start_time_realtime(wallMicros(videoReport, videoFirstRtp, VIDEO_CLOCK));
        }
    }

    @Override
    public void interrupt() {
        client.interrupt();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
        avformat_free_context(ctx);
        queue.clear();
    }

    // ------------------------------------------------------------------ helpers

    /** The URL as requests name it: without the user info. */
    static String withoutUserInfo(URI url) {
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
                : url.getHost();
        return url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host
                + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

    private static MediaInputException failure(RtspException e, String display, boolean opening) {
        Kind kind = switch (e.kind()) {
            case AUTH_FAILED -> Kind.AUTH_FAILED;
            case REDIRECTED -> Kind.REFUSED;
            case STOPPED -> Kind.STOPPED;
            case TIMED_OUT -> opening ? Kind.OPEN_FAILED : Kind.STALLED;
            case FAILED, UNSUPPORTED -> opening ? Kind.OPEN_FAILED : Kind.READ_FAILED;
        };
        String sentence = e.kind() == RtspException.Kind.REDIRECTED
                ? Messages.of("net").get("net.refused.redirect", display, e.redirectedTo()) : e.getMessage();
        return new MediaInputException(kind, 0, sentence, e);
    }
}
