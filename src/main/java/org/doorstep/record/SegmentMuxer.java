package org.doorstep.record;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.doorstep.media.StreamInput;
import org.doorstep.privacy.EncryptingSegmentWriter;

/**
 * Muxes copied packets into a fragmented MP4 (or MOV) that goes through FFmpeg's custom AVIO straight into an
 * {@link EncryptingSegmentWriter}: FFmpeg never opens a file, so no clear byte touches the disk.
 *
 * <p>Why fragmented MP4 ({@code frag_keyframe+empty_moov+default_base_moof}, {@code frag_duration} 1 s): a plain MP4
 * writes its index (moov) at the end, so a crash loses the whole file. With fragments, each moof+mdat is complete
 * in itself; after every packet we flush FFmpeg's buffer and seal what it produced as one encrypted chunk, so a
 * kill -9 loses at most the fragment being built (≤ 1 s) plus the packet in flight.
 *
 * <p>Audio: AAC (and other MP4 codecs) are copied. G.711 cannot be stored in MP4, so for G.711 the container is
 * QuickTime MOV (same fragmenting code in FFmpeg, holds ulaw/alaw natively, codec tag cleared): copying costs
 * nothing, whereas transcoding to AAC would cost a decoder and encoder per camera all day. Export turns it into AAC
 * once, only for the minutes exported.
 */
final class SegmentMuxer implements AutoCloseable {
    /**
     * FFmpeg's write buffer in front of the writer. A finished fragment (about 0.5 MB a second for a 4 Mbit/s camera)
     * passes through it in pieces this size, each copied into the writer's chunk; bigger only kept more native memory
     * touched per recording stream (it was 256 KiB) for fewer, cheap calls.
     */
    private static final int AVIO_BUFFER = 32 * 1024;
    private static final Map<Long, SegmentMuxer> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Write_packet_Pointer_BytePointer_int WRITE = new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            SegmentMuxer m = BY_OPAQUE.get(opaque.address());
            if (m == null) {
                return -5;
            }
            try {
                m.writer.write(buf, size);
                return size;
            } catch (IOException e) {
                m.writeError = e;
                return -5; // AVERROR(EIO)
            }
        }
    };

    private final EncryptingSegmentWriter writer;
    private final AVFormatContext oc;
    private final AVIOContext avio;
    private final LongPointer opaque;
    private final AVRational[] inTimeBase = new AVRational[2];
    private final AVStream[] outStreams = new AVStream[2];
    /** Output time bases, read once after the header (the muxer may change them there). */
    private final AVRational[] outTimeBase = new AVRational[2];
    private IOException writeError;
    private boolean headerWritten;

    /** True when this audio codec can be copied into the segment at all. */
    static boolean canCopyAudio(int codecId) {
        return MediaFormats.isMp4Audio(codecId) || MediaFormats.isG711(codecId);
    }

    SegmentMuxer(EncryptingSegmentWriter writer, AVStream video, AVStream audio) throws IOException {
        this(writer, video.codecpar(), video.time_base(), audio);
    }

    /**
     * A muxer whose video is described by {@code videoPar} rather than an input stream: a masked camera's video
     * comes from the re-encoder, not the camera.
     */
    SegmentMuxer(EncryptingSegmentWriter writer, AVCodecParameters videoPar, AVRational videoTimeBase, AVStream audio)
            throws IOException {
        this.writer = writer;
        this.opaque = new LongPointer(1);
        opaque.put(IDS.incrementAndGet());
        boolean g711 = audio != null && MediaFormats.isG711(audio.codecpar().codec_id());
        oc = new AVFormatContext(null);
        int ret = avformat_alloc_output_context2(oc, null, g711 ? "mov" : "mp4", null);
        if (ret < 0) {
            throw new IOException("cannot create muxer: " + StreamInput.errorText(ret));
        }
        BytePointer buffer = new BytePointer(av_malloc(AVIO_BUFFER));
        avio = avio_alloc_context(buffer, AVIO_BUFFER, 1, opaque, null, WRITE, null);
        oc.pb(avio);
        BY_OPAQUE.put(opaque.address(), this);
        try {
            addStream(0, videoPar, videoTimeBase);
            if (audio != null) {
                addStream(1, audio.codecpar(), audio.time_base());
            }
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
            av_dict_set(opts, "frag_duration", "1000000", 0);
            ret = avformat_write_header(oc, opts);
            av_dict_free(opts);
            if (ret < 0) {
                throw new IOException("cannot start segment: " + StreamInput.errorText(ret));
            }
            headerWritten = true;
            for (int i = 0; i < 2; i++) {
                if (outStreams[i] != null) {
                    outTimeBase[i] = outStreams[i].time_base();
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private void addStream(int slot, AVCodecParameters in, AVRational timeBase) throws IOException {
        AVStream out = avformat_new_stream(oc, null);
        AVCodecParameters par = out.codecpar();
        if (avcodec_parameters_copy(par, in) < 0) {
            throw new IOException("cannot copy stream parameters");
        }
        par.codec_tag(0); // RTSP/Matroska tags mean nothing to MP4/MOV; let the muxer choose
        out.time_base(timeBase);
        inTimeBase[slot] = timeBase;
        outStreams[slot] = out;
    }

    boolean hasAudio() {
        return outStreams[1] != null;
    }

    /**
     * Writes one packet whose pts/dts are already rebased to this segment (in the input stream's time base).
     * Returns the plaintext offset at which data produced after this packet starts (the start of the fragment
     * that a keyframe opens).
     */
    long write(AVPacket pkt, int slot) throws IOException {
        AVStream out = outStreams[slot];
        int inIndex = pkt.stream_index();
        pkt.stream_index(out.index());
        org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts(pkt, inTimeBase[slot], outTimeBase[slot]);
        pkt.pos(-1);
        int ret = av_write_frame(oc, pkt);
        pkt.stream_index(inIndex);
        if (writeError != null) {
            throw writeError;
        }
        if (ret < 0) {
            throw new IOException("muxing failed: " + StreamInput.errorText(ret));
        }
        flush();
        return writer.plaintextBytes();
    }

    long plaintextBytes() {
        return writer.plaintextBytes();
    }

    long fileBytes() {
        return writer.fileBytes();
    }

    private void flush() throws IOException {
        avio_flush(avio);
        if (writeError != null) {
            throw writeError;
        }
        writer.seal();
    }

    /** Writes the last fragment and the trailer, and seals the final chunk. */
    @Override
    public void close() throws IOException {
        try {
            if (headerWritten) {
                av_write_trailer(oc);
                avio_flush(avio);
                if (writeError != null) {
                    throw writeError;
                }
            }
            writer.close();
        } finally {
            release();
        }
    }

    /** Drops the muxer without writing more (the disk failed). */
    void abandon() {
        writer.abandon();
        release();
    }

    private void release() {
        BY_OPAQUE.remove(opaque.address());
        if (avio != null && !avio.isNull()) {
            org.bytedeco.ffmpeg.global.avutil.av_free(avio.buffer());
            avio.buffer(null);
            avio_context_free(avio);
        }
        oc.pb(null);
        avformat_free_context(oc);
        opaque.close();
    }
}
