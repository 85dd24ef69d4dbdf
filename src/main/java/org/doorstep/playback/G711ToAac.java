package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Turns G.711 (µ-law/A-law, as doorbells send it) into AAC for exported MP4s, which cannot hold G.711. Recording
 * keeps G.711 as it came (MOV); this runs only for the minutes a user exports. Mono, at the source rate.
 */
final class G711ToAac implements AutoCloseable {
    interface Sink {
        void accept(AVPacket aacPacket) throws IOException;
    }

    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final AVPacket out = av_packet_alloc();
    private final int frameSize;
    private final int rate;
    private final float[] pending;
    private short[] shorts = new short[4096];
    private int fill;
    private long nextPts = Long.MIN_VALUE;

    G711ToAac(AVCodecParameters in, boolean globalHeader) throws IOException {
        decoder = avcodec_alloc_context3(avcodec_find_decoder(in.codec_id()));
        if (avcodec_parameters_to_context(decoder, in) < 0 || avcodec_open2(decoder, decoder.codec(), (org.bytedeco.ffmpeg.avutil.AVDictionary) null) < 0) {
            throw new IOException("cannot decode the recorded audio");
        }
        rate = in.sample_rate();
        encoder = avcodec_alloc_context3(avcodec_find_encoder(AV_CODEC_ID_AAC));
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        encoder.sample_rate(rate);
        av_channel_layout_default(encoder.ch_layout(), 1);
        encoder.bit_rate(32_000);
        encoder.time_base(av_make_q(1, rate));
        if (globalHeader) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        if (avcodec_open2(encoder, encoder.codec(), (org.bytedeco.ffmpeg.avutil.AVDictionary) null) < 0) {
            throw new IOException("cannot encode AAC audio");
        }
        frameSize = encoder.frame_size() > 0 ? encoder.frame_size() : 1024;
        pending = new float[frameSize];
        frame.nb_samples(frameSize);
        frame.format(AV_SAMPLE_FMT_FLTP);
        av_channel_layout_copy(frame.ch_layout(), encoder.ch_layout());
        frame.sample_rate(rate);
        if (av_frame_get_buffer(frame, 0) < 0) {
            throw new IOException("cannot allocate an audio frame");
        }
    }

    AVCodecContext encoder() {
        return encoder;
    }

    /** Decodes one G.711 packet whose position is {@code ptsSamples} (in samples) and emits whole AAC frames. */
    void push(AVPacket pkt, long ptsSamples, Sink sink) throws IOException {
        long expected = nextPts == Long.MIN_VALUE ? Long.MIN_VALUE : nextPts + fill;
        if (expected == Long.MIN_VALUE || Math.abs(ptsSamples - expected) > rate / 2) {
            fill = 0; // first packet, or a gap between segments: restart the audio clock there
            nextPts = ptsSamples;
        }
        if (avcodec_send_packet(decoder, pkt) < 0) {
            return; // a damaged audio packet: skip it
        }
        while (avcodec_receive_frame(decoder, decoded) == 0) {
            int n = decoded.nb_samples();
            int ch = Math.max(1, decoded.ch_layout().nb_channels());
            if (shorts.length < n * ch) {
                shorts = new short[n * ch];
            }
            if (decoded.format() != AV_SAMPLE_FMT_S16) {
                continue;
            }
            new ShortPointer(decoded.data(0)).get(shorts, 0, n * ch);
            for (int i = 0; i < n; i++) {
                pending[fill++] = shorts[i * ch] / 32768f;
                if (fill == frameSize) {
                    encode(sink);
                }
            }
        }
    }

    private void encode(Sink sink) throws IOException {
        av_frame_make_writable(frame);
        new FloatPointer(frame.data(0)).put(pending, 0, frameSize);
        frame.pts(nextPts);
        nextPts += frameSize;
        fill = 0;
        send(frame, sink);
    }

    private void send(AVFrame f, Sink sink) throws IOException {
        if (avcodec_send_frame(encoder, f) < 0) {
            throw new IOException("AAC encoding failed");
        }
        while (avcodec_receive_packet(encoder, out) == 0) {
            try {
                sink.accept(out);
            } finally {
                av_packet_unref(out);
            }
        }
    }

    /** Emits what the encoder still holds. */
    void flush(Sink sink) throws IOException {
        send(null, sink);
    }

    @Override
    public void close() {
        av_frame_free(decoded);
        av_frame_free(frame);
        av_packet_free(out);
        avcodec_free_context(decoder);
        avcodec_free_context(encoder);
    }
}
