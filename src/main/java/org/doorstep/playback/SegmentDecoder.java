package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.media.InputOptions;
import org.doorstep.media.RtspTransport;
import org.doorstep.media.SeekableSource;
import org.doorstep.media.SegmentDemuxer;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.KeyframeIndex;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentRow;

/**
 * Decodes one recorded segment from one of its keyframes onwards, decrypting in memory. The video frames come out
 * one by one with their time in the segment; audio packets go to an {@link AudioSink} as they are demuxed. Not
 * thread-safe: one player thread owns it.
 *
 * <p>A damaged chunk surfaces as an {@link IOException} from {@link #next()} (the reader's own
 * {@link DecryptingSegmentReader.DamagedSegmentException}); the caller decides where to go on.
 */
final class SegmentDecoder implements AutoCloseable {
    private static final AVRational MILLIS = av_make_q(1, 1000);
    private static final long DEFAULT_INTERVAL_MS = 40;
    /** How far the sound is demuxed ahead of the picture being decoded. */
    private static final long SOUND_LEAD_MS = 1200;
    private static final int MAX_QUEUED = 256;
    /**
     * The MP4 header already describes the streams, so opening reads only a little: FFmpeg's default probe would
     * read (and decrypt, and decode) seconds ahead of a seek, and fail on damage far after the keyframe. And
     * "ignidx": on a seekable input FFmpeg's MP4 reader otherwise walks every fragment of the file to build its own
     * index before the first packet — the keyframe index in the database already is that index.
     */
    static final InputOptions SHORT_PROBE = new InputOptions(RtspTransport.TCP, null, null, "", "+ignidx",
            32 * 1024, Duration.ofMillis(1));

    /** Where demuxed audio goes (nothing, when sound is off). */
    interface AudioSink {
        AudioSink NONE = (stream, packet, segmentMillis) -> { };

        /** Called on the player thread with a packet that is only valid during the call. */
        void packet(AVStream stream, AVPacket packet, long segmentMillis);
    }

    private final SegmentRow segment;
    private final DecryptingSegmentReader reader;
    private final SegmentDemuxer demuxer;
    private final AVCodecContext codec;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final AVRational videoTimeBase;
    private final long intervalMs;
    private final AudioSink audio;
    private boolean keyframesOnly;
    private boolean draining;
    private boolean demuxEnded;
    private long audioReachedMs = Long.MIN_VALUE;
    private final java.util.ArrayDeque<AVPacket> queued = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Long> queuedMs = new java.util.ArrayDeque<>();
    private boolean ended;

    private SegmentDecoder(SegmentRow segment, DecryptingSegmentReader reader, SegmentDemuxer demuxer,
                           AudioSink audio) throws IOException {
        this.segment = segment;
        this.reader = reader;
        this.demuxer = demuxer;
        this.audio = audio;
        AVStream video = demuxer.video();
        if (video == null) {
            throw new IOException("the recording has no video");
        }
        videoTimeBase = av_make_q(video.time_base().num(), video.time_base().den());
        AVRational rate = video.avg_frame_rate();
        intervalMs = rate.num() > 0 && rate.den() > 0
                ? Math.max(1, Math.round(1000.0 * rate.den() / rate.num())) : DEFAULT_INTERVAL_MS;
        AVCodec decoder = avcodec_find_decoder(video.codecpar().codec_id());
        if (decoder == null) {
            throw new IOException("no decoder for this recording's video");
        }
        
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, video.codecpar());
        codec.thread_count(2); // frame threads: a seek decodes a whole GOP as fast as two cores allow
        if (avcodec_open2(codec, decoder, (PointerPointer<?>) null) < 0) {
            avcodec_free_context(codec);
            throw new IOException("cannot start the video decoder");
        }
    }

    /** The keyframes of {@code segment} (milliseconds from its start, fragment offsets). */
    static List<KeyframeIndex.Keyframe> keyframes(SegmentRow segment) {
        return KeyframeIndex.unpack(segment.keyframes());
    }

    /**
     * Opens {@code segment} at its keyframe number {@code keyframe} (0 = the start); without a keyframe index the
     * whole segment is read from its start.
     */
    static SegmentDecoder open(SegmentRow segment, SegmentFiles files, SegmentKeyStore keys, int keyframe,
                               AudioSink audio) throws IOException {
        DecryptingSegmentReader reader = DecryptingSegmentReader.open(files.resolve(segment.file()), keys);
        SegmentDemuxer demuxer = null;
        try {
            List<KeyframeIndex.Keyframe> index = keyframes(segment);
            SeekableSource source = index.isEmpty() ? reader
                    : new FragmentSource(reader, index.get(0).offset(), index.get(Math.min(keyframe, index.size() - 1)).offset());
            
            demuxer = new SegmentDemuxer(source, SHORT_PROBE);
            
            return new SegmentDecoder(segment, reader, demuxer, audio);
        } catch (IOException | RuntimeException e) {
            if (demuxer != null) {
                demuxer.close();
            }
            reader.close();
            throw e;
        }
    }

    SegmentRow segment() {
        return segment;
    }

    /** How long one frame lasts, from the recorded frame rate. */
    long intervalMs() {
        return intervalMs;
    }

    /** Above 4× only keyframes are decoded; switching drops what the decoder holds. */
    void keyframesOnly(boolean on) {
        if (on != keyframesOnly) {
            keyframesOnly = on;
            avcodec_flush_buffers(codec);
        }
    }

    /**
     * The next decoded video frame, valid until the next call; null when the segment has no more.
     *
     * @throws IOException when the file is damaged at this point
     */
    AVFrame next() throws IOException {
        while (!ended) {
            av_frame_unref(frame);
            int r = avcodec_receive_frame(codec, frame);
            if (r >= 0) {
                return frame;
            }
            if (r == AVERROR_EOF) {
                ended = true;
                return null;
            }
            if (draining) {
                ended = true;
                return null;
            }
            feed();
        }
        return null;
    }

    /** The time of a frame returned by {@link #next()}, in milliseconds from the segment's start. */
    long millisOf(AVFrame decoded) {
        long ts = decoded.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE) {
            ts = decoded.pts();
        }
        return ts == AV_NOPTS_VALUE ? 0 : av_rescale_q(ts, videoTimeBase, MILLIS);
    }

    /**
     * Feeds the decoder its next video packet. With sound, the demuxer reads on ahead (video packets wait in a small
     * queue) until it has sound from about a second past that packet: a fragment stores all its pictures before its
     * sound, so reading only as far as the pictures need would hand over each second of sound when it is already due.
     */
    private void feed() throws IOException {
        while (true) {
            if (!queued.isEmpty() && (audio == AudioSink.NONE || demuxEnded
                    || audioReachedMs >= queuedMs.peekFirst() + SOUND_LEAD_MS || queued.size() >= MAX_QUEUED)) {
                AVPacket next = queued.pollFirst();
                queuedMs.pollFirst();
                avcodec_send_packet(codec, next); // a corrupt slice is dropped; the next keyframe repairs it
                av_packet_free(next);
                return;
            }
            if (demuxEnded) {
                draining = true;
                avcodec_send_packet(codec, null);
                return;
            }
            if (!demuxer.read(packet)) {
                demuxEnded = true;
                continue;
            }
            try {
                int si = packet.stream_index();
                if (si == demuxer.audioIndex()) {
                    AVStream a = demuxer.audio();
                    long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    long ms = av_rescale_q(t, a.time_base(), MILLIS);
                    audioReachedMs = Math.max(audioReachedMs, ms);
                    audio.packet(a, packet, ms);
                    continue;
                }
                if (si != demuxer.videoIndex()) {
                    continue;
                }
                if (keyframesOnly && (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                    continue;
                }
                long t = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                queued.addLast(av_packet_clone(packet));
                queuedMs.addLast(t == AV_NOPTS_VALUE ? audioReachedMs : av_rescale_q(t, videoTimeBase, MILLIS));
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        for (AVPacket p : queued) {
            av_packet_free(p);
        }
        queued.clear();
        avcodec_free_context(codec);
        av_frame_free(frame);
        av_packet_free(packet);
        demuxer.close();
        try {
            reader.close();
        } catch (IOException ignored) {
            // only a read handle: nothing was written that could be lost
        }
    }
}
