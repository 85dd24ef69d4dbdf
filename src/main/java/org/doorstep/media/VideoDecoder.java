package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes the video of a camera stream or file at full frame rate and hands each picture to a {@link FrameTarget}
 * in colour (BGRA, via {@link BgraScaler}) at the size the target shows it. A frame is decoded only if the target
 * is visible; while it is not, the caller should close the decoder (a live source keeps sending anyway).
 * Hardware decoders are tried in the given order (the same {@link DecoderSetup} as motion analysis); one that fails
 * mid-stream is replaced by the software decoder and decoding goes on at the next keyframe. Not thread-safe, except
 * {@link #interrupt()}.
 */
public final class VideoDecoder implements AutoCloseable {

    /**
     * @param input    how the source is opened (transport, timeouts, protocols)
     * @param hwAccels hardware decoders to try in order; empty for software only
     * @param threads  decoder threads: 1 is the cheapest for small sub streams, more keep a big main stream smooth
     *                 on one slow core
     * @param devices  the hardware devices shared with the other live decoders; null: each decoder its own
     */
    public record Options(InputOptions input, List<HwAccel> hwAccels, int threads, HwDevices devices) {
        public Options {
            hwAccels = List.copyOf(hwAccels);
        }

        public Options(InputOptions input, List<HwAccel> hwAccels, int threads) {
            this(input, hwAccels, threads, null);
        }

        public Options withInput(InputOptions in) {
            return new Options(in, hwAccels, threads, devices);
        }

        public Options withDevices(HwDevices shared) {
            return new Options(input, hwAccels, threads, shared);
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

    private final DecoderCore core;
    private final AVFrame frame;
    private final BgraScaler scaler = new BgraScaler();
    private boolean closed;
    private long shownFrames;
    private long hwFrames;

    private VideoDecoder(String url, Options options) {
        int threads = options.threads();
        this.core = new DecoderCore(url, options.input(), options.hwAccels(), options.devices(), codec -> {
            codec.thread_count(threads);
            // more than one thread means frame threading (cameras send one slice per frame): each extra thread
            // holds back one picture, 67 ms at 15 fps, the price of a smooth big view on slow cores
            codec.flags(codec.flags() | AV_CODEC_FLAG_LOW_DELAY);
        }, PacketSources.Use.VIEWING);
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
            // joining a live stream mid-GOP: frames before the first keyframe decode to grey smear, not a picture
            core.start(owner::isInterrupted, true);
        } catch (MediaInputException | DecodeException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Makes a blocked open or read return soon; callable from any thread. */
    public void interrupt() {
        core.interrupt();
    }

    /** The hardware decoder in use, or null for software. */
    public HwAccel activeHwAccel() {
        return core.activeAccel();
    }

    /** Why each hardware decoder tried at open did not work. */
    public List<String> hwFailures() {
        return core.hwFailures();
    }

    public int sourceWidth() {
        return core.codec().width() > 0 ? core.codec().width() : core.stream().codecpar().width();
    }

    public int sourceHeight() {
        return core.codec().height() > 0 ? core.codec().height() : core.stream().codecpar().height();
    }

    public Stats stats() {
        return new Stats(core.decodedFrames(), shownFrames, hwFrames, core.fallbacks());
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
            if (!hw || core.activeAccel() == null) {
                throw e;
            }
            core.fallBackToSoftware(e.getMessage());
            return false;
        }
    }

    /** Reads and decodes until a frame is in {@code frame}; false at the end of the stream. */
    private boolean receive() throws MediaInputException, DecodeException {
        return core.receive(frame);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.close();
        scaler.close();
        av_frame_free(frame);
    }
}
