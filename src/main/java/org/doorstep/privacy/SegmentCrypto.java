package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted segment format: chunked AES-256-GCM with random access.
 *
 * <p>Why our own chunking instead of Tink's streaming AEAD: the recorder must seal whatever it has at every
 * MP4 fragment (about once a second) so that a kill -9 or power cut loses at most ~2 s, and a recovered file must
 * decrypt up to its last sealed chunk. Tink's segments are fixed-size and its reader treats the last segment as
 * final, so a crash-truncated file loses its tail and cannot be read without re-encrypting. Here chunks have a
 * variable length, so a chunk is sealed at each fragment, and the last one carries a "final" flag.
 *
 * <pre>
 * header : "DSEG" | version(1)=1 | keyIdLength(1) | keyId (ASCII) | salt(16) | noncePrefix(7)
 * chunk  : uint32 BE (bit 31 = final, bits 0..30 = ciphertext length incl. 16-byte tag) | ciphertext
 * fileKey = HMAC-SHA256(dataKey, "doorstep-segment-v1" | salt)      (a fresh key per file)
 * nonce   = noncePrefix(7) | chunkIndex (uint32 BE) | final(1)     (reordering and truncation are detected)
 * AAD     = the whole header                                       (key id and salt cannot be swapped)
 * </pre>
 * The final flag in the clear length word is only a hint; the one that counts is in the nonce. A file without a
 * final chunk was cut short (crash); readers in strict mode refuse it, recovery reads it up to its last good chunk.
 */
public final class SegmentCrypto {
    public static final byte[] MAGIC = "DSEG".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int TAG_BYTES = 16;
    public static final int SALT_BYTES = 16;
    public static final int PREFIX_BYTES = 7;
    public static final int FINAL_BIT = 0x8000_0000;
    /** Largest plaintext chunk; the writer seals earlier at every fragment. */
    public static final int MAX_CHUNK = 1 << 20;
    private static final byte[] INFO = "doorstep-segment-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentCrypto() {}

    /** The parsed header of an encrypted segment. */
    public record Header(String keyId, byte[] salt, byte[] noncePrefix, byte[] bytes) {
        public int length() {
            return bytes.length;
        }
    }

    public static Header newHeader(String keyId) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + id.length + SALT_BYTES + PREFIX_BYTES);
        b.put(MAGIC).put((byte) VERSION).put((byte) id.length).put(id).put(salt).put(prefix);
        return new Header(keyId, salt, prefix, b.array());
    }

    /** Parses a header from the start of a file; throws if it is not a Doorstep segment. */
    public static Header readHeader(java.nio.channels.FileChannel ch) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(6);
        readFully(ch, first, 0);
        byte[] f = first.array();
        for (int i = 0; i < 4; i++) {
            if (f[i] != MAGIC[i]) {
                throw new IOException("not an encrypted Doorstep segment");
            }
        }
        if (f[4] != VERSION) {
            throw new IOException("unknown segment format version " + f[4]);
        }
        int idLen = f[5] & 0xff;
        ByteBuffer all = ByteBuffer.allocate(6 + idLen + SALT_BYTES + PREFIX_BYTES);
        readFully(ch, all, 0);
        byte[] bytes = all.array();
        String keyId = new String(bytes, 6, idLen, StandardCharsets.US_ASCII);
        byte[] salt = java.util.Arrays.copyOfRange(bytes, 6 + idLen, 6 + idLen + SALT_BYTES);
        byte[] prefix = java.util.Arrays.copyOfRange(bytes, 6 + idLen + SALT_BYTES, bytes.length);
        return new Header(keyId, salt, prefix, bytes);
    }

    static void readFully(java.nio.channels.FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new java.io.EOFException("segment file ends early");
            }
        }
    }

    public static SecretKeySpec fileKey(byte[] dataKey, Header header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            mac.update(INFO);
            return new SecretKeySpec(mac.doFinal(header.salt()), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Fills {@code nonce} (12 bytes) for a chunk. */
    static void nonce(byte[] nonce, byte[] prefix, int index, boolean last) {
        System.arraycopy(prefix, 0, nonce, 0, PREFIX_BYTES);
        nonce[7] = (byte) (index >>> 24);
        nonce[8] = (byte) (index >>> 16);
        nonce[9] = (byte) (index >>> 8);
        nonce[10] = (byte) index;
        nonce[11] = (byte) (last ? 1 : 0);
    }

    /** AES-GCM under the file key, set up per chunk with that chunk's nonce and the header as associated data. */
    private static final class ChunkCipher {
        private final Cipher cipher;
        private final SecretKeySpec key;
        private final Header header;
        private final byte[] nonce = new byte[12];

        ChunkCipher(byte[] dataKey, Header header) {
            this.header = header;
            this.key = fileKey(dataKey, header);
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
        }

        Cipher forChunk(int mode, int index, boolean last) throws GeneralSecurityException {
            nonce(nonce, header.noncePrefix(), index, last);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(header.bytes());
            return cipher;
        }
    }

    /** Decrypts chunks of one file; not thread-safe (one per reader). */
    public static final class ChunkDecryptor {
        private final ChunkCipher chunks;

        public ChunkDecryptor(byte[] dataKey, Header header) {
            this.chunks = new ChunkCipher(dataKey, header);
        }

        /**
         * Decrypts one chunk into {@code out}; returns the plaintext length.
         *
         * @throws javax.crypto.AEADBadTagException when the chunk was altered, moved, or its final flag is wrong
         */
        public int decrypt(int index, boolean last, byte[] in, int off, int len, byte[] out) throws GeneralSecurityException {
            return chunks.forChunk(Cipher.DECRYPT_MODE, index, last).doFinal(in, off, len, out, 0);
        }
    }

    /** Encrypts chunks of one file; not thread-safe. */
    public static final class ChunkEncryptor {
        private static final int ENCRYPT_SLICE = 16 * 1024;
        private final ChunkCipher chunks;

        public ChunkEncryptor(byte[] dataKey, Header header) {
            this.chunks = new ChunkCipher(dataKey, header);
        }

        /** Writes length word + ciphertext of {@code plain[0..len)} into {@code out} at 0; returns bytes written. */
        public int encrypt(int index, boolean last, byte[] plain, int len, byte[] out) {
            try {
                Cipher cipher = chunks.forChunk(Cipher.ENCRYPT_MODE, index, last);
                // Fed in 16 KiB slices: same ciphertext and tag as one call, but the JDK's GCM runs its AES-NI/CLMUL
                // intrinsics on slices this size once warmed up (1.7 GB/s), while one 0.5-1 MiB call stayed in a path
                // the JIT did not compile to them (~100 MB/s, a third of a recorder thread's CPU).
                int n = 0;
                int off = 0;
                while (len - off > ENCRYPT_SLICE) {
                    n += cipher.update(plain, off, ENCRYPT_SLICE, out, 4 + n);
                    off += ENCRYPT_SLICE;
                }
                n += cipher.doFinal(plain, off, len - off, out, 4 + n);
                int word = n | (last ? FINAL_BIT : 0);
                out[0] = (byte) (word >>> 24);
                out[1] = (byte) (word >>> 16);
                out[2] = (byte) (word >>> 8);
                out[3] = (byte) word;
                return n + 4;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
        }
    }

    static int readWord(ByteBuffer b) {
        return b.order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    private static final int WARM_UP_ROUNDS = Integer.getInteger("doorstep.crypto.warmUpRounds", 12_000);
    private static final long WARM_UP_MAX_NANOS = 3_000_000_000L;

    /**
     * Runs the cipher path until the JIT's optimising compiler has compiled it, before the first camera writes.
     *
     * <p>Why so many rounds: the JDK's AES-GCM intrinsics (AES-CTR + GHASH with AES-NI/CLMUL) only apply in code that
     * C2 compiled, and C2 compiles the GCM driver methods after thousands of calls. A camera seals about one chunk
     * a second, so without this the cipher runs as plain Java (~90 MB/s, a third of a recorder thread's CPU) for
     * hours; compiled it runs at GB/s. Small chunks (above the JDK's 7680-byte parallel threshold) make the rounds
     * cheap; the loop stops after {@link #WARM_UP_MAX_NANOS} on a slow machine.
     */
    public static void warmUp() {
        Header h = newHeader("c0-19700101-00000000");
        byte[] key = new byte[32];
        ChunkEncryptor enc = new ChunkEncryptor(key, h);
        ChunkDecryptor dec = new ChunkDecryptor(key, h);
        byte[] plain = new byte[16 * 1024];
        byte[] out = new byte[plain.length + 64];
        byte[] back = new byte[plain.length + 64];
        long deadline = System.nanoTime() + WARM_UP_MAX_NANOS;
        for (int i = 0; i < WARM_UP_ROUNDS && System.nanoTime() - deadline < 0; i++) {
            int len = (i & 1) == 0 ? plain.length : 8 * 1024 + (i & 1023);
            int n = enc.encrypt(i, false, plain, len, out);
            if (i % 4 == 0) {
                try {
                    dec.decrypt(i, false, out, 4, n - 4, back);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
