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
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.common.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened camera stream, read packet by packet through FFmpeg's low-level API.
 *
 * <p>Why low-level rather than JavaCV's grabber: JavaCV's start()/release() take a global lock (one camera stuck in
 * connect delays every other camera), and its packet loop allocates. Here each input has an AVIOInterruptCB whose
 * deadline is re-armed before every blocking call: connect may take {@code connectTimeout}, a read that delivers
 * nothing for {@code stallTimeout} is interrupted (a shared watchdog thread checks deadlines twice a second), and
 * {@link #interrupt()} ends any wait at once.
 * The socket-level {@code timeout} option (µs; FFmpeg 8 dropped {@code stimeout}) backs this up.
 */
public final class StreamInput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamInput.class);
    private static final Map<Long, StreamInput> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final long WATCHDOG_PERIOD_NANOS = 500_000_000L;
    /**
     * FFmpeg polls the interrupt callback several times per network read (hundreds of times a second per camera on
     * RTSP/TCP). A Java callback makes each poll a JNI upcall that allocates: that was a third of a recorder thread's
     * CPU. So the callback is native code: libc's strlen on the input's 2-byte flag (0 = go on, 1 = stop) returns
     * exactly the flag. A watchdog thread raises the flag when a deadline passes or a stop is requested; interrupt()
     * raises it at once. If strlen cannot be resolved (or does not behave), the Java callback is used instead.
     */
    private static final AVIOInterruptCB.Callback_Pointer NATIVE_FLAG = nativeFlagCheck();
    private static final AVIOInterruptCB.Callback_Pointer JAVA_CHECK = NATIVE_FLAG != null ? null
            : new AVIOInterruptCB.Callback_Pointer() {
                @Override
                public int call(Pointer opaque) {
                    StreamInput in = BY_OPAQUE.get(opaque.address());
                    return in == null || in.shouldInterrupt() ? 1 : 0;
                }
            };
    private static Thread watchdog;

    /** Native memory the native callback object points to; kept reachable for the life of the class. */
    private static PointerPointer<Pointer> nativeFlagHolder;

    private static AVIOInterruptCB.Callback_Pointer nativeFlagCheck() {
        try {
            Pointer strlen = Loader.addressof("strlen");
            if (strlen == null || strlen.isNull()) {
                return null;
            }
            // A JavaCPP function pointer object points at a small struct whose first field is the C function pointer
            // (the callback setter stores that field); so hand it a one-slot array holding strlen's address.
            PointerPointer<Pointer> holder = new PointerPointer<>(1);
            holder.put(0, strlen);
            AVIOInterruptCB.Callback_Pointer cb = new AVIOInterruptCB.Callback_Pointer(holder);
            // Check, without calling it, that the setter stores exactly strlen (the callback is the struct's 1st field).
            try (AVIOInterruptCB probe = new AVIOInterruptCB()) {
                probe.callback(cb);
                long stored = new PointerPointer<Pointer>(probe).get(0).address();
                probe.callback(null);
                if (stored != strlen.address()) {
                    holder.close();
                    return null;
                }
            }
            nativeFlagHolder = holder;
            return cb;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("native interrupt flag unavailable: {}", e.toString());
        }
        return null;
    }

    /** Raises the flag of every input whose deadline passed or whose owner asked to stop. */
    private static synchronized void ensureWatchdog() {
        if (NATIVE_FLAG == null || watchdog != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (true) {
                LockSupport.parkNanos(WATCHDOG_PERIOD_NANOS);
                for (StreamInput in : BY_OPAQUE.values()) {
                    if (in.shouldInterrupt()) {
                        in.raiseFlag();
                    }
                }
            }
        }, "stream-watchdog");
        t.setDaemon(true);
        t.start();
        watchdog = t;
    }

    private final AVFormatContext ctx;
    private final BytePointer opaque;
    private final BooleanSupplier stopRequested;
    private final long stallNanos;
    private volatile long deadline;
    private volatile boolean interrupted;
    /**
     * True between a read's return and the next read: the caller is processing, FFmpeg waits on nothing, so the stall
     * deadline does not apply (slow segment closing must not make the watchdog cut the next read).
     */
    private volatile boolean idle;
    private boolean closed; // guarded by opaque
    private int videoIndex = -1;
    private int audioIndex = -1;

    private StreamInput(AVFormatContext ctx, BytePointer opaque, BooleanSupplier stop, Duration stall) {
        this.ctx = ctx;
        this.opaque = opaque;
        this.stopRequested = stop;
        this.stallNanos = stall.toNanos();
    }

    private boolean shouldInterrupt() {
        return interrupted || stopRequested.getAsBoolean() || (!idle && System.nanoTime() - deadline > 0);
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
        BytePointer opaque = new BytePointer(2); // the interrupt flag, NUL-terminated (see NATIVE_FLAG)
        opaque.put(0, (byte) 0).put(1, (byte) 0);
        StreamInput in = new StreamInput(ctx, opaque, stop, stallTimeout);
        BY_OPAQUE.put(opaque.address(), in);
        ensureWatchdog();
        ctx.interrupt_callback().callback(NATIVE_FLAG != null ? NATIVE_FLAG : JAVA_CHECK);
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
                synchronized (opaque) {
                    in.closed = true;
                    opaque.close();
                }
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
        idle = false;
        int ret = av_read_frame(ctx, pkt);
        idle = true;
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
        raiseFlag();
    }

    private void raiseFlag() {
        synchronized (opaque) {
            if (!closed) {
                opaque.put(0, (byte) 1);
            }
        }
    }

    @Override
    public void close() {
        BY_OPAQUE.remove(opaque.address());
        raiseFlag(); // as before: closing does not wait on the camera (no blocking TEARDOWN on a dead link)
        avformat_close_input(ctx);
        synchronized (opaque) {
            closed = true;
            opaque.close();
        }
    }
}
