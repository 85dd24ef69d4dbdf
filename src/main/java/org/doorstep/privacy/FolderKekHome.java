package org.doorstep.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.common.Permissions;

/**
 * KEKs as owner-only files {@code keys/kek/kek-<generation>.key} in the data folder: the home when no OS key store
 * works or the owner keeps the folder portable.
 *
 * <p>As an <em>interim</em> home ({@link #interim}) it stands in for an OS key store that cannot be reached: new
 * generations go to files, and a generation it does not hold is reported as unavailable rather than destroyed,
 * because it may well be waiting in the unreachable store.
 */
final class FolderKekHome implements KekHome {
    private static final Pattern NAME = Pattern.compile("kek-(\\d{8})\\.key");

    private final Path dir;
    private final String elsewhere;

    private FolderKekHome(Path dir, String elsewhere) throws IOException {
        this.dir = dir;
        this.elsewhere = elsewhere;
        Files.createDirectories(dir);
        Permissions.ownerOnly(dir);
    }

    /** The folder as the KEK's one home. */
    static FolderKekHome of(Path kekDir) throws IOException {
        return new FolderKekHome(kekDir, null);
    }

    /** The folder standing in for an OS key store that cannot be reached now, for the given reason. */
    static FolderKekHome interim(Path kekDir, String unreachableStoreReason) throws IOException {
        return new FolderKekHome(kekDir, unreachableStoreReason);
    }

    boolean isInterim() {
        return elsewhere != null;
    }

    @Override
    public String name() {
        return "the data folder (keys/kek)";
    }

    @Override
    public boolean osStore() {
        return false;
    }

    @Override
    public synchronized List<Integer> generations() throws IOException {
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

    @Override
    public synchronized Optional<byte[]> read(int generation) throws IOException {
        Path file = file(generation);
        if (!Files.exists(file)) {
            if (elsewhere != null) {
                throw new KeyStoreUnavailableException(elsewhere);
            }
            return Optional.empty();
        }
        byte[] secret = Files.readAllBytes(file);
        return secret.length == KeyEncryptionKeys.KEY_BYTES ? Optional.of(secret) : Optional.empty();
    }

    @Override
    public synchronized void write(int generation, byte[] secret) throws IOException {
        Path tmp = dir.resolve("kek-" + String.format("%08d", generation) + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Permissions.ownerOnly(tmp);
            ch.write(ByteBuffer.wrap(secret));
            ch.force(true);
        }
        Files.move(tmp, file(generation), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Zeroes the file in place, syncs and deletes it. */
    @Override
    public synchronized void delete(int generation) throws IOException {
        SecureFiles.overwriteAndDelete(file(generation));
    }

    private Path file(int generation) {
        return dir.resolve("kek-" + String.format("%08d", generation) + ".key");
    }
}
