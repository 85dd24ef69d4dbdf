package org.doorstep.privacy;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Key-encryption keys (KEKs): every day key file is stored wrapped under the newest one.
 *
 * <p>Why a KEK at all, when day keys are already separate files: an SSD or a copy-on-write file system may keep an
 * old copy of a destroyed day key's file in blocks Doorstep cannot reach. If that copy is wrapped under a KEK that
 * is itself destroyed afterwards (rotation: re-wrap the remaining day keys under a fresh KEK, then destroy the old
 * one), the stale copy decrypts nothing. Generations are numbered; the highest is the current one.
 *
 * <p>Where they live is a {@link KekHome}: an OS key store where one works, else {@code keys/kek/} in the data
 * folder. Secrets read once are kept in memory (like the day keys they wrap), so a keyring locked while Doorstep
 * runs does not stop the recording.
 */
final class KeyEncryptionKeys {
    static final int KEY_BYTES = 32;

    private final KekHome home;
    /** The highest generation any day key file names: a new KEK never reuses one that an unreachable store holds. */
    private final IntSupplier highestWrapped;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, byte[]> known = new ConcurrentHashMap<>();

    KeyEncryptionKeys(KekHome home, IntSupplier highestWrapped) {
        this.home = home;
        this.highestWrapped = highestWrapped;
    }

    KekHome home() {
        return home;
    }

    /** A KEK generation and its secret. */
    record Kek(int generation, byte[] secret) {
        @Override
        public String toString() {
            return "Kek[" + generation + "]";
        }
    }

    /** Generations present in the home, oldest first. */
    synchronized List<Integer> generations() throws IOException {
        return home.generations();
    }

    /** The newest KEK, created when there is none. */
    synchronized Kek current() throws IOException {
        List<Integer> gens = generations();
        if (gens.isEmpty()) {
            return create(Math.max(0, highestWrapped.getAsInt()) + 1);
        }
        int newest = gens.get(gens.size() - 1);
        return find(newest).orElseThrow(() -> new IOException("key-encryption key unreadable"));
    }

    synchronized Optional<Kek> find(int generation) throws IOException {
        byte[] secret = known.get(generation);
        if (secret == null) {
            Optional<byte[]> read = home.read(generation);
            if (read.isEmpty() || read.get().length != KEY_BYTES) {
                return Optional.empty();
            }
            secret = read.get();
            known.put(generation, secret);
        }
        return Optional.of(new Kek(generation, secret));
    }

    /** A fresh KEK one generation above the newest. */
    synchronized Kek next() throws IOException {
        List<Integer> gens = generations();
        int newest = gens.isEmpty() ? 0 : gens.get(gens.size() - 1);
        return create(Math.max(newest, highestWrapped.getAsInt()) + 1);
    }

    private Kek create(int generation) throws IOException {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        home.write(generation, secret);
        known.put(generation, secret);
        return new Kek(generation, secret);
    }

    /** Zeroes every in-memory copy (this object is being replaced, as when the KEK moved to another home). */
    synchronized void forget() {
        known.values().forEach(secret -> java.util.Arrays.fill(secret, (byte) 0));
        known.clear();
    }

    /** Destroys a generation in its home and forgets the in-memory copy. */
    synchronized void destroy(int generation) throws IOException {
        byte[] secret = known.remove(generation);
        if (secret != null) {
            java.util.Arrays.fill(secret, (byte) 0);
        }
        home.delete(generation);
    }
}
