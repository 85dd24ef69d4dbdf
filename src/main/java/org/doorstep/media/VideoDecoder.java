package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the video of a camera stream or file at full frame rate and hands each picture to a {@link FrameTarget}
 * in colour (BGRA, via {@link BgraScaler}) at the size the target shows it. A frame is decoded only if the target
 * is visible; while it is not, the caller should close the decoder (a live source keeps sending anyway).
 * Hardware decoders are tried in the given order (the same {@link DecoderSetup} as motion analysis); one that fails
 * mid-stream is replaced by the software decoder and decoding goes on at the next keyframe. Not thread-safe, except
 * {@link #interrupt()}.
 */
public final class VideoDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoDecoder.class);

    /**
     * @param input    how the source is opened (transport, timeouts, protocols)
     * @param hwAccels hardware decoders to try in order; empty for software only
     * @param threads  decoder threads: 1 is the cheapest for small sub streams, more keep a big main stream smooth
     *                 on one slow core
     */
    public record Options(InputOptions input, List<HwAccel> hwAccels, int threads) {
        public Options {
            hwAccels = List.copyOf(hwAccels);
        }

        /**
         * A live camera: a small probe so the first picture comes quickly (the camera's SDP already tells the codec
         * and size), the same timeout for connecting and for each read.
         */
        public static Options live(RtspTransport transport, Duration timeout, List<HwAccel> hwAccels, int threads) {
            InputOptions in = InputOptions.live(transport, timeout, timeout).withProbe(256 * 1024,
                    Duration.ofMillis(500));
            return new Options(in, hwAccels, threads);
        }
    }

    /** Counters for diagnostics and benchmarks. */
    public record Stats(long decodedFrames, long shownFrames, long hwFrames, int fallbacks) {
    }

    private final String url;
    private final Options options;
    private volatile boolean interrupted;
    private volatile MediaInput input;
    private AVFormatContext format;
    private AVStream stream;
    private int videoStream;
    private AVCodecContext codec;
    private DecoderSetup setup;
    private HwAccel activeAccel;
    private final List<String> hwFailures = new ArrayList<>();
    private final AVPacket packet;
    private final AVFrame frame;
    private final BgraScaler scaler = new BgraScaler();
    private boolean flushing;
    private boolean waitingForKeyframe;
    private int consecutiveErrors;
    private boolean closed;
    private long decodedFrames;
    private long shownFrames;
    private long hwFrames;
    private int fallbacks;

    private VideoDecoder(String url, Options options) {
        this.url = url;
        this.options = options;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    /** A decoder that is not connected yet, so another thread can {@link #interrupt()} a slow {@link #start()}. */
    public static VideoDecoder create(String url, Options options) {
        FfmpegNatives.load();
        return new VideoDecoder(url, options);
    }

    /**
     * Connects and opens the decoder; on failure everything is released.
     *
     * @param url a file path or camera URL, credentials included (kept in native memory only; never shown)
     * @throws MediaInputException when the source cannot be opened (its kind tells why)
     * @throws DecodeException     when the source holds no video this FFmpeg can decode
     */
    public static VideoDecoder open(String url, Options options) throws MediaInputException, DecodeException {
        VideoDecoder d = create(url, options);
        d.start();
        return d;
    }

    /** See {@link #open}. */
    public void start() throws MediaInputException, DecodeException {
        try {
            // an interrupt of the opening thread (a cancelled snapshot) ends the wait as well as interrupt() does
            Thread owner = Thread.currentThread();
            input = MediaInput.open(url, options.input(), () -> interrupted || owner.isInterrupted());
            format = input.context();
            videoStream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (videoStream < 0) {
                throw new DecodeException(input.displayName() + " holds no video.");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != videoStream) {
                    format.streams(i).discard(AVDISCARD_ALL); // audio is not shown here: don't even demux it
                }
            }
            stream = format.streams(videoStream);
            openBestDecoder();
            // joining a live stream mid-GOP: frames before the first keyframe decode to grey smear, not a picture
            waitingForKeyframe = true;
        } catch (MediaInputException | DecodeException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Makes a blocked open or read return soon; callable from any thread. */
    public void interrupt() {
        interrupted = true;
        MediaInput in = input;
        if (in != null) {
            in.interrupt();
        }
    }

    /** The hardware decoder in use, or null for software. */
    public HwAccel activeHwAccel() {
        return activeAccel;
    }

    /** Why each hardware decoder tried at open did not work. */
    public List<String> hwFailures() {
        return List.copyOf(hwFailures);
    }

    public int sourceWidth() {
        return codec.width() > 0 ? codec.width() : stream.codecpar().width();
    }

    public int sourceHeight() {
        return codec.height() > 0 ? codec.height() : stream.codecpar().height();
    }

    public Stats stats() {
        return new Stats(decodedFrames, shownFrames, hwFrames, fallbacks);
    }

    /**
     * Decodes the next picture and, if the target is visible, scales it into the target and publishes it.
     *
     * @return false at the end of the stream (a file's end, a camera that closed the stream)
     * @throws MediaInputException when reading fails (lost connection, stall, stop)
     * @throws DecodeException     when the video cannot be decoded any more
     */
    public boolean next(FrameTarget target) throws MediaInputException, DecodeException {
        while (true) {
            if (!receive()) {
                return false;
            }
            Size size = target.wanted().fit(frame.width(), frame.height());
            try {
                if (size.isEmpty()) {
                    return true; // decoded (later frames refer to it) but nobody looks: no scaling
                }
                ByteBuffer buffer = target.acquire(size.width(), size.height());
                if (!scale(buffer, size.width(), size.height())) {
                    continue;
                }
                target.publish();
                shownFrames++;
                return true;
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /**
     * Decodes the next picture as a still, at most {@code maxWidth} wide (the source's aspect ratio kept).
     *
     * @return null at the end of the stream
     */
    public Picture grab(int maxWidth) throws MediaInputException, DecodeException {
        while (true) {
            if (!receive()) {
                return null;
            }
            try {
                Size size = new Size(Math.max(2, maxWidth), Integer.MAX_VALUE / 8).fit(frame.width(), frame.height());
                ByteBuffer buffer = ByteBuffer.allocateDirect(size.width() * size.height() * 4);
                if (!scale(buffer, size.width(), size.height())) {
                    continue;
                }
                int[] argb = new int[size.width() * size.height()];
                // BGRA bytes read as little-endian ints are 0xAARRGGBB
                buffer.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(argb);
                shownFrames++;
                return new Picture(size.width(), size.height(), argb);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Scales the current frame; false when a hardware frame could not be copied (decoding fell back). */
    private boolean scale(ByteBuffer buffer, int width, int height) throws DecodeException {
        boolean hw = frame.hw_frames_ctx() != null;
        try {
            scaler.scale(frame, buffer, width, height);
            if (hw) {
                hwFrames++;
            }
            return true;
        } catch (DecodeException e) {
            if (!hw || activeAccel == null) {
                throw e;
            }
            fallBackToSoftware(e.getMessage());
            return false;
        }
    }

    /** Reads and decodes until a frame is in {@code frame}; false at the end of the stream. */
    private boolean receive() throws MediaInputException, DecodeException {
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r == 0) {
                consecutiveErrors = 0;
                decodedFrames++;
                return true;
            }
            if (r == AVERROR_EOF()) {
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                decodeError(r);
                continue;
            }
            if (flushing) {
                return false;
            }
            readAndSend();
        }
    }

    private void readAndSend() throws MediaInputException, DecodeException {
        int r = input.read(packet);
        if (r == AVERROR_EAGAIN() && !interrupted) {
            try {
                Thread.sleep(5); // some network demuxers have nothing yet: ask again shortly, without spinning
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupt();
            }
            return;
        }
        if (r < 0) {
            if (!interrupted && (r == AVERROR_EOF() || (format.pb() != null && format.pb().eof_reached() != 0))) {
                flushing = true;
                avcodec_send_packet(codec, null);
                return;
            }
            throw input.readFailure(r);
        }
        try {
            if (packet.stream_index() != videoStream) {
                return;
            }
            if (waitingForKeyframe) {
                if ((packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                    return;
                }
                waitingForKeyframe = false;
            }
            int s = avcodec_send_packet(codec, packet);
            if (s < 0 && s != AVERROR_EAGAIN()) {
                decodeError(s);
            }
        } finally {
            av_packet_unref(packet);
        }
    }

    private void decodeError(int code) throws DecodeException {
        if (activeAccel != null) {
            fallBackToSoftware(activeAccel.label() + " failed: " + FfmpegErrors.text(code));
            return;
        }
        // a damaged packet on a live stream is normal; give up only when nothing decodes any more
        if (++consecutiveErrors > 200) {
            throw new DecodeException("The video from " + input.displayName() + " cannot be decoded: "
                    + FfmpegErrors.text(code) + ".");
        }
    }

    private void openBestDecoder() throws DecodeException {
        for (HwAccel accel : options.hwAccels()) {
            String failure = openCodec(accel);
            if (failure == null) {
                activeAccel = accel;
                LOG.info("{}: showing {} decoded with {}", input.displayName(), codecName(), accel.label());
                return;
            }
            hwFailures.add(accel.id() + ": " + failure);
            LOG.info("{}: {} not usable: {}", input.displayName(), accel.label(), failure);
        }
        String failure = openCodec(null);
        if (failure != null) {
            throw new DecodeException("Cannot decode " + codecName() + " video from " + input.displayName() + ": "
                    + failure);
        }
    }

    private void fallBackToSoftware(String reason) throws DecodeException {
        LOG.warn("{}: {}; continuing with software decoding", input.displayName(), reason);
        fallbacks++;
        activeAccel = null;
        String failure = openCodec(null);
        if (failure != null) {
            throw new DecodeException("Cannot decode the video from " + input.displayName() + ": " + failure);
        }
        waitingForKeyframe = true;
        flushing = false;
    }

    private String codecName() {
        return avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    /** Opens the decoder; null on success, else why it failed. */
    private String openCodec(HwAccel accel) {
        freeCodec();
        try {
            setup = DecoderSetup.prepare(stream.codecpar().codec_id(), accel);
        } catch (DecoderSetup.Unusable e) {
            return e.getMessage();
        }
        AVCodec decoder = setup.decoder();
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, stream.codecpar());
        codec.pkt_timebase(stream.time_base());
        codec.thread_count(options.threads());
        // more than one thread means frame threading (cameras send one slice per frame): each extra thread holds
        // back one picture, 67 ms at 15 fps, the price of a smooth big view on slow cores
        codec.flags(codec.flags() | AV_CODEC_FLAG_LOW_DELAY);
        setup.attachTo(codec);
        FfmpegLog.beginCapture();
        int r = avcodec_open2(codec, decoder, (AVDictionary) null);
        String said = FfmpegLog.endCapture();
        if (r < 0) {
            freeCodec();
            return "cannot open " + decoder.name().getString() + ": " + DecoderSetup.explain(said, r, accel);
        }
        return null;
    }

    private void freeCodec() {
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (setup != null) {
            setup.close();
            setup = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        interrupted = true;
        freeCodec();
        MediaInput in = input;
        if (in != null) {
            in.close();
            format = null;
        }
        scaler.close();
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
