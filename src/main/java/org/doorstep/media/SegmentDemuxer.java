package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

import org.doorstep.privacy.DecryptingSegmentReader;
/**
 * Demuxes an encrypted segment through FFmpeg's custom AVIO (read + seek callbacks) over a
 * {@link DecryptingSegmentReader}: FFmpeg sees the plain fragmented MP4, the disk only ever holds ciphertext.
 */
public final class SegmentDemuxer implements AutoCloseable {
    private static final int AVIO_BUFFER = 64 * 1024;
    private static final int AVSEEK_SIZE = 0x10000;
    private static final Map<Long, SegmentDemuxer> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            SegmentDemuxer d = BY_OPAQUE.get(opaque.address());
            if (d == null) {
                return -5;
            }
            try {
                int n = d.reader.read(d.pos, buf, size);
                if (n < 0) {
                    return AVERROR_EOF;
                }
                d.pos += n;
                return n;
            } catch (IOException e) {
                d.error = e;
                return -5;
            }
        }
    };
    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            SegmentDemuxer d = BY_OPAQUE.get(opaque.address());
            if (d == null) {
                return -1;
            }
            long size = d.reader.size();
            switch (whence & ~0x20000) { // AVSEEK_FORCE
                case AVSEEK_SIZE:
                    return size;
                case 0:
                    d.pos = offset;
                    break;
                case 1:
                    d.pos += offset;
                    break;
                case 2:
                    d.pos = size + offset;
                    break;
                default:
                    return -1;
            }
            return d.pos;
        }
    };

    private final DecryptingSegmentReader reader;
    private final LongPointer opaque = new LongPointer(1);
    private AVFormatContext ctx;
    private AVIOContext avio;
    private long pos;
    private IOException error;
    private int videoIndex = -1;
    private int audioIndex = -1;

    public SegmentDemuxer(DecryptingSegmentReader reader) throws IOException {
        this.reader = reader;
        opaque.put(IDS.incrementAndGet());
        BY_OPAQUE.put(opaque.address(), this);
        avio = avio_alloc_context(new BytePointer(av_malloc(AVIO_BUFFER)), AVIO_BUFFER, 0, opaque, READ, null, SEEK);
        ctx = avformat_alloc_context();
        ctx.pb(avio);
        int ret = avformat_open_input(ctx, (String) null, null, null);
        if (ret < 0) {
            ctx = null;
            close();
            throw error != null ? error : new IOException("the recording cannot be read (" + ret + ")");
        }
        ret = avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
        if (ret < 0) {
            close();
            throw error != null ? error : new IOException("the recording cannot be read (" + ret + ")");
        }
        for (int i = 0; i < ctx.nb_streams(); i++) {
            int t = ctx.streams(i).codecpar().codec_type();
            if (t == AVMEDIA_TYPE_VIDEO && videoIndex < 0) {
                videoIndex = i;
            } else if (t == AVMEDIA_TYPE_AUDIO && audioIndex < 0) {
                audioIndex = i;
            }
        }
    }

    /** Next packet into {@code pkt} (caller unrefs); false at the end. Throws when the file is damaged. */
    public boolean read(AVPacket pkt) throws IOException {
        int ret = av_read_frame(ctx, pkt);
        if (error != null) {
            throw error;
        }
        if (ret == AVERROR_EOF) {
            return false;
        }
        if (ret < 0) {
            throw new IOException("the recording cannot be read (" + ret + ")");
        }
        return true;
    }

    public AVFormatContext context() {
        return ctx;
    }

    public AVStream video() {
        return videoIndex < 0 ? null : ctx.streams(videoIndex);
    }

    public AVStream audio() {
        return audioIndex < 0 ? null : ctx.streams(audioIndex);
    }

    public int videoIndex() {
        return videoIndex;
    }

    public int audioIndex() {
        return audioIndex;
    }

    @Override
    public void close() {
        BY_OPAQUE.remove(opaque.address());
        if (ctx != null) {
            avformat_close_input(ctx);
            ctx = null;
        }
        if (avio != null) {
            av_free(avio.buffer());
            avio.buffer(null);
            avio_context_free(avio);
            avio = null;
        }
        opaque.close();
    }
}
