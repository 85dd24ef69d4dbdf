package org.doorstep.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted segment format: nothing in clear, tampering and truncation detected, crypto-erase works. */
class SegmentEncryptionTest {
    @TempDir
    Path dir;

    /** Plaintext that looks like what the muxer writes: MP4 boxes and H.264 start codes. */
    private static byte[] mp4Like(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        byte[] ftyp = "\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(ftyp, 0, b, 0, ftyp.length);
        for (int i = 100; i + 4 < size; i += 997) {
            b[i] = 0;
            b[i + 1] = 0;
            b[i + 2] = 0;
            b[i + 3] = 1;
        }
        return b;
    }

    private Path write(SegmentKeyStore keys, byte[] plain, int sealEvery, boolean close) throws Exception {
        Path file = dir.resolve("seg-" + System.nanoTime() + ".dseg");
        EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, keys.keyFor(1, LocalDate.of(2026, 5, 1)),
                new EncryptingSegmentWriter.Buffers());
        for (int off = 0; off < plain.length; off += sealEvery) {
            w.write(plain, off, Math.min(sealEvery, plain.length - off));
            w.seal();
        }
        if (close) {
            w.close();
        } else {
            w.abandon();
        }
        return file;
    }

    private static byte[] readAll(DecryptingSegmentReader r) throws Exception {
        return r.stream(0).readAllBytes();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void roundTripsWithoutClearBytesOnDisk() throws Exception {
        SegmentKeyStore keys = new SegmentKeyStore(dir.resolve("keys"));
        byte[] plain = mp4Like(3_000_000);
        Path file = write(keys, plain, 400_000, true);

        byte[] disk = Files.readAllBytes(file);
        assertThat(indexOf(disk, "ftyp".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(indexOf(disk, new byte[] {0, 0, 0, 1, plain[104]})).isEqualTo(-1);
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(file, keys)) {
            assertThat(r.size()).isEqualTo(plain.length);
            assertThat(readAll(r)).isEqualTo(plain);
            byte[] mid = new byte[1000];
            int n = r.read(1_234_567, mid, 0, mid.length);
            assertThat(java.util.Arrays.copyOfRange(mid, 0, n))
                    .isEqualTo(java.util.Arrays.copyOfRange(plain, 1_234_567, 1_234_567 + n));
        }
    }

    @Test
    void tamperingIsDetected() throws Exception {
        SegmentKeyStore keys = new SegmentKeyStore(dir.resolve("keys"));
        byte[] plain = mp4Like(1_000_000);
        Path file = write(keys, plain, 300_000, true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(500_000);
            int b = raf.read();
            raf.seek(500_000);
            raf.write(b ^ 0x01);
        }
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(file, keys)) {
            assertThatThrownBy(() -> readAll(r)).isInstanceOf(DecryptingSegmentReader.DamagedSegmentException.class);
        }
    }

    @Test
    void cutShortFileIsRefusedForPlaybackButRecoverableToItsLastChunk() throws Exception {
        SegmentKeyStore keys = new SegmentKeyStore(dir.resolve("keys"));
        byte[] plain = mp4Like(1_000_000);
        // fragments below the writer's chunk size, so each is one chunk of 4 + 100,000 + 16 bytes on disk
        int fragment = 100_000;
        assertThat(fragment).isLessThan(EncryptingSegmentWriter.Buffers.CHUNK);
        Path file = write(keys, plain, fragment, true);
        // drop the final chunk and half of the one before: what a crash mid-write leaves
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - (4 + fragment + 16) - fragment / 2);
        }
        assertThatThrownBy(() -> DecryptingSegmentReader.open(file, keys))
                .isInstanceOf(DecryptingSegmentReader.DamagedSegmentException.class);
        try (DecryptingSegmentReader r = DecryptingSegmentReader.openForRecovery(file, keys)) {
            assertThat(r.complete()).isFalse();
            assertThat(r.size()).isEqualTo(800_000);
            assertThat(readAll(r)).isEqualTo(java.util.Arrays.copyOf(plain, 800_000));
        }
        // a writer that died without closing: all sealed chunks readable
        Path crashed = write(keys, plain, fragment, false);
        try (DecryptingSegmentReader r = DecryptingSegmentReader.openForRecovery(crashed, keys)) {
            assertThat(readAll(r)).isEqualTo(plain);
        }
    }

    @Test
    void destroyedKeyMakesTheSegmentUnreadable() throws Exception {
        SegmentKeyStore keys = new SegmentKeyStore(dir.resolve("keys"));
        Path file = write(keys, mp4Like(100_000), 50_000, true);
        String keyId;
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(file, keys)) {
            keyId = r.keyId();
        }
        assertThat(keys.destroy(keyId)).isTrue();
        assertThat(Files.list(dir.resolve("keys").resolve("segments")).count()).isZero();
        SegmentKeyStore reopened = new SegmentKeyStore(dir.resolve("keys"));
        assertThatThrownBy(() -> DecryptingSegmentReader.open(file, reopened))
                .isInstanceOf(DecryptingSegmentReader.KeyMissingException.class);
        // a new key for the same day is a different key
        assertThat(reopened.keyFor(1, LocalDate.of(2026, 5, 1)).id()).isNotEqualTo(keyId);
    }
}
