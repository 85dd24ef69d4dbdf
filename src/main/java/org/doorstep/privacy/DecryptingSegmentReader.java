package org.doorstep.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.doorstep.media.SeekableSource;

/**
 * Random-access plaintext view of an encrypted segment: decrypts the chunk that holds the requested position on the
 * fly (one chunk cached), so playback and export never write decrypted footage to disk.
 *
 * <p>Strict mode (playback, export) refuses a file without its final chunk, or with any chunk altered, moved or
 * cut: a tampered file is an error, never silently shorter. Recovery mode (start-up reconcile after a crash) reads a
 * cut-short file up to its last chunk that authenticates.
 */
public final class DecryptingSegmentReader implements SeekableSource, AutoCloseable {
    private final FileChannel channel;
    private final SegmentCrypto.ChunkDecryptor decryptor;
    private final long[] fileOffsets;
    private final long[] plainStarts;
    private final int[] cipherLengths;
    private final int chunks;
    private final boolean complete;
    private final long size;
    private final String keyId;
    private byte[] cache = new byte[0];
    private byte[] cipherBuf = new byte[0];
    private int cachedChunk = -1;
    private int cachedLength;

    /** The key of this segment is gone (destroyed by an erase, or the key store was lost). */
    public static final class KeyMissingException extends IOException {
        public KeyMissingException(String keyId) {
            super("the key " + keyId + " of this recording no longer exists; the footage cannot be decrypted");
        }
    }

    /** The file was altered or cut short. */
    public static final class DamagedSegmentException extends IOException {
        public DamagedSegmentException(String message) {
            super(message);
        }
    }

    public static DecryptingSegmentReader open(Path file, SegmentKeyStore keys) throws IOException {
        return new DecryptingSegmentReader(file, keys, false);
    }

    public static DecryptingSegmentReader openForRecovery(Path file, SegmentKeyStore keys) throws IOException {
        return new DecryptingSegmentReader(file, keys, true);
    }

    private DecryptingSegmentReader(Path file, SegmentKeyStore keys, boolean recovery) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            SegmentCrypto.Header header = SegmentCrypto.readHeader(channel);
            this.keyId = header.keyId();
            SegmentKeyStore.SegmentKey key = keys.find(header.keyId()).orElseThrow(() -> new KeyMissingException(header.keyId()));
            this.decryptor = new SegmentCrypto.ChunkDecryptor(key.secret(), header);
            long fileSize = channel.size();
            long pos = header.length();
            long plain = 0;
            long[] offs = new long[64];
            long[] starts = new long[64];
            int[] lens = new int[64];
            int n = 0;
            boolean sawFinal = false;
            ByteBuffer word = ByteBuffer.allocate(4);
            while (pos + 4 <= fileSize) {
                word.clear();
                channel.read(word, pos);
                if (word.position() < 4) {
                    break;
                }
                int w = word.getInt(0);
                int len = w & ~SegmentCrypto.FINAL_BIT;
                if (len < SegmentCrypto.TAG_BYTES || len > SegmentCrypto.MAX_CHUNK + SegmentCrypto.TAG_BYTES
                        || pos + 4 + len > fileSize) {
                    break; // a chunk cut by a crash, or garbage
                }
                if (n == offs.length) {
                    offs = Arrays.copyOf(offs, n * 2);
                    starts = Arrays.copyOf(starts, n * 2);
                    lens = Arrays.copyOf(lens, n * 2);
                }
                offs[n] = pos + 4;
                starts[n] = plain;
                lens[n] = len;
                n++;
                plain += len - SegmentCrypto.TAG_BYTES;
                pos += 4 + len;
                if ((w & SegmentCrypto.FINAL_BIT) != 0) {
                    sawFinal = true;
                    break;
                }
            }
            boolean whole = sawFinal && pos == fileSize;
            if (!recovery && !whole) {
                throw new DamagedSegmentException(sawFinal ? "the recording has unexpected data after its end"
                        : "the recording is incomplete (cut off)");
            }
            this.fileOffsets = offs;
            this.plainStarts = starts;
            this.cipherLengths = lens;
            if (recovery) {
                // Keep the longest prefix of chunks that authenticate; the last may be final or (crash) not.
                int good = 0;
                boolean lastFinal = false;
                for (int i = 0; i < n; i++) {
                    boolean isLast = i == n - 1;
                    if (tryDecrypt(i, isLast && sawFinal)) {
                        good = i + 1;
                        lastFinal = isLast && sawFinal;
                    } else {
                        break;
                    }
                }
                this.chunks = good;
                this.complete = lastFinal && pos == fileSize;
            } else {
                this.chunks = n;
                this.complete = true;
            }
            this.size = chunks == 0 ? 0 : plainStarts[chunks - 1] + cipherLengths[chunks - 1] - SegmentCrypto.TAG_BYTES;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private boolean tryDecrypt(int index, boolean last) throws IOException {
        try {
            load(index, last);
            return true;
        } catch (GeneralSecurityException e) {
            cachedChunk = -1;
            return false;
        }
    }

    private void load(int index, boolean last) throws IOException, GeneralSecurityException {
        int len = cipherLengths[index];
        if (cipherBuf.length < len) {
            cipherBuf = new byte[len];
            cache = new byte[len];
        }
        ByteBuffer b = ByteBuffer.wrap(cipherBuf, 0, len);
        while (b.hasRemaining()) {
            if (channel.read(b, fileOffsets[index] + b.position()) < 0) {
                throw new DamagedSegmentException("the recording is shorter than its index says");
            }
        }
        cachedLength = decryptor.decrypt(index, last, cipherBuf, 0, len, cache);
        cachedChunk = index;
    }

    /** Plaintext size in bytes (of the readable part, in recovery mode). */
    @Override
    public long size() {
        return size;
    }

    /** False when the file ended without its final chunk (recovery mode only). */
    public boolean complete() {
        return complete;
    }

    public String keyId() {
        return keyId;
    }

    /** Reads up to {@code len} plaintext bytes at {@code pos}; returns -1 at the end. */
    public int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos >= size) {
            return -1;
        }
        int within = cacheChunkAt(pos);
        int n = Math.min(len, cachedLength - within);
        System.arraycopy(cache, within, dst, off, n);
        return n;
    }

    /** Reads into native memory (FFmpeg's AVIO buffer) without an intermediate array per call. */
    @Override
    public int read(long pos, org.bytedeco.javacpp.BytePointer dst, int len) throws IOException {
        if (pos >= size) {
            return -1;
        }
        int within = cacheChunkAt(pos);
        int n = Math.min(len, cachedLength - within);
        dst.position(0).put(cache, within, n);
        return n;
    }

    /** Makes the chunk holding {@code pos} (below {@link #size}) the cached one; returns the offset within it. */
    private int cacheChunkAt(long pos) throws IOException {
        int idx = chunkOf(pos);
        if (idx != cachedChunk) {
            try {
                load(idx, complete && idx == chunks - 1);
            } catch (GeneralSecurityException e) {
                cachedChunk = -1;
                throw new DamagedSegmentException("the recording was altered (authentication failed)");
            }
        }
        return (int) (pos - plainStarts[idx]);
    }

    private int chunkOf(long pos) {
        int i = Arrays.binarySearch(plainStarts, 0, chunks, pos);
        return i >= 0 ? i : -i - 2;
    }

    /** A sequential stream over the plaintext from {@code start}. */
    public InputStream stream(long start) {
        return new InputStream() {
            private long pos = start;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = DecryptingSegmentReader.this.read(pos, b, off, len);
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
