package org.doorstep.privacy;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.WinCrypt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.common.Permissions;

/**
 * Windows DPAPI (CryptProtectData, current user): the KEK is kept in {@code keys/kek/kek-<n>.dpapi} as a blob only
 * this Windows user on this computer can open (Windows derives its key from the user's logon secret). The folder
 * id is the blob's extra entropy, so a blob copied into another data folder does not open there either.
 * Not testable on the Linux build machine; kept to the two documented calls.
 */
final class DpapiKeyStore implements OsKeyStore {
    private static final Pattern NAME = Pattern.compile("kek-(\\d{8})\\.dpapi");

    @Override
    public String name() {
        return "Windows DPAPI";
    }

    /** The blobs are files in the folder: a copy of the folder has its own. */
    @Override
    public boolean itemsOutsideTheFolder() {
        return false;
    }

    @Override
    public void probe() throws IOException {
        byte[] value = new byte[KeyEncryptionKeys.KEY_BYTES];
        new SecureRandom().nextBytes(value);
        byte[] entropy = "doorstep-probe".getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(unprotect(protect(value, entropy), entropy), value)) {
            throw new KeyStoreUnavailableException("DPAPI did not give back what it protected");
        }
    }

    @Override
    public KekHome home(Path kekDir, String folderId) {
        byte[] entropy = ("doorstep-kek|" + folderId).getBytes(StandardCharsets.US_ASCII);
        return new KekHome() {
            @Override
            public String name() {
                return "Windows DPAPI (keys/kek/*.dpapi)";
            }

            @Override
            public boolean osStore() {
                return true;
            }

            @Override
            public List<Integer> generations() throws IOException {
                List<Integer> gens = new ArrayList<>();
                if (Files.isDirectory(kekDir)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(kekDir, "kek-*.dpapi")) {
                        for (Path p : ds) {
                            Matcher m = NAME.matcher(p.getFileName().toString());
                            if (m.matches()) {
                                gens.add(Integer.parseInt(m.group(1)));
                            }
                        }
                    }
                }
                Collections.sort(gens);
                return gens;
            }

            @Override
            public Optional<byte[]> read(int generation) throws IOException {
                Path file = file(kekDir, generation);
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                return Optional.of(unprotect(Files.readAllBytes(file), entropy));
            }

            @Override
            public void write(int generation, byte[] secret) throws IOException {
                Files.createDirectories(kekDir);
                Path tmp = kekDir.resolve("kek-" + String.format("%08d", generation) + ".dpapi.tmp");
                Files.deleteIfExists(tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    Permissions.ownerOnly(tmp);
                    ch.write(ByteBuffer.wrap(protect(secret, entropy)));
                    ch.force(true);
                }
                Files.move(tmp, file(kekDir, generation), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public void delete(int generation) throws IOException {
                SecureFiles.overwriteAndDelete(file(kekDir, generation));
            }
        };
    }

    private static Path file(Path kekDir, int generation) {
        return kekDir.resolve("kek-" + String.format("%08d", generation) + ".dpapi");
    }

    private static byte[] protect(byte[] data, byte[] entropy) throws IOException {
        try {
            return Crypt32Util.cryptProtectData(data, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN,
                    "Doorstep key-encryption key", null);
        } catch (RuntimeException | LinkageError e) {
            throw new KeyStoreUnavailableException("DPAPI refused (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] unprotect(byte[] blob, byte[] entropy) throws IOException {
        try {
            return Crypt32Util.cryptUnprotectData(blob, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, null);
        } catch (RuntimeException | LinkageError e) {
            throw new KeyStoreUnavailableException("DPAPI cannot open the key (another Windows user or computer?): "
                    + e.getMessage(), e);
        }
    }
}
