package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.doorstep.common.Permissions;

/**
 * Data keys for recorded segments, one small file per camera and UTC day under {@code <dataDir>/keys/segments},
 * each wrapped (AES-256-GCM) under the current key-encryption key ({@link KeyEncryptionKeys}).
 *
 * <p>Designed for crypto-erase: a key exists in exactly one file (owner-only) and in this process's memory,
 * never in the database or in a segment. {@link #destroy} overwrites and deletes the file, which makes every
 * segment of that camera-day unreadable even where the segment files themselves survive (SSD wear levelling,
 * backups); {@link #rotateKek} then makes stale copies of the key file itself useless. Key ids carry a random
 * suffix so a key recreated for a day after an erase is never mistaken for the destroyed one.
 *
 * <p>Files from before wrapping (32 raw bytes) are still read, and wrapped on the next rotation or start.
 */
public final class SegmentKeyStore {
    private static final Pattern KEY_ID = Pattern.compile("c\\d+-\\d{8}-[0-9a-f]{8}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int KEY_BYTES = 32;
    private static final byte[] WRAP_MAGIC = "DKW1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int WRAPPED_BYTES = 4 + 4 + NONCE_BYTES + KEY_BYTES + 16;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SegmentKeyStore.class);

    private final Path dir;
    private KeyEncryptionKeys keks;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SegmentKey> cache = new ConcurrentHashMap<>();
    /** Keys that an erase is about to destroy: still readable, but never handed out for new footage. */
    private final Set<String> retired = ConcurrentHashMap.newKeySet();

    /**
     * The key store with the KEK home the data folder's marker names, without asking any OS key store: the folder,
     * or, where the KEK lives in an OS store, the folder as a stand-in that never mistakes the store's keys for
     * destroyed ones (see {@link KeyStoreChoice} for the real choice at start).
     */
    public SegmentKeyStore(Path keysDir) throws IOException {
        this(keysDir, KeyStoreChoice.folderAsMarked(keysDir));
    }

    /** The key store with its KEKs in {@code home}. */
    public SegmentKeyStore(Path keysDir, KekHome home) throws IOException {
        this.dir = keysDir.resolve("segments");
        Files.createDirectories(dir);
        Permissions.ownerOnly(dir);
        this.keks = new KeyEncryptionKeys(home, this::highestWrappedGeneration);
        finishRotation();
    }

    /** Where the key-encryption key lives now. */
    public synchronized KekHome kekHome() {
        return keks.home();
    }

    /** A data key: its id (stored with each segment) and the 256-bit secret. */
    public record SegmentKey(String id, byte[] secret) {
        @Override
        public String toString() {
            return "SegmentKey[" + id + "]";
        }
    }

    /** The key for a camera's UTC day, created on first use; a retired key is never returned. */
    public synchronized SegmentKey keyFor(long cameraId, LocalDate day) throws IOException {
        String prefix = "c" + cameraId + "-" + DAY.format(day) + "-";
        for (SegmentKey k : cache.values()) {
            if (k.id().startsWith(prefix) && !retired.contains(k.id())) {
                return k;
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.key")) {
            for (Path p : ds) {
                String id = p.getFileName().toString().replace(".key", "");
                if (retired.contains(id)) {
                    continue;
                }
                try {
                    Optional<SegmentKey> k = find(id);
                    if (k.isPresent()) {
                        return k.get();
                    }
                } catch (KeyStoreUnavailableException e) {
                    // its KEK is in a key store that cannot be asked now: new footage gets a key of its own
                    // (wrapped under the current KEK) and the old key stays untouched for when the store is back
                }
            }
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String id = prefix + HexFormat.of().formatHex(suffix);
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        write(id, secret, keks.current());
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
        synchronized (this) {
            Optional<byte[]> secret = load(keyId);
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            SegmentKey key = new SegmentKey(keyId, secret.get());
            cache.put(keyId, key);
            return Optional.of(key);
        }
    }

    /**
     * Stops handing out this key for new footage (a fresh key is made for its day instead), so that footage
     * recorded while an erase runs is never written under a key the erase is about to destroy.
     */
    public void retire(String keyId) {
        if (keyId != null) {
            retired.add(keyId);
        }
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
            Arrays.fill(cached.secret(), (byte) 0);
        }
        retired.remove(keyId);
        return SecureFiles.overwriteAndDelete(dir.resolve(keyId + ".key")) || cached != null;
    }

    /**
     * Destroys many keys at once, the fast way: first every OTHER key is re-wrapped under a fresh key-encryption key
     * and the old one is destroyed, which leaves the files of {@code keyIds} wrapped under a key that no longer exists
     * (one synced overwrite instead of one per key); then their files are deleted and the in-memory copies zeroed.
     * Returns the ids that existed.
     */
    public synchronized List<String> destroyAll(java.util.Collection<String> keyIds) throws IOException {
        java.util.Set<String> doomed = new java.util.HashSet<>(keyIds);
        List<String> existed = new ArrayList<>();
        for (String id : keyIds) {
            if (KEY_ID.matcher(id).matches() && (cache.containsKey(id) || Files.exists(dir.resolve(id + ".key")))) {
                existed.add(id);
            }
        }
        // every remaining key is read first: a KEK home that cannot be asked stops the erase before any change
        Map<String, byte[]> remaining = new java.util.LinkedHashMap<>();
        for (String id : keyIds()) {
            if (!doomed.contains(id)) {
                load(id).ifPresent(secret -> remaining.put(id, secret));
            }
        }
        KeyEncryptionKeys.Kek fresh = keks.next();
        for (Map.Entry<String, byte[]> e : remaining.entrySet()) {
            write(e.getKey(), e.getValue(), fresh);
        }
        for (int gen : keks.generations()) {
            if (gen != fresh.generation()) {
                keks.destroy(gen);
            }
        }
        for (String id : keyIds) {
            SegmentKey cached = cache.remove(id);
            if (cached != null) {
                Arrays.fill(cached.secret(), (byte) 0);
            }
            retired.remove(id);
            Path file = dir.resolve(id + ".key");
            if (Files.exists(file) && Files.size(file) == KEY_BYTES) {
                SecureFiles.overwriteAndDelete(file); // an unwrapped key from an older version: zeroed first
            } else {
                Files.deleteIfExists(file); // wrapped under a destroyed key already
            }
        }
        return existed;
    }

    /**
     * Re-wraps every remaining day key under a fresh key-encryption key and destroys the old one(s). Returns the
     * generation now in use. A crash in the middle leaves both generations on disk; the next start finishes it.
     */
    public synchronized int rotateKek() throws IOException {
        KeyEncryptionKeys.Kek fresh = keks.next();
        rewrapAll(fresh);
        return fresh.generation();
    }

    /** The key-encryption key generation in use. */
    public synchronized int kekGeneration() throws IOException {
        return keks.current().generation();
    }

    private void finishRotation() throws IOException {
        List<Integer> gens = keks.generations();
        boolean legacy = false;
        for (String id : keyIds()) {
            if (Files.size(dir.resolve(id + ".key")) == KEY_BYTES) {
                legacy = true;
                break;
            }
        }
        if (gens.size() > 1 || legacy) {
            try {
                rewrapAll(keks.current());
            } catch (KeyStoreUnavailableException e) {
                // a generation is in a key store that cannot be asked now: finished at a start where it can
                LOG.warn("key-encryption key rotation left for later: {}", e.reason());
            }
        }
    }

    /**
     * Moves the KEK to another home: every generation is written there, read back, and checked to unwrap the day
     * keys wrapped under it; only then does {@code committed} run (the caller records the new home) and are the
     * old home's copies destroyed. Fails without a change to the old home when any step fails.
     */
    public synchronized void moveKekTo(KekHome target, IoAction committed) throws IOException {
        KekHome source = keks.home();
        List<Integer> gens;
        try {
            gens = copyGenerations(source, target);
            committed.run();
        } catch (IOException | RuntimeException e) {
            // the old home stays the home: copies already made in the target go again, so none is left behind
            for (int gen : source.generations()) {
                try {
                    target.delete(gen);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        keks.forget();
        keks = new KeyEncryptionKeys(target, this::highestWrappedGeneration);
        for (int gen : gens) {
            source.delete(gen);
        }
    }

    /**
     * Takes into the current home the generations another home holds (a migration a crash interrupted, or KEKs made
     * in the folder while the OS store could not be reached), each written, read back and checked before the other
     * home's copy is destroyed; then finishes the rotation to one generation.
     */
    public synchronized void adoptFrom(KekHome other) throws IOException {
        List<Integer> gens = copyGenerations(other, keks.home());
        for (int gen : gens) {
            other.delete(gen);
        }
        finishRotation();
    }

    /** A step that may fail with an IOException. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    private List<Integer> copyGenerations(KekHome from, KekHome to) throws IOException {
        List<Integer> gens = from.generations();
        List<String> ids = keyIds();
        for (int gen : gens) {
            byte[] secret = from.read(gen).orElseThrow(() -> new IOException("key-encryption key unreadable"));
            to.write(gen, secret);
            byte[] back = to.read(gen).orElse(new byte[0]);
            if (!Arrays.equals(secret, back)) {
                throw new IOException("the key store gave back a different key-encryption key");
            }
            for (String id : ids) {
                Path file = dir.resolve(id + ".key");
                if (wrappedGeneration(file) == gen && unwrap(id, Files.readAllBytes(file), back).isEmpty()) {
                    throw new IOException("the key-encryption key read back does not unwrap day key " + id);
                }
            }
        }
        return gens;
    }

    /** The highest KEK generation named by any wrapped day key file (0 when none). */
    private int highestWrappedGeneration() {
        int highest = 0;
        try {
            for (String id : keyIds()) {
                highest = Math.max(highest, wrappedGeneration(dir.resolve(id + ".key")));
            }
        } catch (IOException e) {
            LOG.warn("day keys could not be listed: {}", e.getMessage());
        }
        return highest;
    }

    private static int wrappedGeneration(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == WRAPPED_BYTES && Arrays.equals(bytes, 0, 4, WRAP_MAGIC, 0, 4)) {
                return ByteBuffer.wrap(bytes, 4, 4).getInt();
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private void rewrapAll(KeyEncryptionKeys.Kek target) throws IOException {
        for (String id : keyIds()) {
            Optional<byte[]> secret = load(id);
            if (secret.isPresent()) {
                write(id, secret.get(), target);
            } else {
                // wrapped under a KEK that is gone: it decrypts nothing any more, so it is removed
                SecureFiles.overwriteAndDelete(dir.resolve(id + ".key"));
            }
        }
        for (int gen : keks.generations()) {
            if (gen != target.generation()) {
                keks.destroy(gen);
            }
        }
    }

    private Optional<byte[]> load(String keyId) throws IOException {
        Path file = dir.resolve(keyId + ".key");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == KEY_BYTES) {
            return Optional.of(bytes); // written before key wrapping existed
        }
        if (bytes.length != WRAPPED_BYTES || !Arrays.equals(bytes, 0, 4, WRAP_MAGIC, 0, 4)) {
            return Optional.empty();
        }
        int generation = ByteBuffer.wrap(bytes, 4, 4).getInt();
        Optional<KeyEncryptionKeys.Kek> kek = keks.find(generation);
        if (kek.isEmpty()) {
            return Optional.empty();
        }
        return unwrap(keyId, bytes, kek.get().secret());
    }

    private static Optional<byte[]> unwrap(String keyId, byte[] bytes, byte[] kek) {
        if (bytes.length != WRAPPED_BYTES || !Arrays.equals(bytes, 0, 4, WRAP_MAGIC, 0, 4)) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(128, bytes, 8, NONCE_BYTES));
            c.updateAAD(aad(keyId));
            return Optional.of(c.doFinal(bytes, 8 + NONCE_BYTES, KEY_BYTES + 16));
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // altered, or wrapped for another id
        }
    }

    private void write(String keyId, byte[] secret, KeyEncryptionKeys.Kek kek) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate(WRAPPED_BYTES);
        out.put(WRAP_MAGIC).putInt(kek.generation()).put(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek.secret(), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(keyId));
            out.put(c.doFinal(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        Path file = dir.resolve(keyId + ".key");
        Path tmp = dir.resolve(keyId + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Permissions.ownerOnly(tmp);
            ch.write(out.flip());
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] aad(String keyId) {
        return ("doorstep-day-key|" + keyId).getBytes(StandardCharsets.US_ASCII);
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
    public List<String> keyIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.key")) {
            for (Path p : ds) {
                ids.add(p.getFileName().toString().replace(".key", ""));
            }
        }
        return ids;
    }
}
