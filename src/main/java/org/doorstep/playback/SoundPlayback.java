package org.doorstep.playback;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.doorstep.common.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one camera's recorded sound (AAC or G.711, decoded by FFmpeg, resampled by swresample to 16-bit PCM) through
 * {@code javax.sound.sampled}, in step with the playhead: each decoded piece is written when the playhead reaches its
 * recording time, late pieces are dropped, and nothing plays while paused or at any speed but 1× (sped-up sound
 * helps nobody find a moment). Without a sound device (a server, CI) it decodes nothing and says so once.
 */
final class SoundPlayback implements SoundOut, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoundPlayback.class);
    /** Sound more than this behind the playhead is dropped; the line's own buffer is about as long. */
    private static final long LATE_MS = 150;
    private static final int QUEUE = 256;

    private record Piece(Instant at, byte[] pcm) {}

    private final Playhead playhead;
    private final BlockingQueue<Piece> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private final LineOpener lines;
    private AVCodecContext decoder;
    private AVCodecParameters decoderFor;
    private SwrContext swr;
    private final AVFrame frame = av_frame_alloc();
    private int channels;
    private int rate;
    private SourceDataLine line;
    private AudioFormat lineFormat;
    private volatile boolean silent;
    private volatile boolean closed;

    /** Opens a sound line for a format; throws when this computer has none. */
    @FunctionalInterface
    interface LineOpener {
        SourceDataLine open(AudioFormat format) throws LineUnavailableException;

        LineOpener SYSTEM = format -> {
            SourceDataLine l = AudioSystem.getSourceDataLine(format);
            l.open(format, (int) (format.getFrameRate() * format.getFrameSize() / 8)); // ~125 ms
            return l;
        };
    }

    private final Consumer<Notice> notices;
    private final String camera;

    SoundPlayback(String camera, Playhead playhead, LineOpener lines, Consumer<Notice> notices) {
        this.camera = camera;
        this.playhead = playhead;
        this.lines = lines;
        this.notices = notices;
        this.writer = Threads.start(this::writeLoop, "sound " + camera);
    }

    /** True once it turned out that there is no sound device. */
    boolean silent() {
        return silent;
    }

    @Override
    public void packet(AVStream stream, AVPacket packet, Instant at) {
        if (silent || closed || !playhead.playing() || playhead.speed() != 1.0) {
            return;
        }
        if (!ensureDecoder(stream.codecpar())) {
            return;
        }
        if (avcodec_send_packet(decoder, packet) < 0) {
            return; // a corrupt packet: a click of silence, not a reason to stop
        }
        long samplesBefore = 0;
        while (true) {
            av_frame_unref(frame);
            if (avcodec_receive_frame(decoder, frame) < 0) {
                return;
            }
            byte[] pcm = convert(frame);
            Instant pieceAt = at.plusNanos(samplesBefore * 1_000_000_000L / Math.max(1, rate));
            samplesBefore += frame.nb_samples();
            if (pcm != null && !queue.offer(new Piece(pieceAt, pcm))) {
                return; // the writer is far behind: drop rather than hold up the picture
            }
        }
    }

    @Override
    public void reset() {
        queue.clear();
        SourceDataLine l = line;
        if (l != null) {
            l.flush();
        }
    }

    private boolean ensureDecoder(AVCodecParameters par) {
        if (decoder != null && decoderFor != null && decoderFor.codec_id() == par.codec_id()
                && decoderFor.sample_rate() == par.sample_rate()
                && decoderFor.ch_layout().nb_channels() == par.ch_layout().nb_channels()) {
            return true;
        }
        freeDecoder();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null) {
            return false;
        }
        decoder = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(decoder, par);
        if (avcodec_open2(decoder, codec, (PointerPointer<?>) null) < 0) {
            freeDecoder();
            return false;
        }
        decoderFor = par;
        rate = decoder.sample_rate();
        channels = Math.min(2, Math.max(1, decoder.ch_layout().nb_channels()));
        AVChannelLayout outLayout = new AVChannelLayout();
        av_channel_layout_default(outLayout, channels);
        swr = new SwrContext(null); // a null context: swr_alloc_set_opts2 allocates one into it
        if (swr_alloc_set_opts2(swr, outLayout, AV_SAMPLE_FMT_S16, rate, decoder.ch_layout(),
                decoder.sample_fmt(), rate, 0, null) < 0 || swr.isNull()) {
            freeDecoder();
            return false;
        }
        if (swr_init(swr) < 0) {
            freeDecoder();
            return false;
        }
        return true;
    }

    private byte[] convert(AVFrame decoded) {
        int max = swr_get_out_samples(swr, decoded.nb_samples());
        if (max <= 0) {
            return null;
        }
        BytePointer out = new BytePointer((long) max * channels * 2);
        PointerPointer<BytePointer> planes = new PointerPointer<>(8);
        try {
            planes.put(0, out);
            int n = swr_convert(swr, planes, max, decoded.extended_data(), decoded.nb_samples());
            if (n <= 0) {
                return null;
            }
            byte[] pcm = new byte[n * channels * 2];
            out.get(pcm);
            return pcm;
        } finally {
            planes.close();
            out.close();
        }
    }

    private void writeLoop() {
        try {
            while (!closed) {
                Piece p = queue.poll(250, TimeUnit.MILLISECONDS);
                if (p == null) {
                    continue;
                }
                long ahead = Duration.between(playhead.position(), p.at()).toMillis();
                while (ahead > 0 && playhead.playing() && !closed) {
                    Thread.sleep(Math.min(ahead, 50)); // re-checked: a seek or pause changes what is due
                    ahead = Duration.between(playhead.position(), p.at()).toMillis();
                }
                if (ahead < -LATE_MS || !playhead.playing() || playhead.speed() != 1.0) {
                    continue;
                }
                write(p.pcm());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(byte[] pcm) {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        if (line == null || !format.matches(lineFormat)) {
            if (line != null) {
                line.close();
                line = null;
            }
            try {
                line = lines.open(format);
                lineFormat = format;
                line.start();
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                goSilent(e.getMessage());
                return;
            }
        }
        line.write(pcm, 0, pcm.length);
    }

    private void goSilent(String why) {
        if (!silent) {
            silent = true;
            queue.clear();
            LOG.info("no sound output ({}); playing without sound", why);
            notices.accept(new Notice(Notice.Kind.NO_SOUND_DEVICE, camera, playhead.position(), Duration.ZERO));
        }
    }

    private void freeDecoder() {
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (swr != null && !swr.isNull()) {
            swr_free(swr);
        }
        swr = null;
        decoderFor = null;
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (line != null) {
            line.close();
        }
    }

    /** Frees the decoder; only on the player thread, after its last {@link #packet}. */
    void release() {
        freeDecoder();
        av_frame_free(frame);
    }
}
