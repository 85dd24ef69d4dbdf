package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacpp.BytePointer;
import org.doorstep.common.Permissions;

/**
 * Writes one encrypted segment file (format: {@link SegmentCrypto}). Plaintext is gathered in one reusable
 * {@link Buffers#CHUNK} buffer and sealed as a chunk when the muxer finishes a fragment ({@link #seal()}), when the
 * buffer is full, or at {@link #close()} (final chunk). Nothing reaches the disk in the clear, and there is no
 * allocation per write: the buffers live as long as the writer, and FFmpeg's bytes are copied straight from native
 * memory into them.
 */
public final class EncryptingSegmentWriter implements AutoCloseable {
    private final FileChannel channel;
    private final SegmentCrypto.ChunkEncryptor encryptor;
    private final byte[] plain;
    private final byte[] cipherOut;
    private final ByteBuffer cipherView;
    private final long syncIntervalNanos;
    private int fill;
    private int chunkIndex;
    private long plaintextBytes;
    private long fileBytes;
    private long lastSync = System.nanoTime();
    private boolean closed;

    /**
     * @param buffers reusable plaintext/ciphertext buffers (kept per camera so a segment change allocates nothing)
     */
    public EncryptingSegmentWriter(Path file, SegmentKeyStore.SegmentKey key, Buffers buffers) throws IOException {
        SegmentCrypto.Header header = SegmentCrypto.newHeader(key.id());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Permissions.ownerOnly(file);
            this.encryptor = new SegmentCrypto.ChunkEncryptor(key.secret(), header);
            buffers.allocate();
            this.plain = buffers.plain;
            this.cipherOut = buffers.cipher;
            this.cipherView = buffers.cipherView;
            this.syncIntervalNanos = 1_000_000_000L;
            writeFully(ByteBuffer.wrap(header.bytes()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The two buffers one writer needs; reuse them across segments of one stream. Made when the first writer opens
     * with them, so a holder that may never write (erase's cutter and rekeyer, the thumbnails) keeps no heap until
     * then. One writer at a time.
     */
    public static final class Buffers {
        /**
         * Plaintext per chunk at most. An eighth of what the format allows ({@link SegmentCrypto#MAX_CHUNK}): every
         * recording camera keeps its pair of buffers all day, and with 1 MiB each they were 2 MiB of each camera's
         * live heap (CameraCostBench, class histogram; then 256 KiB); a fragment bigger than this (a 1 s fragment
         * above 1 Mbit/s) simply becomes two or more chunks, each sealed and readable on its own, at 20 bytes and one
         * cipher set-up each.
         */
        public static final int CHUNK = 128 * 1024;
        private byte[] plain;
        private byte[] cipher;
        private ByteBuffer cipherView;

        private void allocate() {
            if (plain == null) {
                plain = new byte[CHUNK];
                cipher = new byte[CHUNK + SegmentCrypto.TAG_BYTES + 4];
                cipherView = ByteBuffer.wrap(cipher);
            }
        }
    }

    /** Appends {@code len} bytes from native memory (FFmpeg's AVIO buffer). */
    public void write(BytePointer src, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (fill == plain.length) {
                sealChunk(false);
            }
            int n = Math.min(len - done, plain.length - fill);
            src.position(done).get(plain, fill, n);
            fill += n;
            done += n;
        }
        plaintextBytes += len;
    }

    public void write(byte[] src, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (fill == plain.length) {
                sealChunk(false);
            }
            int n = Math.min(len - done, plain.length - fill);
            System.arraycopy(src, off + done, plain, fill, n);
            fill += n;
            done += n;
        }
        plaintextBytes += len;
    }

    /** Seals what is buffered as one chunk so it survives a crash; a no-op when nothing is pending. */
    public void seal() throws IOException {
        if (fill > 0) {
            sealChunk(false);
        }
    }

    private void sealChunk(boolean last) throws IOException {
        int n = encryptor.encrypt(chunkIndex++, last, plain, fill, cipherOut);
        fill = 0;
        cipherView.clear().limit(n);
        writeFully(cipherView);
        long now = System.nanoTime();
        // A power cut loses what the OS has not written back; syncing about once a second bounds that loss.
        if (last || now - lastSync >= syncIntervalNanos) {
            channel.force(false);
            lastSync = now;
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            fileBytes += channel.write(b);
        }
    }

    /** Plaintext bytes accepted so far (the offset the next byte will have in the decrypted file). */
    public long plaintextBytes() {
        return plaintextBytes;
    }

    /** Bytes on disk so far. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Seals the rest as the final chunk and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sealChunk(true);
        } finally {
            channel.close();
        }
    }

    /** Closes without a final chunk (the disk failed); the file stays as a crash would leave it. */
    public void abandon() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the disk is gone; reconcile deals with the file if it comes back
        }
    }
}
