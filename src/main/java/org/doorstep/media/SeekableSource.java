package org.doorstep.media;

import java.io.IOException;
import org.bytedeco.javacpp.BytePointer;

/**
 * Random-access bytes that FFmpeg reads through custom I/O instead of a file or URL. It lets {@code media} demux
 * what a higher layer produces (decrypted recordings) without knowing how it is produced.
 */
public interface SeekableSource {

    /** Total size in bytes. */
    long size();

    /**
     * Copies up to {@code length} bytes at {@code position} into native memory from its start (FFmpeg's I/O buffer).
     *
     * @return the bytes copied, at least one, or -1 at the end
     * @throws IOException when the bytes cannot be produced (the message explains it to a person)
     */
    int read(long position, BytePointer into, int length) throws IOException;
}
