package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.doorstep.common.Permissions;

/**
 * Data keys for recorded segments, one small file per camera and UTC day under {@code <dataDir>/keys/segments}.
 *
 * <p>Designed for crypto-erase: a key exists in exactly one file (owner-only) and in this process's memory,
 * never in the database or in a segment. {@link #destroy} overwrites and deletes the file, which makes every
 * segment of that camera-day unreadable even where the segment files themselves survive (SSD wear levelling,
 * backups). Key ids carry a random suffix so a key recreated for a day after an erase is never mistaken for
 * the destroyed one.
 */
public final class SegmentKeyStore {
    private static final Pattern KEY_ID = Pattern.compile("c\\d+-\\d{8}-[0-9a-f]{8}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int KEY_BYTES = 32;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SegmentKey> cache = new ConcurrentHashMap<>();

    public SegmentKeyStore(Path keysDir) throws IOException {
        this.dir = keysDir.resolve("segments");
        Files.createDirectories(dir);
        Permissions.ownerOnly(dir);
    }

    /** A data key: its id (stored with each segment) and the 256-bit secret. */
    public record SegmentKey(String id, byte[] secret) {
        @Override
        public String toString() {
            return "SegmentKey[" + id + "]";
        }
    }

    /** The key for a camera's UTC day, created on first use. */
    public synchronized SegmentKey keyFor(long cameraId, LocalDate day) throws IOException {
        String prefix = "c" + cameraId + "-" + DAY.format(day) + "-";
        for (SegmentKey k : cache.values()) {
            if (k.id().startsWith(prefix)) {
                return k;
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.key")) {
            for (Path p : ds) {
                String id = p.getFileName().toString().replace(".key", "");
                Optional<SegmentKey> k = find(id);
                if (k.isPresent()) {
                    return k.get();
                }
            }
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String id = prefix + HexFormat.of().formatHex(suffix);
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        Path file = dir.resolve(id + ".key");
        Path tmp = dir.resolve(id + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Permissions.ownerOnly(tmp);
            ch.write(ByteBuffer.wrap(secret));
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        SegmentKey key = new SegmentKey(id, secret);
        cache.put(id, key);
        return key;
    }

    /** The key with this id, or empty when it never existed or was destroyed. */
    public Optional<SegmentKey> find(String keyId) throws IOException {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        SegmentKey cached = cache.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = dir.resolve(keyId + ".key");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length != KEY_BYTES) {
            return Optional.empty();
        }
        SegmentKey key = new SegmentKey(keyId, secret);
        cache.put(keyId, key);
        return Optional.of(key);
    }

    /**
     * Destroys a key: zeroes the file in place, syncs, deletes it and forgets the in-memory copy.
     * Returns false when there was no such key.
     */
    public synchronized boolean destroy(String keyId) throws IOException {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return false;
        }
        SegmentKey cached = cache.remove(keyId);
        if (cached != null) {
            java.util.Arrays.fill(cached.secret(), (byte) 0);
        }
        Path file = dir.resolve(keyId + ".key");
        if (!Files.exists(file)) {
            return cached != null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[(int) Math.max(KEY_BYTES, ch.size())]), 0);
            ch.force(true);
        }
        Files.delete(file);
        return true;
    }

    /** Camera id and UTC day a key id belongs to, for retention and erase. */
    public static Optional<LocalDate> dayOf(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        String[] parts = keyId.split("-");
        return Optional.of(LocalDate.parse(parts[1], DAY));
    }

    /** Ids of all keys present on disk. */
    public java.util.List<String> keyIds() throws IOException {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.key")) {
            for (Path p : ds) {
                ids.add(p.getFileName().toString().replace(".key", ""));
            }
        }
        return ids;
    }
}
