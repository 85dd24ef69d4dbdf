package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.doorstep.privacy.Redact;

/**
 * One opened camera stream, read packet by packet through FFmpeg's low-level API.
 *
 * <p>Why low-level rather than JavaCV's grabber: JavaCV's start()/release() take a global lock (one camera stuck in
 * connect delays every other camera), and its packet loop allocates. Here each input has an AVIOInterruptCB whose
 * deadline is re-armed before every blocking call: connect may take {@code connectTimeout}, a read that delivers
 * nothing for {@code stallTimeout} is interrupted (the watchdog), and {@link #interrupt()} ends any wait at once.
 * The socket-level {@code timeout} option (µs; FFmpeg 8 dropped {@code stimeout}) backs this up.
 */
public final class StreamInput implements AutoCloseable {
    private static final Map<Long, StreamInput> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    /** One native thunk for all inputs: JavaCPP callbacks are costly to create, and there are few of them. */
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            StreamInput in = BY_OPAQUE.get(opaque.address());
            return in == null || in.shouldInterrupt() ? 1 : 0;
        }
    };

    private final AVFormatContext ctx;
    private final LongPointer opaque;
    private final BooleanSupplier stopRequested;
    private final long stallNanos;
    private volatile long deadline;
    private volatile boolean interrupted;
    private int videoIndex = -1;
    private int audioIndex = -1;

    private StreamInput(AVFormatContext ctx, LongPointer opaque, BooleanSupplier stop, Duration stall) {
        this.ctx = ctx;
        this.opaque = opaque;
        this.stopRequested = stop;
        this.stallNanos = stall.toNanos();
    }

    private boolean shouldInterrupt() {
        return interrupted || stopRequested.getAsBoolean() || System.nanoTime() - deadline > 0;
    }

    /**
     * Opens a stream.
     *
     * @param url          the URL, credentials included (kept in memory only; messages show it without them)
     * @param rtspTransport "tcp" or "udp" (RTSP only)
     */
    public static StreamInput open(URI url, String rtspTransport, Duration connectTimeout, Duration stallTimeout,
                                   BooleanSupplier stop) throws IngestException {
        AVFormatContext ctx = avformat_alloc_context();
        LongPointer opaque = new LongPointer(1);
        opaque.put(IDS.incrementAndGet());
        StreamInput in = new StreamInput(ctx, opaque, stop, stallTimeout);
        BY_OPAQUE.put(opaque.address(), in);
        ctx.interrupt_callback().callback(INTERRUPT);
        ctx.interrupt_callback().opaque(opaque);
        AVDictionary opts = new AVDictionary(null);
        boolean rtsp = "rtsp".equalsIgnoreCase(url.getScheme()) || "rtsps".equalsIgnoreCase(url.getScheme());
        if (rtsp) {
            av_dict_set(opts, "rtsp_transport", "udp".equalsIgnoreCase(rtspTransport) ? "udp" : "tcp", 0);
            av_dict_set(opts, "timeout", Long.toString(stallTimeout.toNanos() / 1000), 0);
        } else if (!"file".equalsIgnoreCase(url.getScheme()) && url.getScheme() != null) {
            av_dict_set(opts, "rw_timeout", Long.toString(stallTimeout.toNanos() / 1000), 0);
        }
        // genpts: the first keyframe after a connect may come without pts; keep it with a generated one.
        av_dict_set(opts, "fflags", "+genpts+discardcorrupt", 0);
        av_dict_set(opts, "probesize", "2000000", 0);
        av_dict_set(opts, "analyzeduration", "1000000", 0);
        String target = url.getScheme() == null || "file".equalsIgnoreCase(url.getScheme())
                ? (url.getScheme() == null ? url.toString() : java.nio.file.Path.of(url).toString()) : url.toString();
        in.deadline = System.nanoTime() + connectTimeout.toNanos();
        try {
            int ret = avformat_open_input(ctx, target, null, opts);
            if (ret < 0) {
                // avformat_open_input frees the context on failure
                BY_OPAQUE.remove(opaque.address());
                opaque.close();
                throw in.failure(ret, true, url);
            }
            ret = avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
            if (ret < 0) {
                IngestException e = in.failure(ret, true, url);
                in.close();
                throw e;
            }
        } finally {
            av_dict_free(opts);
        }
        for (int i = 0; i < ctx.nb_streams(); i++) {
            int type = ctx.streams(i).codecpar().codec_type();
            if (type == AVMEDIA_TYPE_VIDEO && in.videoIndex < 0) {
                in.videoIndex = i;
            } else if (type == AVMEDIA_TYPE_AUDIO && in.audioIndex < 0) {
                in.audioIndex = i;
            }
        }
        if (in.videoIndex < 0) {
            in.close();
            throw new IngestException(IngestException.Reason.STREAM_ENDED, 0,
                    "no video in " + Redact.withoutCredentials(url));
        }
        return in;
    }

    private IngestException failure(int ret, boolean connecting, URI url) {
        IngestException.Reason reason;
        if (stopRequested.getAsBoolean()) {
            reason = IngestException.Reason.STOPPED;
        } else if (ret == AVERROR_HTTP_UNAUTHORIZED || ret == AVERROR_HTTP_FORBIDDEN) {
            reason = IngestException.Reason.AUTH_FAILED;
        } else if (connecting) {
            reason = IngestException.Reason.UNREACHABLE;
        } else if (ret == AVERROR_EXIT) {
            reason = IngestException.Reason.UNREACHABLE; // stalled: the watchdog cut the read
        } else {
            reason = IngestException.Reason.STREAM_ENDED;
        }
        String what = ret == AVERROR_EXIT ? "no data for too long" : errorText(ret);
        return new IngestException(reason, ret, Redact.withoutCredentials(url) + ": " + what);
    }

    public static String errorText(int err) {
        byte[] buf = new byte[256];
        av_strerror(err, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + err + ")";
    }

    /**
     * Reads the next packet into {@code pkt} (which the caller must unref when done). Returns normally with a packet,
     * or throws when the stream ended, stalled or failed.
     */
    public void read(AVPacket pkt, URI urlForMessages) throws IngestException {
        deadline = System.nanoTime() + stallNanos;
        int ret = av_read_frame(ctx, pkt);
        if (ret < 0) {
            av_packet_unref(pkt);
            throw failure(ret == AVERROR_EOF ? AVERROR_EOF : ret, false, urlForMessages);
        }
    }

    public AVStream video() {
        return ctx.streams(videoIndex);
    }

    /** The first audio stream, or null. */
    public AVStream audio() {
        return audioIndex < 0 ? null : ctx.streams(audioIndex);
    }

    public int videoIndex() {
        return videoIndex;
    }

    public int audioIndex() {
        return audioIndex;
    }

    /** The camera's wall clock at stream start in µs since the epoch (RTCP sender reports), or null if unknown. */
    public Long cameraStartMicros() {
        long t = ctx.start_time_realtime();
        return t == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE || t <= 0 ? null : t;
    }

    /** Ends any blocking call of this input at once (from any thread). */
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void close() {
        BY_OPAQUE.remove(opaque.address());
        avformat_close_input(ctx);
        opaque.close();
    }
}
