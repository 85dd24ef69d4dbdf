package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.time.Duration;
import java.util.List;
import org.doorstep.common.net.AddressCheck;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.common.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes an H.264/H.265 file or RTSP stream with FFmpeg's own API and hands out small grey pictures
 * scaled by swscale (only the luma plane is read), at the analysis rate. Frames that are not due for
 * analysis are never scaled, and while none is due the decoder is told to discard non-reference
 * frames; at low rates only keyframes are decoded. Hardware decoders are tried in the given order;
 * one that fails mid-stream is replaced by the software decoder and decoding continues at the next
 * keyframe. Not thread-safe, except {@link #interrupt()}.
 */
public final class GreyFrameDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GreyFrameDecoder.class);

    /**
     * @param targetHeight  height of the grey pictures (width follows the aspect ratio, rounded to even)
     * @param analysisFps   pictures per second to hand out; 0 or less: every decoded frame
     * @param ioTimeout     longest wait for the network before giving up (RTSP {@code timeout}, interrupt)
     * @param hwAccels      hardware decoders to try, in order; empty for software only
     * @param keyframesOnly decode keyframes only (cheapest; for rates at or below one per keyframe interval)
     * @param threads       decoder threads; 1 is the most CPU-efficient for small sub streams, 0 = auto
     * @param fastDecode    skip the deblocking filter: ~20 % cheaper, but block artefacts appear during light
     *                      changes; only for keyframes-only or diagnostic use
     * @param rtspTransport how RTP travels from an RTSP camera: the camera's setting, as for recording
     * @param addresses     which addresses the camera URL may reach; null: the local network only
     * @param skipRestOfGop leave the pictures after the last due one before a regularly coming keyframe undecoded
     *                      (the default; same analysed pictures, off only to measure what it saves)
     */
    public record Options(int targetHeight, double analysisFps, Duration ioTimeout, List<HwAccel> hwAccels,
                          boolean keyframesOnly, int threads, boolean fastDecode, RtspTransport rtspTransport,
                          AddressCheck addresses, HwDevices devices, boolean skipRestOfGop) {

        /**
         * 120 px high, 5 fps, one thread, with deblocking: skipping the deblocking filter saves ~20 % but its
         * block artefacts during light changes showed up as motion (MotionAccuracyTest caught it).
         */
        public static final Options DEFAULT = new Options(120, 5.0, Duration.ofSeconds(10), List.of(), false, 1,
                false, RtspTransport.TCP, null, null, true);

        public Options(int targetHeight, double analysisFps, Duration ioTimeout, List<HwAccel> hwAccels,
                       boolean keyframesOnly, int threads, boolean fastDecode, RtspTransport rtspTransport) {
            this(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode, rtspTransport,
                    null, null, true);
        }

        public Options {
            addresses = addresses == null ? AddressCheck.LAN_ONLY : addresses;
            if (targetHeight < 16 || targetHeight > 1080) {
                throw new IllegalArgumentException("targetHeight must be 16..1080");
            }
            hwAccels = List.copyOf(hwAccels);
            if (rtspTransport == null) {
                rtspTransport = RtspTransport.TCP;
            }
        }

        /** Over RTSP/TCP, as before the transport became an option. */
        public Options(int targetHeight, double analysisFps, Duration ioTimeout, List<HwAccel> hwAccels,
                       boolean keyframesOnly, int threads, boolean fastDecode) {
            this(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode, RtspTransport.TCP);
        }

        /**
         * Defaults for an analysis rate: at one picture a second or less only keyframes are decoded
         * (cameras send one every 1–4 s), which costs a tenth of decoding everything.
         */
        public static Options forAnalysisRate(double fps) {
            return DEFAULT.withAnalysisFps(fps).withKeyframesOnly(fps > 0 && fps <= 1.0);
        }

        public Options withTargetHeight(int h) {
            return new Options(h, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode,
                    rtspTransport, addresses, devices, skipRestOfGop);
        }

        public Options withAnalysisFps(double fps) {
            return new Options(targetHeight, fps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode,
                    rtspTransport, addresses, devices, skipRestOfGop);
        }

        public Options withHwAccels(List<HwAccel> list) {
            return new Options(targetHeight, analysisFps, ioTimeout, list, keyframesOnly, threads, fastDecode,
                    rtspTransport, addresses, devices, skipRestOfGop);
        }

        /** The hardware devices to share with the other decoders of the same service (null: each its own). */
        public Options withDevices(HwDevices shared) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode,
                    rtspTransport, addresses, shared, skipRestOfGop);
        }

        public Options withKeyframesOnly(boolean k) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, k, threads, fastDecode, rtspTransport,
                    addresses, devices, skipRestOfGop);
        }

        public Options withFastDecode(boolean f) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, f,
                    rtspTransport, addresses, devices, skipRestOfGop);
        }

        public Options withThreads(int t) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, t, fastDecode,
                    rtspTransport, addresses, devices, skipRestOfGop);
        }

        public Options withRtspTransport(RtspTransport t) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode, t,
                    addresses, devices, skipRestOfGop);
        }

        /** The camera's address allowance (its owner's explicit choice), for this camera only. */
        public Options withAddresses(AddressCheck check) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode,
                    rtspTransport, check, devices, skipRestOfGop);
        }

        public Options withSkipRestOfGop(boolean skip) {
            return new Options(targetHeight, analysisFps, ioTimeout, hwAccels, keyframesOnly, threads, fastDecode,
                    rtspTransport, addresses, devices, skip);
        }

        /** How the input is opened: the same timeout for connecting and for each read. */
        InputOptions inputOptions() {
            return InputOptions.live(rtspTransport, ioTimeout, ioTimeout).withAddresses(addresses);
        }
    }

    /**
     * Counters for diagnostics and benchmarks.
     *
     * @param undecodedRestOfGop pictures not decoded because none of them up to the next keyframe was due
     * @param heldNeverDecoded   pictures held back while the scene was still and never decoded (a keyframe came)
     * @param heldDecoded        pictures held back while the scene was still and decoded when motion was seen
     */
    public record Stats(long packets, long decodedFrames, long analysedFrames, long skippedBeforeScale,
                        long hwFrames, int fallbacks, long undecodedRestOfGop, long heldNeverDecoded,
                        long heldDecoded) {
    }

    private final String displayUrl;
    private final Options options;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final DecoderCore core;

    private boolean closed;

    private AVStream stream;
    private long startPts;
    /** Presentation times of packets sent to the decoder whose pictures have not come out yet (see framePts). */
    private final java.util.PriorityQueue<Long> pendingPts = new java.util.PriorityQueue<>();
    private long lastPtsMicros = Long.MIN_VALUE;
    private AVRational timeBase;
    private double frameRate;
    private final AVFrame frame;
    private final AVFrame transferFrame;
    private SwsContext sws;
    private BytePointer scaled;
    private final PointerPointer<BytePointer> scaledPlanes = new PointerPointer<>(1);
    private final IntPointer scaledStride = new IntPointer(1);
    private int outWidth;
    private int outHeight;
    private int scaledForWidth = -1;
    private int scaledForHeight = -1;

    private long nextDueMicros = Long.MIN_VALUE;
    /** Whether the analysis schedule has been restarted at a keyframe (the first one decoded). */
    private boolean scheduleAtKeyframe;

    /**
     * Asked by the analysis (another thread): decode keyframes only while the scene is still. A 1080p main stream
     * analysed without a sub stream costs as much as FFmpeg decoding all of it; its keyframes alone cost a ninth
     * (MotionThroughputBenchmark).
     */
    private volatile boolean keyframesWhileStill;
    /** The decode thread's copy of the above: whether the pictures between keyframes are being held back now. */
    private boolean holding;
    private long lastKeyPtsMicros = Long.MIN_VALUE;
    private volatile long keyframeIntervalMicros;
    /** How many keyframe intervals in a row matched the one before: the next keyframe can be foreseen from 2 on. */
    private int steadyKeyIntervals;
    /**
     * Whether the pictures from here to the next keyframe are being skipped because none of them is due (see
     * {@link #skipRestOfGop}); the keyframe was expected at {@link #expectedKeyMicros}.
     */
    private boolean skippingRestOfGop;
    private long expectedKeyMicros;
    /** False after a keyframe did not come when foreseen: this connection's keyframes are not regular enough. */
    private boolean gopRegular = true;
    private boolean picturesReordered;
    private long lastPacketPtsMicros = Long.MIN_VALUE;
    private long undecodedRestOfGop;
    /** The stream's picture height as opened, for other threads (the codec context is the decode thread's). */
    private volatile int streamHeight;

    private long packets;
    private long analysedFrames;
    private long skippedBeforeScale;
    private long hwFrames;

    private GreyFrameDecoder(String url, Options options) {
        this.displayUrl = Redact.displayUrl(url);
        this.options = options;
        this.intervalMicros = options.analysisFps() > 0 ? Math.round(1_000_000 / options.analysisFps()) : 0;
        this.toleranceMicros = intervalMicros / 10;
        this.core = new DecoderCore(url, options.inputOptions(), options.hwAccels(), options.devices(), new Tuning(),
                PacketSources.Use.ANALYSIS);
        this.frame = av_frame_alloc();
        this.transferFrame = av_frame_alloc();
    }

    /** What motion analysis sets on the shared decoding loop. */
    private final class Tuning implements DecoderCore.Tuning {
        @Override
        public void configure(AVCodecContext codec) {
            codec.thread_count(options.threads());
            if (options.fastDecode()) {
                codec.skip_loop_filter(AVDISCARD_ALL);
                codec.flags2(codec.flags2() | AV_CODEC_FLAG2_FAST);
            }
        }

        @Override
        public void opened(AVCodecContext codec) {
            if (options.keyframesOnly()) {
                codec.skip_frame(AVDISCARD_NONKEY);
            }
        }

        @Override
        public DecoderCore.Handling beforeSend(AVCodecContext codec, AVPacket packet, boolean key) {
            packets++;
            long pts = packet.pts() == AV_NOPTS_VALUE ? Long.MIN_VALUE : ptsMicros(packet.pts());
            if (key && pts != Long.MIN_VALUE) {
                if (lastKeyPtsMicros != Long.MIN_VALUE && pts > lastKeyPtsMicros) {
                    long interval = pts - lastKeyPtsMicros;
                    boolean same = Math.abs(interval - keyframeIntervalMicros) <= frameIntervalMicros() / 2;
                    steadyKeyIntervals = same ? steadyKeyIntervals + 1 : 0;
                    keyframeIntervalMicros = interval;
                }
                lastKeyPtsMicros = pts;
            }
            if (options.keyframesOnly()) {
                return DecoderCore.Handling.DECODE;
            }
            boolean still = keyframesWhileStill;
            if (still || holding) {
                // still: keyframes are decoded, the pictures between them held back until the next keyframe makes
                // them unneeded; motion again: those held are decoded first (the analysis saw the motion on a
                // keyframe, and the pictures after it were already read), so nothing waits for the next keyframe
                boolean resuming = holding && !still;
                holding = still;
                skippingRestOfGop = false; // the rest-of-GOP skip starts afresh with the pictures after this
                if (still && !key) {
                    return DecoderCore.Handling.HOLD;
                }
                codec.skip_frame(AVDISCARD_DEFAULT);
                if (key || resuming) {
                    return DecoderCore.Handling.DECODE;
                }
            }
            if (options.skipRestOfGop() && skipRestOfGop(codec, pts, key)) {
                codec.skip_frame(AVDISCARD_NONKEY);
                undecodedRestOfGop++;
                return DecoderCore.Handling.DECODE;
            }
            // a frame nobody will look at only needs decoding if later frames refer to it
            boolean maybeDue = key || pts == Long.MIN_VALUE || isDueSoon(pts);
            codec.skip_frame(maybeDue ? AVDISCARD_DEFAULT : AVDISCARD_NONREF);
            return DecoderCore.Handling.DECODE;
        }

        @Override
        public void sent(AVPacket packet) {
            if (packet.pts() != AV_NOPTS_VALUE && pendingPts.size() < 64) {
                pendingPts.add(packet.pts());
            }
        }

        @Override
        public void restarted() {
            pendingPts.clear();
            skippingRestOfGop = false;
        }
    }

    /**
     * Whether this packet's picture, and every one after it up to the next keyframe, can go undecoded: none of them
     * is due for analysis, and the keyframe (which refers to nothing before it) comes where the last intervals put
     * it. At 5 pictures a second from a 15 fps stream with a keyframe every second, the last two pictures of every
     * second are never looked at and nothing that is looked at refers to them. Once one is skipped, everything up to
     * the keyframe is; a keyframe that comes later than foreseen ends this for the connection (the pictures up to it
     * are lost to the analysis once, never decoded from missing references). Not for streams that reorder pictures
     * (B-frames): their decoding order is not their time order.
     *
     * @param pts the packet's time in microseconds, Long.MIN_VALUE when it has none
     */
    private boolean skipRestOfGop(AVCodecContext codec, long pts, boolean key) {
        if (pts != Long.MIN_VALUE) {
            // the decoder may not know yet that the stream reorders (has_b_frames): its packets' times say so
            picturesReordered |= lastPacketPtsMicros != Long.MIN_VALUE && pts <= lastPacketPtsMicros;
            lastPacketPtsMicros = pts;
        }
        if (key) {
            skippingRestOfGop = false;
            return false;
        }
        if (skippingRestOfGop) {
            if (pts != Long.MIN_VALUE && pts > expectedKeyMicros + frameIntervalMicros() / 2 && gopRegular) {
                gopRegular = false;
                LOG.debug("{}: a keyframe came later than its stream's last intervals said; decoding every due "
                        + "picture's references from the next one on", displayUrl);
            }
            return true;
        }
        if (!gopRegular || pts == Long.MIN_VALUE || intervalMicros == 0 || nextDueMicros == Long.MIN_VALUE
                || steadyKeyIntervals < 2 || picturesReordered || codec.has_b_frames() != 0
                || pts <= lastKeyPtsMicros) {
            return false;
        }
        long nextKey = lastKeyPtsMicros + keyframeIntervalMicros;
        long half = frameIntervalMicros() / 2;
        // the last picture before that keyframe is not due yet, so no picture from here to it is
        if (pts < nextKey - half && nextKey - half < nextDueMicros - toleranceMicros) {
            skippingRestOfGop = true;
            expectedKeyMicros = nextKey;
            return true;
        }
        return false;
    }

    /**
     * Opens {@code url} (a file path or rtsp:// URL) and prepares the video decoder.
     *
     * @throws DecodeException when the source cannot be opened or holds no decodable video
     */
    public static GreyFrameDecoder open(String url, Options options) throws DecodeException {
        GreyFrameDecoder d = create(url, options);
        d.start();
        return d;
    }

    /**
     * A decoder that is not connected yet, so another thread can {@link #interrupt()} a slow
     * {@link #start()} (a camera that accepts the connection but never answers).
     */
    public static GreyFrameDecoder create(String url, Options options) {
        FfmpegNatives.load();
        return new GreyFrameDecoder(url, options);
    }

    /** Connects and opens the decoder; on failure everything is released. */
    public void start() throws DecodeException {
        try {
            core.start(() -> false, false);
            stream = core.stream();
            timeBase = stream.time_base();
            startPts = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
            AVRational rate = stream.avg_frame_rate().num() > 0 ? stream.avg_frame_rate() : stream.r_frame_rate();
            frameRate = rate.den() > 0 ? (double) rate.num() / rate.den() : 0;
            AVCodecParameters par = stream.codecpar();
            if (par.width() <= 0 || par.height() <= 0) {
                throw new DecodeException(displayUrl + ": the video size is unknown.");
            }
            streamHeight = par.height();
            computeOutputSize(par.width(), par.height());
        } catch (MediaInputException e) {
            close();
            throw new DecodeException(e.getMessage(), e);
        } catch (DecodeException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public String displayUrl() {
        return displayUrl;
    }

    /** The hardware decoder in use, or null for software. */
    public HwAccel activeHwAccel() {
        return core.activeAccel();
    }

    /** Why each hardware decoder tried at open did not work (empty when none was tried or the first worked). */
    public List<String> hwFailures() {
        return core.hwFailures();
    }

    /** Why decoding switched to software mid-stream, or null. */
    public String fallbackReason() {
        return core.fallbackReason();
    }

    public int sourceWidth() {
        return core.codec().width() > 0 ? core.codec().width() : stream.codecpar().width();
    }

    public int sourceHeight() {
        return core.codec().height() > 0 ? core.codec().height() : stream.codecpar().height();
    }

    public int outputWidth() {
        return outWidth;
    }

    public int outputHeight() {
        return outHeight;
    }

    /** Source frame rate as the container states it (0 when unknown). */
    public double sourceFps() {
        return frameRate;
    }

    public String codecName() {
        return core.codecName();
    }

    /**
     * Decode keyframes only ({@code true}) while the analysis sees a still scene, holding the pictures between them
     * back (see {@link HeldPackets}), or everything due again. Callable from any thread; takes effect at the next
     * packet. Going back to full decoding first decodes what is held since the last keyframe, so the pictures after
     * the keyframe that showed the motion are analysed too, with their references intact.
     */
    public void keyframesWhileStill(boolean on) {
        keyframesWhileStill = on;
    }

    /** The stream's picture height as opened; safe from any thread, unlike {@link #sourceHeight()}. */
    public int streamHeight() {
        return streamHeight;
    }

    /** The time between the last two keyframes, or 0 before two were seen. */
    public Duration keyframeInterval() {
        return Duration.ofNanos(keyframeIntervalMicros * 1000);
    }

    public Stats stats() {
        return new Stats(packets, core.decodedFrames(), analysedFrames, skippedBeforeScale, hwFrames,
                core.fallbacks(), undecodedRestOfGop, core.heldNeverDecoded(), core.heldDecoded());
    }

    /** Makes a blocked open or read return soon; callable from any thread. */
    public void interrupt() {
        core.interrupt();
    }

    private void computeOutputSize(int srcW, int srcH) {
        outHeight = Math.min(options.targetHeight(), srcH) & ~1;
        outWidth = Math.max(2, (int) Math.round((double) srcW * outHeight / srcH) & ~1);
        scaled = new BytePointer((long) outWidth * outHeight);
        scaledPlanes.put(0, scaled);
        scaledStride.put(0, outWidth);
        scaledForWidth = srcW;
        scaledForHeight = srcH;
    }

    /**
     * Reads and decodes until the next picture due for analysis is ready.
     *
     * @return false at the end of the stream
     * @throws DecodeException when the stream is lost (network timeout, broken file) or was interrupted
     */
    public boolean next(GreyFrame out) throws DecodeException {
        try {
            while (core.receive(frame)) {
                long raw = frame.best_effort_timestamp();
                long pts = framePts(raw);
                if (!scheduleAtKeyframe && raw != AV_NOPTS_VALUE && (frame.flags() & FrameFlags.KEY) != 0) {
                    // a live stream starts anywhere in a GOP: from its first keyframe on the due pictures keep the
                    // same places in every GOP, the last ones as early as they can be (see skipRestOfGop); not at
                    // a keyframe without a time (an RTSP stream's first), whose time is only guessed
                    scheduleAtKeyframe = true;
                    nextDueMicros = Long.MIN_VALUE;
                }
                if (!isDue(pts)) {
                    skippedBeforeScale++;
                    av_frame_unref(frame);
                    continue;
                }
                boolean ok = scaleInto(out, pts);
                av_frame_unref(frame);
                if (ok) {
                    analysedFrames++;
                    return true;
                }
            }
            return false;
        } catch (MediaInputException e) {
            throw new DecodeException(e.getMessage(), e);
        }
    }

    /**
     * The time of a decoded picture. The first picture after a connect often comes without a timestamp; with
     * B-pictures it is shown <em>before</em> pictures already sent to the decoder, so "a steady rate from the
     * first picture" would put it after them (time running backwards at the start of every connection). Pictures
     * come out in presentation order, so a picture without a time is one frame before the earliest picture sent
     * but not yet out.
     */
    private long framePts(long raw) {
        long pts;
        if (raw != AV_NOPTS_VALUE) {
            while (!pendingPts.isEmpty() && pendingPts.peek() <= raw) {
                pendingPts.poll(); // this one, and those the decoder skipped
            }
            pts = ptsMicros(raw);
        } else if (!pendingPts.isEmpty()) {
            pts = ptsMicros(pendingPts.peek()) - frameIntervalMicros();
        } else if (lastPtsMicros != Long.MIN_VALUE) {
            pts = lastPtsMicros + frameIntervalMicros();
        } else {
            pts = ptsMicros(raw);
        }
        lastPtsMicros = pts;
        return pts;
    }

    private long frameIntervalMicros() {
        return Math.round(1_000_000 / (frameRate > 0 ? frameRate : 25));
    }

    private long ptsMicros(long pts) {
        if (pts == AV_NOPTS_VALUE) {
            // no timestamp: assume a steady rate
            double fps = frameRate > 0 ? frameRate : 25;
            return Math.round(core.decodedFrames() * 1_000_000 / fps);
        }
        return av_rescale_q(pts - startPts, timeBase, av_make_q(1, 1_000_000));
    }

    private boolean isDueSoon(long pts) {
        return intervalMicros == 0 || nextDueMicros == Long.MIN_VALUE || pts >= nextDueMicros - toleranceMicros;
    }

    private boolean isDue(long pts) {
        if (intervalMicros == 0) {
            return true;
        }
        if (nextDueMicros == Long.MIN_VALUE || Math.abs(pts - nextDueMicros) > 4 * intervalMicros) {
            nextDueMicros = pts + intervalMicros; // first frame, or a jump in time: restart the schedule
            return true;
        }
        if (pts >= nextDueMicros - toleranceMicros) {
            nextDueMicros += intervalMicros;
            if (nextDueMicros <= pts) {
                nextDueMicros = pts + intervalMicros;
            }
            return true;
        }
        return false;
    }

    private boolean scaleInto(GreyFrame out, long pts) throws DecodeException {
        AVFrame source = frame;
        int hwPixFmt = core.hwPixelFormat();
        if (hwPixFmt != AV_PIX_FMT_NONE && frame.format() == hwPixFmt) {
            hwFrames++;
            av_frame_unref(transferFrame);
            int r = av_hwframe_transfer_data(transferFrame, frame, 0);
            if (r < 0) {
                core.fallBackToSoftware("copying a frame from " + core.activeAccel().label() + " failed: "
                        + FfmpegErrors.text(r));
                return false;
            }
            source = transferFrame;
        }
        int w = source.width();
        int h = source.height();
        if (w != scaledForWidth || h != scaledForHeight) {
            computeOutputSize(w, h);
        }
        sws = sws_getCachedContext(sws, w, h, source.format(), outWidth, outHeight, AV_PIX_FMT_GRAY8,
                SWS_AREA, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new DecodeException("Cannot convert the pixel format of " + displayUrl + ".");
        }
        sws_scale(sws, source.data(), source.linesize(), 0, h, scaledPlanes, scaledStride);
        byte[] pixels = out.prepare(outWidth, outHeight, pts, core.decodedFrames() - 1);
        scaled.get(pixels, 0, outWidth * outHeight);
        if (source == transferFrame) {
            av_frame_unref(transferFrame);
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.close();
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        av_frame_free(frame);
        av_frame_free(transferFrame);
    }
}
