package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
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
 * The decoding loop {@link GreyFrameDecoder} (motion) and {@link VideoDecoder} (live view) share, so a fix to one is a
 * fix to both: open the source and its video stream (other streams are not even demuxed), open the first hardware
 * decoder that works else the software one, read → send → receive, wait for a keyframe where asked, tolerate damaged
 * packets, and replace a hardware decoder that fails mid-stream by the software one (decoding goes on at the next
 * keyframe). What differs between the two (decoder tuning, which packets are worth decoding) comes in through
 * {@link Tuning}. Not thread-safe, except {@link #interrupt()}.
 */
final class DecoderCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecoderCore.class);
    /** Damaged packets in a row before a software decoder gives up: a live stream has some, a dead one only those. */
    private static final int MAX_ERRORS_IN_A_ROW = 200;

    /** What happens to a packet: sent to the decoder now (skip_frame permitting), or held back. */
    enum Handling { DECODE, HOLD }

    /** What a decoder sets on the codec and on each packet. */
    interface Tuning {
        /** Before {@code avcodec_open2}: threads, flags, filters. */
        void configure(AVCodecContext codec);

        /** After a successful open. */
        default void opened(AVCodecContext codec) {
        }

        /**
         * Before a video packet is sent (after any keyframe wait): e.g. which frames may be skipped.
         *
         * @return {@link Handling#HOLD} to keep the packet back (see {@link HeldPackets}); the next
         *         {@link Handling#DECODE} of a non-key packet first sends those held, with the codec as set for it
         */
        default Handling beforeSend(AVCodecContext codec, AVPacket packet, boolean keyframe) {
            return Handling.DECODE;
        }

        /** After the decoder accepted {@code packet}. */
        default void sent(AVPacket packet) {
        }

        /** The decoder was replaced by the software one; frames sent before are gone. */
        default void restarted() {
        }
    }

    private final String url;
    private final InputOptions inputOptions;
    private final List<HwAccel> hwAccels;
    private final HwDevices devices;
    private final Tuning tuning;
    private final PacketSources.Use use;
    private volatile boolean interrupted;
    private volatile PacketSource input;
    private AVFormatContext format;
    private AVStream stream;
    private int videoStream;
    private AVCodecContext codec;
    private DecoderSetup setup;
    private HwAccel activeAccel;
    private final List<String> hwFailures = new ArrayList<>();
    private String fallbackReason;
    private final AVPacket packet;
    private boolean flushing;
    private boolean waitingForKeyframe;
    private final HeldPackets held = new HeldPackets();
    /** Whether the held packets are being sent, one per turn, since a later one was to be decoded. */
    private boolean releasing;
    private long heldNeverDecoded;
    private long heldDecoded;
    private int consecutiveErrors;
    private long decodedFrames;
    private int fallbacks;
    private boolean closed;

    /**
     * @param devices the hardware devices shared with the other decoders of the same service; null: own ones
     * @param use     what the pictures are for: motion ({@link PacketSources.Use#ANALYSIS}) or the live view
     */
    DecoderCore(String url, InputOptions inputOptions, List<HwAccel> hwAccels, HwDevices devices, Tuning tuning,
                PacketSources.Use use) {
        this.url = url;
        this.inputOptions = inputOptions;
        this.hwAccels = List.copyOf(hwAccels);
        this.devices = devices;
        this.tuning = tuning;
        this.use = use;
        this.packet = av_packet_alloc();
    }

    /**
     * Connects, finds the video and opens the best decoder; the caller closes this on failure.
     *
     * @param stop             polled while FFmpeg waits, besides {@link #interrupt()}
     * @param waitForKeyframe  drop the packets before the first keyframe (joining a live stream mid-GOP: they decode
     *                         to grey smear, not a picture)
     */
    void start(BooleanSupplier stop, boolean waitForKeyframe) throws MediaInputException, DecodeException {
        // a stop before or during the open is seen through the supplier: the input does not exist yet
        input = PacketSources.open(url, inputOptions, () -> interrupted || stop.getAsBoolean(), use);
        format = input.context();
        videoStream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (videoStream < 0) {
            throw new DecodeException(input.displayName() + " holds no video.");
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            if (i != videoStream) {
                format.streams(i).discard(AVDISCARD_ALL); // audio is neither shown nor analysed: don't demux it
            }
        }
        stream = format.streams(videoStream);
        openBestDecoder();
        waitingForKeyframe = waitForKeyframe;
    }

    /** Makes a blocked open or read return soon; callable from any thread. */
    void interrupt() {
        interrupted = true;
        PacketSource in = input;
        if (in != null) {
            in.interrupt();
        }
    }

    boolean interrupted() {
        return interrupted;
    }

    String displayName() {
        PacketSource in = input;
        return in == null ? org.doorstep.common.Redact.displayUrl(url) : in.displayName();
    }

    AVStream stream() {
        return stream;
    }

    AVCodecContext codec() {
        return codec;
    }

    HwAccel activeAccel() {
        return activeAccel;
    }

    List<String> hwFailures() {
        return List.copyOf(hwFailures);
    }

    String fallbackReason() {
        return fallbackReason;
    }

    int fallbacks() {
        return fallbacks;
    }

    long decodedFrames() {
        return decodedFrames;
    }

    /** Packets held back (see {@link Handling#HOLD}) and thrown away at the next keyframe, never decoded. */
    long heldNeverDecoded() {
        return heldNeverDecoded;
    }

    /** Packets held back and then decoded after all, because a later one was to be decoded before a keyframe. */
    long heldDecoded() {
        return heldDecoded;
    }

    /** The pixel format of frames still in GPU memory, or AV_PIX_FMT_NONE. */
    int hwPixelFormat() {
        return setup == null ? AV_PIX_FMT_NONE : setup.hwPixelFormat();
    }

    String codecName() {
        return avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    /**
     * Reads and decodes until a picture is in {@code frame} (the caller unrefs it).
     *
     * @return false at the end of the stream (a file's end, a camera that closed the stream)
     * @throws MediaInputException when reading fails (lost connection, stall, stop)
     * @throws DecodeException     when the video cannot be decoded any more
     */
    boolean receive(AVFrame frame) throws MediaInputException, DecodeException {
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
        if (releasing) {
            // one packet per turn: the decoder may have a picture to hand out before it takes the next
            AVPacket next = held.next();
            if (next != null) {
                try {
                    send(next, false);
                } finally {
                    av_packet_free(next);
                }
                return;
            }
            releasing = false;
        }
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
            // a stop is not the end of the stream: the caller learns it was stopped
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
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            if (waitingForKeyframe) {
                if (!key) {
                    return;
                }
                waitingForKeyframe = false;
            }
            Handling handling = tuning.beforeSend(codec, packet, key);
            if (key) {
                heldNeverDecoded += held.discard(); // a keyframe refers to nothing before it
            }
            if (handling == Handling.HOLD && !key) {
                if (!held.hold(packet)) {
                    // keyframes have stopped coming: what is held cannot all be kept, and a part decodes to smear
                    LOG.debug("{}: {} pictures held and no keyframe; waiting for the next one", input.displayName(),
                            held.size());
                    heldNeverDecoded += held.discard() + 1;
                    waitingForKeyframe = true;
                }
                return;
            }
            if (!held.isEmpty()) {
                heldDecoded += held.size();
                held.append(packet);
                releasing = true;
                return;
            }
            send(packet, key);
        } finally {
            av_packet_unref(packet);
        }
    }

    private void send(AVPacket p, boolean key) throws DecodeException {
        if (!key && activeAccel != null && activeAccel.decoderSuffix() != null
                && codec.skip_frame() >= AVDISCARD_NONKEY) {
            // a dedicated decoder (h264_cuvid, h264_qsv) ignores skip_frame: it decoded and handed out every
            // picture in keyframes-only mode (MotionThroughputBenchmark on the GPU machine); a keyframe decodes
            // alone, so the others are not sent at all
            return;
        }
        int s = avcodec_send_packet(codec, p);
        if (s < 0 && s != AVERROR_EAGAIN()) {
            decodeError(s);
        } else {
            tuning.sent(p);
        }
    }

    private void decodeError(int code) throws DecodeException {
        if (activeAccel != null) {
            fallBackToSoftware(activeAccel.label() + " failed: " + FfmpegErrors.text(code));
            return;
        }
        // a damaged packet on a live stream is normal; give up only when nothing decodes any more
        if (++consecutiveErrors > MAX_ERRORS_IN_A_ROW) {
            throw new DecodeException("The video from " + input.displayName() + " cannot be decoded: "
                    + FfmpegErrors.text(code) + ".");
        }
    }

    private void openBestDecoder() throws DecodeException {
        for (HwAccel accel : hwAccels) {
            String failure = openCodec(accel);
            if (failure == null) {
                activeAccel = accel;
                LOG.info("{}: decoding {} with {} ({})", input.displayName(), codecName(), accel.label(), use.label);
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

    /** Replaces the hardware decoder by the software one; decoding goes on at the next keyframe. */
    void fallBackToSoftware(String reason) throws DecodeException {
        LOG.warn("{}: {}; continuing with software decoding", input.displayName(), reason);
        fallbackReason = reason;
        fallbacks++;
        activeAccel = null;
        String failure = openCodec(null);
        if (failure != null) {
            throw new DecodeException("Cannot decode the video from " + input.displayName() + ": " + failure);
        }
        waitingForKeyframe = true;
        flushing = false;
        heldNeverDecoded += held.discard();
        releasing = false;
        tuning.restarted();
    }

    /** Opens the decoder; null on success, else why it failed. */
    private String openCodec(HwAccel accel) {
        freeCodec();
        try {
            setup = DecoderSetup.prepare(stream.codecpar().codec_id(), accel, devices);
        } catch (DecoderSetup.Unusable e) {
            return e.getMessage();
        }
        AVCodec decoder = setup.decoder();
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, stream.codecpar());
        codec.pkt_timebase(stream.time_base());
        tuning.configure(codec);
        setup.attachTo(codec);
        FfmpegLog.beginCapture();
        int r = avcodec_open2(codec, decoder, (AVDictionary) null);
        String said = FfmpegLog.endCapture();
        if (r < 0) {
            freeCodec();
            return "cannot open " + decoder.name().getString() + ": " + DecoderSetup.explain(said, r, accel);
        }
        tuning.opened(codec);
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
        held.close();
        PacketSource in = input;
        if (in != null) {
            in.close();
            format = null;
        }
        av_packet_free(packet);
    }
}
