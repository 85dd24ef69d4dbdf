package org.doorstep.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Re-encrypts an encrypted segment or thumbnail under another key, without a clear byte touching the disk: the
 * plaintext goes from the decrypting reader straight into a new encrypting writer. The plaintext is unchanged, so
 * the keyframe offsets indexed for the file stay valid. Used by erase for footage it keeps that shared a day key
 * with footage it erases: the old key can then be destroyed without losing the kept part.
 */
public final class SegmentRekeyer {
    private final SegmentKeyStore keys;
    private final EncryptingSegmentWriter.Buffers buffers = new EncryptingSegmentWriter.Buffers();

    public SegmentRekeyer(SegmentKeyStore keys) {
        this.keys = keys;
    }

    /** Writes {@code target} (must not exist) with the plaintext of {@code source} under {@code key}; returns its size. */
    public synchronized long rekey(Path source, Path target, SegmentKeyStore.SegmentKey key) throws IOException {
        byte[] buf = new byte[256 * 1024];
        boolean ok = false;
        try (DecryptingSegmentReader reader = DecryptingSegmentReader.open(source, keys);
             InputStream in = reader.stream(0);
             EncryptingSegmentWriter writer = new EncryptingSegmentWriter(target, key, buffers)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                writer.write(buf, 0, n);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(target);
            }
        }
        return Files.size(target);
    }

    /** The id of the key a stored file's header names (what decrypts it). */
    public static String keyIdOf(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            return SegmentCrypto.readHeader(ch).keyId();
        }
    }
}
