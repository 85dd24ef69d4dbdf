package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg custom I/O (read + seek callbacks) over a {@link SeekableSource}. The source's own exception is kept, so a
 * caller can tell "the file was altered" from "FFmpeg could not parse it".
 */
final class SourceAvio implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int EIO = -5;

    // JavaCPP can create only a handful of callback thunks per class, and native code cannot hold a Java reference:
    // one READ/SEEK pair serves every source, finding it by the id behind FFmpeg's opaque pointer.
    private static final Map<Long, SourceAvio> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            SourceAvio s = BY_OPAQUE.get(opaque.address());
            return s == null ? EIO : s.read(buf, size);
        }
    };
    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            SourceAvio s = BY_OPAQUE.get(opaque.address());
            return s == null ? -1 : s.seek(offset, whence);
        }
    };

    private final SeekableSource source;
    private final LongPointer opaque = new LongPointer(1);
    private AVIOContext avio;
    private long pos;
    private IOException error;

    SourceAvio(SeekableSource source) {
        this.source = source;
        opaque.put(IDS.incrementAndGet());
        BY_OPAQUE.put(opaque.address(), this);
        avio = avio_alloc_context(new BytePointer(av_malloc(BUFFER_BYTES)), BUFFER_BYTES, 0, opaque, READ, null, SEEK);
    }

    AVIOContext context() {
        return avio;
    }

    /** What the source threw, or null: FFmpeg only saw an I/O error code. */
    IOException error() {
        return error;
    }

    private int read(BytePointer buf, int size) {
        try {
            int n = source.read(pos, buf, size);
            if (n < 0) {
                return AVERROR_EOF;
            }
            pos += n;
            return n;
        } catch (IOException e) {
            error = e;
            return EIO;
        }
    }

    private long seek(long offset, int whence) {
        long size = source.size();
        switch (whence & ~AVSEEK_FORCE) {
            case AVSEEK_SIZE:
                return size;
            case 0: // SEEK_SET
                pos = offset;
                break;
            case 1: // SEEK_CUR
                pos += offset;
                break;
            case 2: // SEEK_END
                pos = size + offset;
                break;
            default:
                return -1;
        }
        return pos;
    }

    /** Only after the format context that used it is closed (FFmpeg does not free custom I/O itself). */
    @Override
    public void close() {
        BY_OPAQUE.remove(opaque.address());
        if (avio != null) {
            // FFmpeg may have replaced the buffer it was given; free the one it holds now
            av_free(avio.buffer());
            avio.buffer(null);
            avio_context_free(avio);
            avio = null;
        }
        opaque.close();
    }
}
