package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.common.Permissions;

/**
 * Key-encryption keys (KEKs) under {@code keys/kek/}: every day key file is stored wrapped under the newest one.
 *
 * <p>Why a KEK at all, when day keys are already separate files: an SSD or a copy-on-write file system may keep an
 * old copy of a destroyed day key's file in blocks Doorstep cannot reach. If that copy is wrapped under a KEK that
 * is itself destroyed afterwards (rotation: re-wrap the remaining day keys under a fresh KEK, then destroy the old
 * one), the stale copy decrypts nothing. Generations are numbered; the highest is the current one.
 *
 * <p>The KEK lives in a file beside the day keys (owner-only). The OS key stores (DPAPI, Keychain, Secret Service)
 * would hold it better; this version does not use them, and docs/PRIVACY.md says what that means.
 */
final class KeyEncryptionKeys {
    private static final Pattern NAME = Pattern.compile("kek-(\\d{8})\\.key");
    static final int KEY_BYTES = 32;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    KeyEncryptionKeys(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Permissions.ownerOnly(dir);
    }

    /** A KEK generation and its secret. */
    record Kek(int generation, byte[] secret) {
        @Override
        public String toString() {
            return "Kek[" + generation + "]";
        }
    }

    /** Generations present on disk, oldest first. */
    synchronized List<Integer> generations() throws IOException {
        List<Integer> gens = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "kek-*.key")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    gens.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        Collections.sort(gens);
        return gens;
    }

    /** The newest KEK, created when there is none. */
    synchronized Kek current() throws IOException {
        List<Integer> gens = generations();
        if (gens.isEmpty()) {
            return create(1);
        }
        return find(gens.get(gens.size() - 1)).orElseThrow(() -> new IOException("key-encryption key unreadable"));
    }

    synchronized Optional<Kek> find(int generation) throws IOException {
        Path file = file(generation);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] secret = Files.readAllBytes(file);
        return secret.length == KEY_BYTES ? Optional.of(new Kek(generation, secret)) : Optional.empty();
    }

    /** A fresh KEK one generation above the newest. */
    synchronized Kek next() throws IOException {
        List<Integer> gens = generations();
        return create(gens.isEmpty() ? 1 : gens.get(gens.size() - 1) + 1);
    }

    private Kek create(int generation) throws IOException {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        Path tmp = dir.resolve("kek-" + String.format("%08d", generation) + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Permissions.ownerOnly(tmp);
            ch.write(ByteBuffer.wrap(secret));
            ch.force(true);
        }
        Files.move(tmp, file(generation), StandardCopyOption.ATOMIC_MOVE);
        return new Kek(generation, secret);
    }

    /** Zeroes the KEK's file in place, syncs and deletes it. */
    synchronized void destroy(int generation) throws IOException {
        SecureFiles.overwriteAndDelete(file(generation));
    }

    private Path file(int generation) {
        return dir.resolve("kek-" + String.format("%08d", generation) + ".key");
    }
}
