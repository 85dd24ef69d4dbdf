package org.doorstep.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.doorstep.common.Permissions;

/**
 * Camera passwords, encrypted with AES-GCM under a vault key kept in the key folder (owner-only).
 * The database only holds an opaque reference, so a copied database file reveals no password.
 */
public final class CredentialVault {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path keysetFile;
    private final Path vaultFile;
    private final Aead aead;

    public CredentialVault(Path keysDir) {
        this.keysetFile = keysDir.resolve("vault.keyset.json");
        this.vaultFile = keysDir.resolve("credentials.json");
        try {
            AeadConfig.register();
            Files.createDirectories(keysDir);
            this.aead = loadOrCreateKeyset().getPrimitive(Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential vault key is unusable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeysetHandle loadOrCreateKeyset() throws IOException, GeneralSecurityException {
        if (Files.exists(keysetFile)) {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(keysetFile), InsecureSecretKeyAccess.get());
        }
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        writeOwnerOnly(keysetFile, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
        return handle;
    }

    /** Stores a password and returns the reference to keep in the database. */
    public synchronized String store(char[] password) {
        String ref = UUID.randomUUID().toString();
        byte[] plain = new String(password).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] cipher = aead.encrypt(plain, ref.getBytes(StandardCharsets.UTF_8));
            TreeMap<String, String> all = readAll();
            all.put(ref, Base64.getEncoder().encodeToString(cipher));
            writeAll(all);
            return ref;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt the password", e);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    public synchronized Optional<char[]> read(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        String encoded = readAll().get(ref);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            byte[] plain = aead.decrypt(Base64.getDecoder().decode(encoded), ref.getBytes(StandardCharsets.UTF_8));
            char[] chars = new String(plain, StandardCharsets.UTF_8).toCharArray();
            java.util.Arrays.fill(plain, (byte) 0);
            return Optional.of(chars);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored password cannot be decrypted (vault key changed?)", e);
        }
    }

    public synchronized void remove(String ref) {
        if (ref == null) {
            return;
        }
        TreeMap<String, String> all = readAll();
        if (all.remove(ref) != null) {
            writeAll(all);
        }
    }

    private TreeMap<String, String> readAll() {
        if (!Files.exists(vaultFile)) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(vaultFile.toFile(), new TypeReference<TreeMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAll(TreeMap<String, String> all) {
        try {
            writeOwnerOnly(vaultFile, JSON.writeValueAsString(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Permissions.ownerOnly(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
